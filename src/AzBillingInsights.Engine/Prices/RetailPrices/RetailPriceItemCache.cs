using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.IO;
using Microsoft.Extensions.Caching.Memory;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// The price items of Retail Prices queries as Get-AzRetailPrice lists them (every price type, savings plans,
    /// reservation terms), kept per origin, currency and query in memory and on disk beside the
    /// <see cref="PriceStore"/>'s price lists, under its expiry and disk folder, so a second run in a new process
    /// does not download again. A download streams its pages as they arrive and is kept only once read to the end.
    /// </summary>
    public sealed class RetailPriceItemCache : IDisposable
    {
        private static readonly Lazy<RetailPriceItemCache> SharedCache = new Lazy<RetailPriceItemCache>(() => new RetailPriceItemCache(PriceStore.Shared));

        private readonly PriceStore _store;
        private readonly Func<DateTimeOffset> _clock;
        private readonly MemoryCache _memory = new MemoryCache(new MemoryCacheOptions());

        public RetailPriceItemCache(PriceStore store, Func<DateTimeOffset>? clock = null)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The process's cache, beside <see cref="PriceStore.Shared"/>.</summary>
        public static RetailPriceItemCache Shared => SharedCache.Value;

        /// <summary>
        /// The pages of <paramref name="query"/>: from memory or disk as one page when fresh (and not
        /// <paramref name="force"/>d), otherwise downloaded by <paramref name="client"/> page by page and kept.
        /// </summary>
        public async IAsyncEnumerable<RetailPricePage> ReadAsync(RetailPricesClient client, RetailPriceQuery query, bool force,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (client is null)
            {
                throw new ArgumentNullException(nameof(client));
            }

            var key = new PriceEntryKey(PriceOrigin.From(client.BaseAddress), new RetailPricesKey(query));
            RetailPriceItemFile? cached = force ? null : TryGetFresh(key);
            if (cached is not null)
            {
                yield return new RetailPricePage(cached.Prices, nextPageLink: null, cached.Currency);
                yield break;
            }

            DateTimeOffset retrievedAt = _clock();
            var prices = new List<RetailPrice>();
            string currency = query.CurrencyCode;
            await foreach (RetailPricePage page in client.ReadAsync(query, resumeFrom: null, cancellationToken).ConfigureAwait(false))
            {
                prices.AddRange(page.Prices);
                currency = page.BillingCurrency.Length > 0 ? page.BillingCurrency : currency;
                yield return page;
            }

            Keep(new RetailPriceItemFile(key.Origin, (RetailPricesKey)key.Key, retrievedAt, currency, prices));
        }

        /// <summary>Every price of <paramref name="query"/>, through the cache (the full listings what-if comparisons read per meter).</summary>
        public async Task<IReadOnlyList<RetailPrice>> ReadAllAsync(RetailPricesClient client, RetailPriceQuery query, bool force, CancellationToken cancellationToken)
        {
            var prices = new List<RetailPrice>();
            await foreach (RetailPricePage page in ReadAsync(client, query, force, cancellationToken).ConfigureAwait(false))
            {
                prices.AddRange(page.Prices);
            }

            return prices;
        }

        /// <summary>What is cached, in memory and on disk, as the price store lists its price lists.</summary>
        public IReadOnlyList<PriceCacheEntry> GetEntries()
        {
            TimeSpan expiry = _store.Expiry;
            var entries = new List<PriceCacheEntry>();
            foreach (object key in _memory.Keys)
            {
                if (_memory.TryGetValue(key, out object? value) && value is RetailPriceItemFile items)
                {
                    entries.Add(new PriceCacheEntry(items.Key, items.Origin, PriceCacheSource.Memory, items.RetrievedAt, items.RetrievedAt + expiry, items.Prices.Count, null));
                }
            }

            foreach ((string path, RetailPriceItemFile.Header header) in DiskHeaders())
            {
                entries.Add(new PriceCacheEntry(header.Key, header.Origin, PriceCacheSource.Disk, header.RetrievedAt, header.RetrievedAt + expiry, header.Count, path));
            }

            return entries;
        }

        /// <summary>Forgets cached items, as <see cref="PriceStore.Clear"/> does for price lists.</summary>
        public void Clear(PriceCacheScope scope = PriceCacheScope.All, PriceOrigin? origin = null, PriceKey? key = null)
        {
            if ((scope & PriceCacheScope.Memory) != 0)
            {
                foreach (object cached in _memory.Keys)
                {
                    if (cached is PriceEntryKey entry && (origin is null || entry.Origin.Equals(origin)) && (key is null || entry.Key.Equals(key)))
                    {
                        _memory.Remove(cached);
                    }
                }
            }

            if ((scope & PriceCacheScope.Disk) != 0)
            {
                foreach ((string path, RetailPriceItemFile.Header header) in DiskHeaders())
                {
                    if ((origin is null || header.Origin.Equals(origin)) && (key is null || header.Key.Equals(key)))
                    {
                        DeleteQuietly(path);
                    }
                }
            }
        }

        public void Dispose() => _memory.Dispose();

        private RetailPriceItemFile? TryGetFresh(PriceEntryKey key)
        {
            DateTimeOffset now = _clock();
            TimeSpan expiry = _store.Expiry;
            if (_memory.TryGetValue(key, out object? value) && value is RetailPriceItemFile inMemory && inMemory.RetrievedAt + expiry > now)
            {
                return inMemory;
            }

            string? path = PathOf(key);
            if (path is null || !File.Exists(path))
            {
                return null;
            }

            try
            {
                RetailPriceItemFile? onDisk = RetailPriceItemFile.Read(File.ReadAllBytes(path), key);
                if (onDisk is null || onDisk.RetrievedAt + expiry <= now)
                {
                    return null;
                }

                Remember(onDisk, expiry, now);
                return onDisk;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException || e is RetailPricesFormatException)
            {
                // A damaged or foreign file is downloaded again, never half-used.
                DeleteQuietly(path);
                return null;
            }
        }

        private void Keep(RetailPriceItemFile items)
        {
            Remember(items, _store.Expiry, _clock());
            string? path = PathOf(new PriceEntryKey(items.Origin, items.Key));
            if (path is null)
            {
                return;
            }

            try
            {
                AtomicFilePublisher.ReplaceCacheFile(path, items.Write());
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A read-only profile still works, from memory.
            }
        }

        private void Remember(RetailPriceItemFile items, TimeSpan expiry, DateTimeOffset now)
        {
            TimeSpan lifetime = items.RetrievedAt + expiry - now;
            if (lifetime > TimeSpan.Zero)
            {
                _memory.Set(new PriceEntryKey(items.Origin, items.Key), items, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime });
            }
        }

        private string? PathOf(PriceEntryKey key)
        {
            string? folder = _store.DiskCacheDirectory;
            return folder is null ? null : Path.Combine(folder, RetailPriceItemFile.FileNameOf(key));
        }

        private IEnumerable<(string Path, RetailPriceItemFile.Header Header)> DiskHeaders()
        {
            string? folder = _store.DiskCacheDirectory;
            if (folder is null || !Directory.Exists(folder))
            {
                return Array.Empty<(string, RetailPriceItemFile.Header)>();
            }

            var headers = new List<(string, RetailPriceItemFile.Header)>();
            foreach (string path in Directory.GetFiles(folder, "*" + RetailPriceItemFile.Extension))
            {
                try
                {
                    using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 4096));
                    if (RetailPriceItemFile.Header.Parse(reader.ReadLine()) is RetailPriceItemFile.Header header)
                    {
                        headers.Add((path, header));
                    }
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // Deleted meanwhile, or not ours to read.
                }
            }

            return headers.OrderBy(h => h.Item1, StringComparer.Ordinal).ToList();
        }

        private static void DeleteQuietly(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Best effort: a file another process holds open is replaced on its next download.
            }
        }
    }
}
