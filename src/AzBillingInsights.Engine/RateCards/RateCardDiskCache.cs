using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.RateCards
{
    /// <summary>
    /// Raw RateCard bodies in a folder, so a new process (a runbook job, a new session) skips the slow
    /// download. Each card is two files: the body as served ("KEY.json") and a small sidecar
    /// ("KEY.meta.json") with the key, retrieval time, meter count and body length. Both are written to a
    /// temporary file and renamed into place, and a body is only published after it parsed, so readers
    /// never see half a file; anything unreadable is treated as absent and deleted.
    /// </summary>
    internal sealed class RateCardDiskCache
    {
        private const string BodySuffix = ".json";
        private const string MetaSuffix = ".meta.json";

        public RateCardDiskCache(string directory)
        {
            if (string.IsNullOrWhiteSpace(directory))
            {
                throw new ArgumentException("The disk cache needs a folder.", nameof(directory));
            }

            Directory = System.IO.Path.GetFullPath(directory);
        }

        public string Directory { get; }

        /// <summary>The cached card, or null when there is none, it is older than <paramref name="expiry"/>, or it is unreadable.</summary>
        public RateCard? TryRead(RateCardKey key, DateTimeOffset now, TimeSpan expiry)
        {
            string bodyPath = BodyPath(key);
            string metaPath = MetaPath(key);
            if (!File.Exists(metaPath))
            {
                return null;
            }

            DiskMeta? meta = ReadMeta(metaPath);
            if (meta is null || !meta.Key.Equals(key))
            {
                DeleteQuietly(bodyPath, metaPath);
                return null;
            }

            if (now - meta.RetrievedAt >= expiry)
            {
                return null;
            }

            try
            {
                using var body = new FileStream(bodyPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024);
                if (body.Length != meta.Length)
                {
                    throw new RateCardFormatException("The cached body's length differs from the length recorded with it", body.Length);
                }

                return RateCardReader.Read(body, key, meta.RetrievedAt);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is RateCardFormatException)
            {
                DeleteQuietly(bodyPath, metaPath);
                return null;
            }
        }

        /// <summary>
        /// Parses <paramref name="body"/> while copying it to the cache, then publishes it. When the folder cannot be
        /// written at all, the body is parsed straight from the stream instead: a read-only profile still works.
        /// <paramref name="onMeterRead"/>, when given, gets each meter as it is read, before the card is published.
        /// </summary>
        public async Task<RateCard> StoreAsync(RateCardKey key, Stream body, DateTimeOffset retrievedAt, Action<Meter>? onMeterRead, CancellationToken cancellationToken)
        {
            string stem = key.ToFileStem();
            string tempBody = System.IO.Path.Combine(Directory, $"{stem}.{Guid.NewGuid():N}.tmp");
            FileStream file;
            try
            {
                System.IO.Directory.CreateDirectory(Directory);
                file = new FileStream(tempBody, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return RateCardReader.Read(body, key, retrievedAt, onMeterRead);
            }

            try
            {
                RateCard card;
                long length;
                using (file)
                {
                    var copying = new CopyingReadStream(body, file, cancellationToken);
                    card = RateCardReader.Read(copying, key, retrievedAt, onMeterRead);
                    copying.CopyRest();
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    length = file.Length;
                }

                Publish(key, tempBody, new DiskMeta(key, retrievedAt, card.Meters.Count, length));
                return card;
            }
            finally
            {
                DeleteQuietly(tempBody);
            }
        }

        public IReadOnlyList<RateCardCacheEntry> List(TimeSpan expiry)
        {
            var entries = new List<RateCardCacheEntry>();
            if (!System.IO.Directory.Exists(Directory))
            {
                return entries;
            }

            foreach (string metaPath in System.IO.Directory.GetFiles(Directory, "*" + MetaSuffix))
            {
                DiskMeta? meta = ReadMeta(metaPath);
                if (meta is not null && File.Exists(BodyPath(meta.Key)))
                {
                    entries.Add(new RateCardCacheEntry(meta.Key, RateCardCacheSource.Disk, meta.RetrievedAt, meta.RetrievedAt + expiry, meta.MeterCount, BodyPath(meta.Key)));
                }
            }

            return entries;
        }

        public void Remove(RateCardKey? key)
        {
            if (key is not null)
            {
                DeleteQuietly(BodyPath(key), MetaPath(key));
                return;
            }

            if (System.IO.Directory.Exists(Directory))
            {
                foreach (string metaPath in System.IO.Directory.GetFiles(Directory, "*" + MetaSuffix))
                {
                    string stem = System.IO.Path.GetFileName(metaPath);
                    stem = stem.Substring(0, stem.Length - MetaSuffix.Length);
                    DeleteQuietly(metaPath, System.IO.Path.Combine(Directory, stem + BodySuffix));
                }
            }
        }

        private string BodyPath(RateCardKey key) => System.IO.Path.Combine(Directory, key.ToFileStem() + BodySuffix);

        private string MetaPath(RateCardKey key) => System.IO.Path.Combine(Directory, key.ToFileStem() + MetaSuffix);

        private void Publish(RateCardKey key, string tempBody, DiskMeta meta)
        {
            string tempMeta = System.IO.Path.Combine(Directory, $"{key.ToFileStem()}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(tempMeta, FileMode.CreateNew, FileAccess.Write))
                using (var writer = new Utf8JsonWriter(stream))
                {
                    meta.Write(writer);
                }

                // Body first: a reader that meets the new body with the old sidecar sees a length mismatch and refetches.
                MoveReplacing(tempBody, BodyPath(key));
                MoveReplacing(tempMeta, MetaPath(key));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // The card is already parsed; failing to cache it costs only a later download.
            }
            finally
            {
                DeleteQuietly(tempMeta);
            }
        }

        /// <summary>An atomic rename over an existing file (netstandard2.0 has no File.Move overwrite).</summary>
        private static void MoveReplacing(string source, string destination)
        {
            if (File.Exists(destination))
            {
                File.Replace(source, destination, destinationBackupFileName: null);
                return;
            }

            try
            {
                File.Move(source, destination);
            }
            catch (IOException) when (File.Exists(destination))
            {
                // Another process published the same card between the check and the move.
                File.Replace(source, destination, destinationBackupFileName: null);
            }
        }

        private static DiskMeta? ReadMeta(string metaPath)
        {
            try
            {
                return DiskMeta.Parse(File.ReadAllBytes(metaPath));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is JsonException || e is FormatException
                || e is KeyNotFoundException || e is InvalidOperationException || e is ArgumentException)
            {
                return null;
            }
        }

        private static void DeleteQuietly(params string[] paths)
        {
            foreach (string path in paths)
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

        private sealed class DiskMeta
        {
            public DiskMeta(RateCardKey key, DateTimeOffset retrievedAt, int meterCount, long length)
            {
                Key = key;
                RetrievedAt = retrievedAt;
                MeterCount = meterCount;
                Length = length;
            }

            public RateCardKey Key { get; }
            public DateTimeOffset RetrievedAt { get; }
            public int MeterCount { get; }
            public long Length { get; }

            public static DiskMeta Parse(byte[] json)
            {
                using JsonDocument doc = JsonDocument.Parse(json);
                JsonElement root = doc.RootElement;
                var key = new RateCardKey(
                    root.GetProperty("OfferDurableId").GetString()!,
                    root.GetProperty("Currency").GetString()!,
                    root.GetProperty("Locale").GetString()!,
                    root.GetProperty("RegionInfo").GetString()!);
                return new DiskMeta(key, root.GetProperty("RetrievedAt").GetDateTimeOffset(), root.GetProperty("MeterCount").GetInt32(), root.GetProperty("Length").GetInt64());
            }

            public void Write(Utf8JsonWriter writer)
            {
                writer.WriteStartObject();
                writer.WriteString("OfferDurableId", Key.OfferDurableId);
                writer.WriteString("Currency", Key.Currency);
                writer.WriteString("Locale", Key.Locale);
                writer.WriteString("RegionInfo", Key.RegionInfo);
                writer.WriteString("RetrievedAt", RetrievedAt);
                writer.WriteNumber("MeterCount", MeterCount);
                writer.WriteNumber("Length", Length);
                writer.WriteEndObject();
            }
        }
    }
}
