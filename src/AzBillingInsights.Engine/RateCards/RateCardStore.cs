using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Memory;

namespace AzBillingInsights.Engine.RateCards
{
    /// <summary>
    /// The rate cards of this process: downloaded once, kept in memory (and optionally on disk) until they
    /// expire, shared by every runspace. Concurrent requests for the same card share one download; a failed
    /// download is not remembered, so the next request tries again.
    /// </summary>
    public sealed class RateCardStore : IDisposable
    {
        private static readonly Lazy<RateCardStore> SharedStore = new Lazy<RateCardStore>(
            () => new RateCardStore(new RateCardStoreOptions { DiskCacheDirectory = RateCardStoreOptions.DefaultDiskCacheDirectory }));

        private readonly MemoryCache _memory = new MemoryCache(new MemoryCacheOptions());
        private readonly ConcurrentDictionary<FlightKey, Lazy<Flight>> _flights = new ConcurrentDictionary<FlightKey, Lazy<Flight>>();
        private readonly Func<DateTimeOffset> _clock;
        private long _expiryTicks;
        private volatile RateCardDiskCache? _disk;

        public RateCardStore(RateCardStoreOptions? options = null)
        {
            options ??= new RateCardStoreOptions();
            _clock = options.Clock ?? (() => DateTimeOffset.UtcNow);
            Expiry = options.Expiry;
            DiskCacheDirectory = options.DiskCacheDirectory;
        }

        /// <summary>The process-wide store, with the disk cache in the user's cache folder.</summary>
        public static RateCardStore Shared => SharedStore.Value;

        /// <summary>How long a card is served after its download. Applies to later look-ups, including cards already cached.</summary>
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
            set => _disk = string.IsNullOrWhiteSpace(value) ? null : new RateCardDiskCache(value!);
        }

        /// <summary>
        /// The card for <paramref name="key"/>: from memory, else from the disk cache, else from
        /// <paramref name="download"/>, which returns the raw response body (the caller owns HTTP).
        /// <paramref name="forceRefresh"/> skips both caches and downloads.
        /// Cancelling stops this caller's wait; the download itself stops only when every caller waiting for it has cancelled.
        /// <para>
        /// <paramref name="onMeterRead"/> lets a caller use the meters while the body is still arriving. It is called
        /// only when this call starts the download: with each meter as it is read, in the order of
        /// <see cref="RateCard.Meters"/>, on the download's thread, one call at a time. A card served from memory or
        /// disk, or a download another caller started, calls it never; so a caller that counted k calls finds the rest
        /// of the card at <c>Meters[k..]</c>. No call reaches it once this call has returned or thrown (a cancelled caller
        /// is detached while the download goes on for others; detaching waits for a call in progress, so the callback
        /// must not block indefinitely). If it throws, it is detached, the download goes on for the other callers,
        /// and this call throws that exception. If the download fails, the meters already passed were all there was.
        /// </para>
        /// </summary>
        public async Task<RateCard> GetAsync(
            RateCardKey key,
            Func<RateCardKey, CancellationToken, Task<Stream>> download,
            bool forceRefresh = false,
            CancellationToken cancellationToken = default,
            Action<Meter>? onMeterRead = null)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (download is null)
            {
                throw new ArgumentNullException(nameof(download));
            }

            if (!forceRefresh && TryGetFresh(key, out RateCard? cached))
            {
                return cached!;
            }

            var flightKey = new FlightKey(key, forceRefresh);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // The relay reaches the download only if this call's flight is the one published, i.e. this call starts it.
                MeterRelay? relay = onMeterRead is null ? null : new MeterRelay(onMeterRead);
                Lazy<Flight> mine = CreateFlight(flightKey, download, relay);
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

        /// <summary>The card if it is in memory and not expired; never downloads.</summary>
        public bool TryGetFresh(RateCardKey key, out RateCard? card)
        {
            if (_memory.TryGetValue(key, out object? value) && value is CachedRateCard entry && entry.ExpiresAt(Expiry) > _clock())
            {
                card = entry.Card;
                return true;
            }

            card = null;
            return false;
        }

        /// <summary>What is cached: memory entries, and disk entries (which may also be in memory), expired ones included.</summary>
        public IReadOnlyList<RateCardCacheEntry> GetEntries()
        {
            TimeSpan expiry = Expiry;
            var entries = new List<RateCardCacheEntry>();
            foreach (object key in _memory.Keys)
            {
                if (_memory.TryGetValue(key, out object? value) && value is CachedRateCard entry)
                {
                    entries.Add(new RateCardCacheEntry(entry.Card.Key, RateCardCacheSource.Memory, entry.Card.RetrievedAt, entry.ExpiresAt(expiry), entry.Card.Meters.Count, null));
                }
            }

            RateCardDiskCache? disk = _disk;
            if (disk is not null)
            {
                entries.AddRange(disk.List(expiry));
            }

            return entries;
        }

        /// <summary>Forgets cached cards: one key or all, in memory, on disk, or both.</summary>
        public void Clear(RateCardCacheScope scope = RateCardCacheScope.All, RateCardKey? key = null)
        {
            if ((scope & RateCardCacheScope.Memory) != 0)
            {
                if (key is null)
                {
                    _memory.Clear();
                }
                else
                {
                    _memory.Remove(key);
                }
            }

            if ((scope & RateCardCacheScope.Disk) != 0)
            {
                _disk?.Remove(key);
            }
        }

