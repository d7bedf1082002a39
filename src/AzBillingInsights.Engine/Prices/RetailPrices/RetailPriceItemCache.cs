using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Memory;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// The price items of Retail Prices queries as Get-AzRetailPrice lists them (every price type, savings plans,
    /// reservation terms), kept per origin, currency and query in memory and on disk beside the
    /// <see cref="PriceStore"/>'s price lists, under its expiry and disk folder, so a second run in a new process
    /// does not download again. A download streams its pages as they arrive and is kept only once read to the end.
    /// Concurrent reads of one query (several runspaces) download it once: the others wait for that download and are
    /// served from the cache, or download themselves when it was cut short and kept nothing.
    /// </summary>
    public sealed class RetailPriceItemCache : IDisposable
    {
        private static readonly Lazy<RetailPriceItemCache> SharedCache = new Lazy<RetailPriceItemCache>(() => new RetailPriceItemCache(PriceStore.Shared));

        private readonly PriceStore _store;
        private readonly Func<DateTimeOffset> _clock;
        private readonly MemoryCache _memory = new MemoryCache(new MemoryCacheOptions());
        private readonly ConcurrentDictionary<PriceEntryKey, Task> _downloads = new ConcurrentDictionary<PriceEntryKey, Task>();

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
            var download = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            while (true)
            {
                RetailPriceItemFile? cached = force ? null : TryGetFresh(key);
                if (cached is not null)
                {
                    yield return new RetailPricePage(cached.Prices, nextPageLink: null, cached.Currency);
                    yield break;
                }

                if (force || _downloads.TryAdd(key, download.Task))
                {
                    break;
                }

                if (_downloads.TryGetValue(key, out Task? running))
                {
                    await running.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            RetailPriceItemFileWriter? file = null;
            bool started = false;
            try
            {
                DateTimeOffset retrievedAt = _clock();
                var prices = new List<RetailPrice>();
                string currency = query.CurrencyCode;
                await foreach (RetailPricePage page in client.ReadAsync(query, resumeFrom: null, cancellationToken).ConfigureAwait(false))
                {
                    if (!started)
                    {
                        // The file is begun once, with the first page's currency; one that fails is not begun again.
                        started = true;
                        currency = page.BillingCurrency.Length > 0 ? page.BillingCurrency : currency;
                        file = StartFile(key, retrievedAt, currency);
                    }

                    prices.AddRange(page.Prices);
                    // Written to disk as it arrives, while the caller works on the page: no pass after the download.
                    file = AddToFile(file, page.Prices);
                    yield return page;
                }

                Remember(new RetailPriceItemFile(key.Origin, (RetailPricesKey)key.Key, retrievedAt, currency, prices), _store.Expiry, _clock());
                PublishFile(file);
            }
            finally
            {
                file?.Dispose();
                // Kept, failed or abandoned: the waiters look at the cache again either way.
                ((ICollection<KeyValuePair<PriceEntryKey, Task>>)_downloads).Remove(new KeyValuePair<PriceEntryKey, Task>(key, download.Task));
                download.TrySetResult(true);
            }
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
                PriceEntryKey.RemoveMatching(_memory, origin, key);
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

        private RetailPriceItemFileWriter? StartFile(PriceEntryKey key, DateTimeOffset retrievedAt, string currency)
        {
            string? path = PathOf(key);
            return path is null ? null : RetailPriceItemFileWriter.TryStart(path, key, retrievedAt, currency);
        }

        /// <summary>The file with <paramref name="prices"/> added; null once it could not be written (a full or read-only disk: the cache works from memory).</summary>
        private static RetailPriceItemFileWriter? AddToFile(RetailPriceItemFileWriter? file, IReadOnlyList<RetailPrice> prices)
        {
            try
            {
                file?.Add(prices);
                return file;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                file!.Dispose();
                return null;
            }
        }

        private static void PublishFile(RetailPriceItemFileWriter? file)
        {
            try
            {
                file?.Publish();
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
