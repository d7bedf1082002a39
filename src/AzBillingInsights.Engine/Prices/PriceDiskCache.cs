using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using AzBillingInsights.Engine.IO;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>
    /// Parsed prices in a folder, so a new process (a runbook job, a new session) skips the slow read. One file per
    /// entry (<see cref="PriceListFile"/>'s format), named by a hash of source, origin and key, and holding those three
    /// itself, checked on every read. Files are written aside and renamed into place, so readers never see half a
    /// file; an unreadable file is treated as absent and deleted. Files of other layouts (the raw bodies an older
    /// version cached, a newer format version) are never read.
    /// </summary>
    internal sealed class PriceDiskCache
    {
        private const string Extension = ".prices";

        public PriceDiskCache(string directory)
        {
            if (string.IsNullOrWhiteSpace(directory))
            {
                throw new ArgumentException("The disk cache needs a folder.", nameof(directory));
            }

            Directory = Path.GetFullPath(directory);
        }

        public string Directory { get; }

        /// <summary>The cached prices, or null when there are none, they are older than <paramref name="expiry"/>, or they are unreadable.</summary>
        public PriceList? TryRead(PriceOrigin origin, PriceKey key, DateTimeOffset now, TimeSpan expiry)
        {
            string path = FilePath(origin, key);
            if (!File.Exists(path))
            {
                return null;
            }

            try
            {
                byte[] content = File.ReadAllBytes(path);
                PriceListFile.Header? header = PriceListFile.ReadHeader(content);
                if (header is null || !header.Origin.Equals(origin) || !header.Key.Equals(key) || now - header.RetrievedAt >= expiry)
                {
                    return null;
                }

                return PriceListFile.Read(content);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                DeleteQuietly(path);
                return null;
            }
        }

        /// <summary>Caches <paramref name="prices"/>; a folder that cannot be written costs only a later read from the source.</summary>
        public void Store(PriceList prices)
        {
            byte[] content = PriceListFile.Write(prices);
            try
            {
                AtomicFilePublisher.ReplaceCacheFile(FilePath(prices.Origin, prices.Key), content);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A read-only profile still works, from memory.
            }
        }

        public IReadOnlyList<PriceCacheEntry> List(TimeSpan expiry)
        {
            var entries = new List<PriceCacheEntry>();
            foreach ((string path, PriceListFile.Header header) in Headers())
            {
                entries.Add(new PriceCacheEntry(header.Key, header.Origin, PriceCacheSource.Disk, header.RetrievedAt, header.RetrievedAt + expiry, header.MeterCount, path));
            }

            return entries;
        }

        /// <summary>Deletes the entries of <paramref name="origin"/> and <paramref name="key"/>; either null matches any.</summary>
        public void Remove(PriceOrigin? origin, PriceKey? key)
        {
            if (origin is not null && key is not null)
            {
                DeleteQuietly(FilePath(origin, key));
                return;
            }

            foreach ((string path, PriceListFile.Header header) in Headers())
            {
                if ((origin is null || header.Origin.Equals(origin)) && (key is null || header.Key.Equals(key)))
                {
                    DeleteQuietly(path);
                }
            }
        }

        /// <summary>The readable entries of the folder, each with the header of its file.</summary>
        private IEnumerable<(string Path, PriceListFile.Header Header)> Headers()
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                yield break;
            }

            foreach (string path in System.IO.Directory.GetFiles(Directory, "*" + Extension))
            {
                PriceListFile.Header? header = null;
                try
                {
                    using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096);
                    header = PriceListFile.ReadHeader(file);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
                {
                    // Deleted meanwhile, or not ours to read.
                }

                if (header is not null)
                {
                    yield return (path, header);
                }
            }
        }

        private string FilePath(PriceOrigin origin, PriceKey key)
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Source}\n{origin.Value}\n{key.Id.ToUpperInvariant()}"));
            var name = new StringBuilder(key.Source.Length + 1 + 32 + Extension.Length).Append(key.Source).Append('-');
            for (int i = 0; i < 16; i++)
            {
                name.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return Path.Combine(Directory, name.Append(Extension).ToString());
        }

        private static void DeleteQuietly(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Best effort: a file another process holds open is retried on its next use.
            }
        }
    }
}
