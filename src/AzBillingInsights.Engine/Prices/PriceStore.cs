using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Memory;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>
    /// The prices of this process: read once from their source, kept in memory (and optionally on disk) until they
    /// expire, shared by every runspace. Entries are keyed by source, origin and the source's key, so prices read from
    /// one endpoint are never served for another. Concurrent requests for the same prices share one read; a failed
    /// read is not remembered, so the next request tries again.
    /// </summary>
    public sealed class PriceStore : IDisposable
    {
        private static readonly Lazy<PriceStore> SharedStore = new Lazy<PriceStore>(
            () => new PriceStore(new PriceStoreOptions { DiskCacheDirectory = PriceStoreOptions.DefaultDiskCacheDirectory }));

        private readonly MemoryCache _memory = new MemoryCache(new MemoryCacheOptions());
        private readonly ConcurrentDictionary<FlightKey, Lazy<Flight>> _flights = new ConcurrentDictionary<FlightKey, Lazy<Flight>>();
        private readonly Func<DateTimeOffset> _clock;
        private long _expiryTicks;
        private volatile PriceDiskCache? _disk;

        public PriceStore(PriceStoreOptions? options = null)
        {
            options ??= new PriceStoreOptions();
            _clock = options.Clock ?? (() => DateTimeOffset.UtcNow);
            Expiry = options.Expiry;
            DiskCacheDirectory = options.DiskCacheDirectory;
        }

        /// <summary>The process-wide store, with the disk cache in the user's cache folder.</summary>
        public static PriceStore Shared => SharedStore.Value;

        /// <summary>How long prices are served after they were read. Applies to later look-ups, including prices already cached.</summary>
        public TimeSpan Expiry
        {
            get => new TimeSpan(Interlocked.Read(ref _expiryTicks));
            set
            {
                if (value <= TimeSpan.Zero)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), value, "The expiry must be positive.");
                }

                Interlocked.Exchange(ref _expiryTicks, value.Ticks);
            }
        }

        /// <summary>The disk cache folder; null turns the disk cache off.</summary>
        public string? DiskCacheDirectory
        {
            get => _disk?.Directory;
            set => _disk = string.IsNullOrWhiteSpace(value) ? null : new PriceDiskCache(value!);
        }

        /// <summary>
        /// The prices of <paramref name="key"/> from <paramref name="source"/>'s origin: from memory, else from the disk
        /// cache, else read from <paramref name="source"/>. <paramref name="forceRefresh"/> skips both caches.
        /// Cancelling stops this caller's wait; the read itself stops only when every caller waiting for it has cancelled.
        /// <para>
        /// <paramref name="onMeterRead"/> lets a caller use the meters while the source is still reading. It is called
        /// only when this call starts the read: with each meter as it is read, in the order of
        /// <see cref="PriceList.Meters"/>, on the read's thread, one call at a time. Prices served from memory or
        /// disk, or a read another caller started, call it never; so a caller that counted k calls finds the rest
        /// at <c>Meters[k..]</c>. No call reaches it once this call has returned or thrown (a cancelled caller
        /// is detached while the read goes on for others; detaching waits for a call in progress, so the callback
        /// must not block indefinitely). If it throws, it is detached, the read goes on for the other callers,
        /// and this call throws that exception. If the read fails, the meters already passed were all there was.
        /// </para>
        /// </summary>
        public async Task<PriceList> GetAsync<TKey>(
            IPriceSource<TKey> source,
            TKey key,
            bool forceRefresh = false,
            CancellationToken cancellationToken = default,
            Action<Meter>? onMeterRead = null)
            where TKey : PriceKey
        {
            if (source is null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (!forceRefresh && TryGetFresh(source.Origin, key, out PriceList? cached))
            {
                return cached!;
            }

            var entryKey = new PriceEntryKey(source.Origin, key);
            Func<DateTimeOffset, Action<Meter>?, CancellationToken, Task<PriceList>> read = (retrievedAt, onRead, ct) => source.LoadAsync(key, retrievedAt, onRead, ct);
            var flightKey = new FlightKey(entryKey, forceRefresh);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The relay reaches the download only if this call's flight is the one published, i.e. this call starts it.
                MeterRelay? relay = onMeterRead is null ? null : new MeterRelay(onMeterRead);
                Lazy<Flight> mine = CreateFlight(flightKey, read, relay);
                Lazy<Flight> lazy = _flights.GetOrAdd(flightKey, mine);
                Flight flight = lazy.Value;
                if (!flight.TryJoin())
                {
                    // Every earlier caller gave up and the download was cancelled: start afresh.
                    relay?.Detach();
                    ((ICollection<KeyValuePair<FlightKey, Lazy<Flight>>>)_flights).Remove(new KeyValuePair<FlightKey, Lazy<Flight>>(flightKey, lazy));
                    continue;
                }

                try
                {
                    MeterRelay? streaming = ReferenceEquals(lazy, mine) ? relay : null;
                    streaming?.Open();
                    return await WaitAsync(flight.Work, streaming, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // Detach before leaving: once this caller is gone, no meter may reach it.
                    relay?.Detach();
                    flight.Leave();
                }
            }
        }

        /// <summary>The prices of <paramref name="key"/> from <paramref name="origin"/> if they are in memory and not expired; never reads.</summary>
        public bool TryGetFresh(PriceOrigin origin, PriceKey key, out PriceList? prices)
        {
            if (_memory.TryGetValue(new PriceEntryKey(origin, key), out object? value) && value is PriceList cached && ExpiresAt(cached, Expiry) > _clock())
            {
                prices = cached;
                return true;
            }

            prices = null;
            return false;
        }

        /// <summary>What is cached: memory entries, and disk entries (which may also be in memory), expired ones included.</summary>
        public IReadOnlyList<PriceCacheEntry> GetEntries()
        {
            TimeSpan expiry = Expiry;
            var entries = new List<PriceCacheEntry>();
            foreach (object key in _memory.Keys)
            {
                if (_memory.TryGetValue(key, out object? value) && value is PriceList prices)
                {
                    entries.Add(new PriceCacheEntry(prices.Key, prices.Origin, PriceCacheSource.Memory, prices.RetrievedAt, ExpiresAt(prices, expiry), prices.Meters.Count, null));
                }
            }

            PriceDiskCache? disk = _disk;
            if (disk is not null)
            {
                entries.AddRange(disk.List(expiry));
            }

            return entries;
        }

        /// <summary>
        /// Forgets cached prices in memory, on disk, or both: those of <paramref name="origin"/> and <paramref name="key"/>
        /// when given, else all of one origin, all of one key (from any origin), or everything.
        /// </summary>
        public void Clear(PriceCacheScope scope = PriceCacheScope.All, PriceOrigin? origin = null, PriceKey? key = null)
        {
            if ((scope & PriceCacheScope.Memory) != 0)
            {
                PriceEntryKey.RemoveMatching(_memory, origin, key);
            }

            if ((scope & PriceCacheScope.Disk) != 0)
            {
                _disk?.Remove(origin, key);
            }
        }

        public void Dispose() => _memory.Dispose();

        /// <summary>Expiry counts from the read, even for prices read back from disk.</summary>
        private static DateTimeOffset ExpiresAt(PriceList prices, TimeSpan expiry) => prices.RetrievedAt + expiry;

        private Lazy<Flight> CreateFlight(FlightKey flightKey, Func<DateTimeOffset, Action<Meter>?, CancellationToken, Task<PriceList>> read, MeterRelay? relay)
        {
            Lazy<Flight>? lazy = null;
            // The Lazy runs the read once, after GetOrAdd has published it, so the flight can remove itself when done.
            lazy = new Lazy<Flight>(() =>
            {
                var flight = new Flight();
                flight.Work = LoadAsync(flightKey, read, relay, lazy!, flight.Token);
                return flight;
            });
            return lazy;
        }

        private async Task<PriceList> LoadAsync(
            FlightKey flightKey, Func<DateTimeOffset, Action<Meter>?, CancellationToken, Task<PriceList>> read, MeterRelay? relay, Lazy<Flight> self, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Yield(); // never run the read inline inside Lazy.Value
                PriceEntryKey key = flightKey.Entry;
                TimeSpan expiry = Expiry;
                PriceDiskCache? disk = _disk;
                PriceList? prices = null;
                if (!flightKey.Force && disk is not null)
                {
                    prices = disk.TryRead(key.Origin, key.Key, _clock(), expiry);
                }

                if (prices is null)
                {
                    prices = await read(_clock(), relay is null ? null : relay.Deliver, cancellationToken).ConfigureAwait(false);
                    if (!prices.Origin.Equals(key.Origin) || !prices.Key.Equals(key.Key))
                    {
                        throw new InvalidOperationException($"The price source read {prices.Key} from {prices.Origin} when asked for {key.Key} from {key.Origin}.");
                    }

                    disk?.Store(prices);
                }

                TimeSpan lifetime = ExpiresAt(prices, expiry) - _clock();
                if (lifetime > TimeSpan.Zero)
                {
                    _memory.Set(key, prices, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime });
                }

                return prices;
            }
            finally
            {
                ((ICollection<KeyValuePair<FlightKey, Lazy<Flight>>>)_flights).Remove(new KeyValuePair<FlightKey, Lazy<Flight>>(flightKey, self));
            }
        }

        /// <summary>The prices once <paramref name="work"/> ends; sooner the failure of this caller's meter callback, or its cancellation.</summary>
        private static async Task<PriceList> WaitAsync(Task<PriceList> work, MeterRelay? relay, CancellationToken cancellationToken)
        {
            if (!work.IsCompleted && (cancellationToken.CanBeCanceled || relay is not null))
            {
                var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (cancellationToken.Register(state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
                {
                    Task first = relay is null
                        ? await Task.WhenAny(work, cancelled.Task).ConfigureAwait(false)
                        : await Task.WhenAny(work, cancelled.Task, relay.Failed).ConfigureAwait(false);
                    if (first == cancelled.Task)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }
                }
            }

            // A callback that failed just before the end is reported all the same: this caller's output is incomplete.
            if (relay is not null && relay.Failed.IsCompleted)
            {
                await relay.Failed.ConfigureAwait(false);
            }

            return await work.ConfigureAwait(false);
        }

        /// <summary>One read (from the source or the disk) that any number of callers wait for.</summary>
        private sealed class Flight
        {
            private readonly object _gate = new object();
            private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
            private int _waiters;
            private bool _abandoned;

            public Task<PriceList> Work { get; set; } = null!;

            public CancellationToken Token => _cancellation.Token;

            public bool TryJoin()
            {
                lock (_gate)
                {
                    if (_abandoned)
                    {
                        return false;
                    }

                    _waiters++;
                    return true;
                }
            }

            public void Leave()
            {
                lock (_gate)
                {
                    if (--_waiters == 0 && !Work.IsCompleted)
                    {
                        _abandoned = true;
                        _cancellation.Cancel();
                    }
                }
            }
        }

        private readonly struct FlightKey : IEquatable<FlightKey>
        {
            public FlightKey(PriceEntryKey entry, bool force)
            {
                Entry = entry;
                Force = force;
            }

            public PriceEntryKey Entry { get; }
            public bool Force { get; }

            public bool Equals(FlightKey other) => Force == other.Force && Entry.Equals(other.Entry);

            public override bool Equals(object? obj) => obj is FlightKey other && Equals(other);

            public override int GetHashCode() => Entry.GetHashCode() ^ (Force ? 1 : 0);
        }
    }
}