        public void Dispose() => _memory.Dispose();

        private Lazy<Flight> CreateFlight(FlightKey flightKey, Func<RateCardKey, CancellationToken, Task<Stream>> download, MeterRelay? relay)
        {
            Lazy<Flight>? lazy = null;
            // The Lazy runs the download once, after GetOrAdd has published it, so the flight can remove itself when done.
            lazy = new Lazy<Flight>(() =>
            {
                var flight = new Flight();
                flight.Work = LoadAsync(flightKey, download, relay, lazy!, flight.Token);
                return flight;
            });
            return lazy;
        }

        private async Task<RateCard> LoadAsync(
            FlightKey flightKey, Func<RateCardKey, CancellationToken, Task<Stream>> download, MeterRelay? relay, Lazy<Flight> self, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Yield(); // never run the download inline inside Lazy.Value
                RateCardKey key = flightKey.Key;
                TimeSpan expiry = Expiry;
                RateCardDiskCache? disk = _disk;
                RateCard? card = null;
                if (!flightKey.Force && disk is not null)
                {
                    card = disk.TryRead(key, _clock(), expiry);
                }

                if (card is null)
                {
                    DateTimeOffset retrievedAt = _clock();
                    using Stream body = await download(key, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException($"The rate card download for {key} returned no body.");
                    Action<Meter>? onMeterRead = relay is null ? null : relay.Deliver;
                    card = disk is not null
                        ? await disk.StoreAsync(key, body, retrievedAt, onMeterRead, cancellationToken).ConfigureAwait(false)
                        : RateCardReader.Read(body, key, retrievedAt, onMeterRead);
                }

                var entry = new CachedRateCard(card);
                TimeSpan lifetime = entry.ExpiresAt(expiry) - _clock();
                if (lifetime > TimeSpan.Zero)
                {
                    _memory.Set(key, entry, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime });
                }

                return card;
            }
            finally
            {
                ((ICollection<KeyValuePair<FlightKey, Lazy<Flight>>>)_flights).Remove(new KeyValuePair<FlightKey, Lazy<Flight>>(flightKey, self));
            }
        }

        /// <summary>The card once <paramref name="work"/> ends; sooner the failure of this caller's meter callback, or its cancellation.</summary>
        private static async Task<RateCard> WaitAsync(Task<RateCard> work, MeterRelay? relay, CancellationToken cancellationToken)
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

        /// <summary>
        /// Hands the meters of a download to the caller that started it, until that caller detaches. Calls run under a
        /// lock, so once <see cref="Detach"/> returns no call is running and none will start. A callback that throws is
        /// detached and its exception kept for its own caller: the shared download never sees it.
        /// </summary>
        private sealed class MeterRelay
        {
            private readonly object _gate = new object();
            private readonly Action<Meter> _onMeterRead;
            private readonly TaskCompletionSource<bool> _failed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            private List<Meter>? _beforeJoin = new List<Meter>();
            private bool _detached;

            public MeterRelay(Action<Meter> onMeterRead) => _onMeterRead = onMeterRead;

            /// <summary>Faults with the callback's exception; never completes otherwise.</summary>
            public Task Failed => _failed.Task;

            public void Deliver(Meter meter)
            {
                lock (_gate)
                {
                    if (_detached)
                    {
                        return;
                    }

                    if (_beforeJoin is not null)
                    {
                        _beforeJoin.Add(meter);
                        return;
                    }

                    Hand(meter);
                }
            }

            /// <summary>
            /// The caller has joined the download: meters read before that are handed over now, in order. Until then
            /// they are held back, because a caller that fails to join (another caller abandoned the download in the
            /// meantime) starts afresh, and must not have seen the first meters twice.
            /// </summary>
            public void Open()
            {
                lock (_gate)
                {
                    List<Meter> held = _beforeJoin ?? throw new InvalidOperationException("The relay is open already.");
                    _beforeJoin = null;
                    foreach (Meter meter in held)
                    {
                        if (_detached)
                        {
                            return;
                        }

                        Hand(meter);
                    }
                }
            }

            private void Hand(Meter meter)
            {
                try
                {
                    _onMeterRead(meter);
                }
                catch (Exception e)
                {
                    _detached = true;
                    _failed.TrySetException(e);
                }
            }

            public void Detach()
            {
                lock (_gate)
                {
                    _detached = true;
                }
            }
        }

        private sealed class CachedRateCard
        {
            public CachedRateCard(RateCard card) => Card = card;

            public RateCard Card { get; }

            /// <summary>Expiry counts from the download, even for a card read back from disk.</summary>
            public DateTimeOffset ExpiresAt(TimeSpan expiry) => Card.RetrievedAt + expiry;
        }

        /// <summary>One download (or disk read) that any number of callers wait for.</summary>
        private sealed class Flight
        {
            private readonly object _gate = new object();
            private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
            private int _waiters;
            private bool _abandoned;

            public Task<RateCard> Work { get; set; } = null!;

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
            public FlightKey(RateCardKey key, bool force)
            {
                Key = key;
                Force = force;
            }

            public RateCardKey Key { get; }
            public bool Force { get; }

            public bool Equals(FlightKey other) => Force == other.Force && Key.Equals(other.Key);

            public override bool Equals(object? obj) => obj is FlightKey other && Equals(other);

            public override int GetHashCode() => Key.GetHashCode() ^ (Force ? 1 : 0);
        }
    }
}
