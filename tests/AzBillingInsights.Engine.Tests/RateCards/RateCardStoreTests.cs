using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.RateCards;

namespace AzBillingInsights.Engine.Tests.RateCards
{
    public sealed class RateCardStoreTests : IDisposable
    {
        private static readonly RateCardKey Key = new RateCardKey("MS-AZR-0003P", "USD", "en-US", "US");
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "azbi-store-" + Guid.NewGuid().ToString("N"));
        private DateTimeOffset _now = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        private int _downloads;

        public void Dispose()
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }

        private RateCardStore NewStore(bool disk) => new RateCardStore(new RateCardStoreOptions
        {
            Clock = () => _now,
            DiskCacheDirectory = disk ? _folder : null,
        });

        private Task<Stream> Download(RateCardKey key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _downloads);
            return Task.FromResult<Stream>(GeneratedRateCard.Stream(10));
        }

        private static Task<Stream> MustNotDownload(RateCardKey key, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no download expected");

        [Fact]
        public async Task Concurrent_gets_for_the_same_card_download_it_once()
        {
            using RateCardStore store = NewStore(disk: false);
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<Stream> SlowDownload(RateCardKey key, CancellationToken ct)
            {
                Interlocked.Increment(ref _downloads);
                await gate.Task;
                return GeneratedRateCard.Stream(10);
            }

            Task<RateCard>[] gets = Enumerable.Range(0, 32)
                .Select(i => Task.Run(() => store.GetAsync(i % 2 == 0 ? Key : new RateCardKey("ms-azr-0003p", "usd", "EN-us", "us"), SlowDownload)))
                .ToArray();
            await Task.Delay(100);
            gate.SetResult(true);
            RateCard[] cards = await Task.WhenAll(gets);

            Assert.Equal(1, _downloads);
            Assert.All(cards, card => Assert.Same(cards[0], card));
            Assert.Same(cards[0], await store.GetAsync(Key, MustNotDownload));
        }

        [Fact]
        public async Task An_expired_card_is_downloaded_again()
        {
            using RateCardStore store = NewStore(disk: false);
            store.Expiry = TimeSpan.FromHours(2);
            await store.GetAsync(Key, Download);

            _now = _now.AddHours(1);
            await store.GetAsync(Key, Download);
            Assert.Equal(1, _downloads);

            _now = _now.AddHours(1.5);
            RateCard card = await store.GetAsync(Key, Download);
            Assert.Equal(2, _downloads);
            Assert.Equal(_now, card.RetrievedAt);
        }

        [Fact]
        public async Task A_failed_download_is_not_cached()
        {
            using RateCardStore store = NewStore(disk: true);
            await Assert.ThrowsAsync<IOException>(() => store.GetAsync(Key, (k, ct) => throw new IOException("network down")));
            // A body that breaks off mid-way is not cached either, in memory or on disk.
            byte[] body = GeneratedRateCard.Body(10);
            await Assert.ThrowsAsync<RateCardFormatException>(() => store.GetAsync(Key, (k, ct) => Task.FromResult<Stream>(new MemoryStream(body, 0, body.Length - 20))));
            Assert.Empty(store.GetEntries());
            Assert.Empty(Directory.GetFiles(_folder));

            RateCard card = await store.GetAsync(Key, Download);

            Assert.Equal(10, card.Meters.Count);
            Assert.Equal(1, _downloads);
        }

        [Fact]
        public async Task A_new_store_is_served_from_the_disk_cache()
        {
            using (RateCardStore first = NewStore(disk: true))
            {
                await first.GetAsync(Key, Download);
            }

            _now = _now.AddHours(3);
            using RateCardStore second = NewStore(disk: true);
            RateCard card = await second.GetAsync(new RateCardKey("ms-azr-0003p", "usd", "en-us", "us"), MustNotDownload);

            Assert.Equal(10, card.Meters.Count);
            Assert.Equal(_now.AddHours(-3), card.RetrievedAt);
            Assert.Equal(1, _downloads);
            RateCardCacheEntry disk = Assert.Single(second.GetEntries(), e => e.Source == RateCardCacheSource.Disk);
            Assert.Equal(10, disk.MeterCount);
            Assert.Equal(card.RetrievedAt.AddDays(1), disk.ExpiresAt);
            Assert.Single(second.GetEntries(), e => e.Source == RateCardCacheSource.Memory);
        }

        [Fact]
        public async Task A_disk_entry_older_than_the_expiry_is_ignored()
        {
            using (RateCardStore first = NewStore(disk: true))
            {
                await first.GetAsync(Key, Download);
            }

            _now = _now.AddDays(1).AddMinutes(1);
            using RateCardStore second = NewStore(disk: true);
            RateCard card = await second.GetAsync(Key, Download);

            Assert.Equal(2, _downloads);
            Assert.Equal(_now, card.RetrievedAt);
        }

        [Theory]
        [InlineData("truncate")]
        [InlineData("garbage")]
        [InlineData("meta")]
        public async Task A_corrupt_disk_file_is_ignored_and_replaced(string damage)
        {
            using (RateCardStore first = NewStore(disk: true))
            {
                await first.GetAsync(Key, Download);
            }

            string body = Directory.GetFiles(_folder, "*.json").Single(f => !f.EndsWith(".meta.json", StringComparison.Ordinal));
            switch (damage)
            {
                case "truncate":
                    File.WriteAllBytes(body, File.ReadAllBytes(body).Take(100).ToArray());
                    break;
                case "garbage":
                    byte[] bytes = File.ReadAllBytes(body);
                    bytes[bytes.Length / 2] = 0x01; // a control character is invalid anywhere in JSON
                    File.WriteAllBytes(body, bytes);
                    break;
                default:
                    File.WriteAllText(Directory.GetFiles(_folder, "*.meta.json").Single(), "{\"OfferDurableId\":");
                    break;
            }

            using (RateCardStore second = NewStore(disk: true))
            {
                Assert.Equal(10, (await second.GetAsync(Key, Download)).Meters.Count);
            }

            Assert.Equal(2, _downloads);
            using RateCardStore third = NewStore(disk: true);
            Assert.Equal(10, (await third.GetAsync(Key, MustNotDownload)).Meters.Count);
            Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
        }

        [Fact]
        public async Task Force_refresh_downloads_even_when_cached()
        {
            using RateCardStore store = NewStore(disk: true);
            RateCard first = await store.GetAsync(Key, Download);
            _now = _now.AddMinutes(5);

            RateCard refreshed = await store.GetAsync(Key, Download, forceRefresh: true);

            Assert.Equal(2, _downloads);
            Assert.NotSame(first, refreshed);
            Assert.Same(refreshed, await store.GetAsync(Key, MustNotDownload));
            using RateCardStore other = NewStore(disk: true);
            Assert.Equal(_now, (await other.GetAsync(Key, MustNotDownload)).RetrievedAt);
        }

        [Fact]
        public async Task Clear_forgets_memory_and_disk_entries_separately()
        {
            using RateCardStore store = NewStore(disk: true);
            await store.GetAsync(Key, Download);
            Assert.Equal(2, store.GetEntries().Count);

            store.Clear(RateCardCacheScope.Memory);
            Assert.Equal(RateCardCacheSource.Disk, Assert.Single(store.GetEntries()).Source);
            await store.GetAsync(Key, MustNotDownload);

            store.Clear(RateCardCacheScope.All, new RateCardKey("MS-AZR-0003P", "USD", "en-US", "US"));
            Assert.Empty(store.GetEntries());
            await store.GetAsync(Key, Download);
            Assert.Equal(2, _downloads);
        }

        [Fact]
        public async Task A_caller_that_cancels_does_not_cancel_the_download_for_others()
        {
            using RateCardStore store = NewStore(disk: false);
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            CancellationToken downloadToken = default;
            async Task<Stream> SlowDownload(RateCardKey key, CancellationToken ct)
            {
                downloadToken = ct;
                Interlocked.Increment(ref _downloads);
                await gate.Task;
                return GeneratedRateCard.Stream(3);
            }

            using var cancel = new CancellationTokenSource();
            Task<RateCard> impatient = store.GetAsync(Key, SlowDownload, cancellationToken: cancel.Token);
            Task<RateCard> patient = store.GetAsync(Key, SlowDownload);
            await Task.Delay(50);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
            Assert.False(downloadToken.IsCancellationRequested);
            gate.SetResult(true);
            Assert.Equal(3, (await patient).Meters.Count);
            Assert.Equal(1, _downloads);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task The_caller_that_starts_the_download_gets_the_meters_in_order_while_the_body_is_still_arriving(bool disk)
        {
            using RateCardStore store = NewStore(disk);
            using var body = new PausingStream(GeneratedRateCard.Body(200));
            var seen = new ConcurrentQueue<string>();

            Task<RateCard> get = store.GetAsync(Key, (k, ct) => Task.FromResult<Stream>(body), onMeterRead: meter => seen.Enqueue(meter.MeterId));
            await body.Paused.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.False(get.IsCompleted);
            Assert.InRange(seen.Count, 1, 199);
            Assert.Equal(Enumerable.Range(0, seen.Count).Select(GeneratedRateCard.MeterIdOf), seen);
            body.Resume();
            RateCard card = await get;
            Assert.Equal(card.Meters.Select(m => m.MeterId), seen);
        }

        [Fact]
        public async Task A_caller_that_joins_a_download_or_is_served_from_memory_gets_no_meters_and_the_whole_card()
        {
            using RateCardStore store = NewStore(disk: false);
            using var body = new PausingStream(GeneratedRateCard.Body(200));
            int first = 0, joined = 0, cached = 0;

            Task<RateCard> starter = store.GetAsync(Key, (k, ct) => Task.FromResult<Stream>(body), onMeterRead: _ => first++);
            Task<RateCard> joiner = store.GetAsync(Key, MustNotDownload, onMeterRead: _ => Interlocked.Increment(ref joined));
            await body.Paused.WaitAsync(TimeSpan.FromSeconds(10));
            body.Resume();

            RateCard card = await joiner;
            Assert.Same(card, await starter);
            Assert.Equal(200, card.Meters.Count);
            Assert.Equal(200, first);
            Assert.Equal(0, joined);
            Assert.Same(card, await store.GetAsync(Key, MustNotDownload, onMeterRead: _ => cached++));
            Assert.Equal(0, cached);
        }

        [Fact]
        public async Task A_streaming_caller_that_cancels_gets_no_more_meters_while_the_download_goes_on_for_others()
        {
            using RateCardStore store = NewStore(disk: false);
            using var body = new PausingStream(GeneratedRateCard.Body(200));
            using var cancel = new CancellationTokenSource();
            int streamed = 0;

            Task<RateCard> starter = store.GetAsync(Key, (k, ct) => Task.FromResult<Stream>(body), cancellationToken: cancel.Token, onMeterRead: _ => Interlocked.Increment(ref streamed));
            Task<RateCard> other = store.GetAsync(Key, MustNotDownload);
            await body.Paused.WaitAsync(TimeSpan.FromSeconds(10));
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starter);
            int atCancel = Volatile.Read(ref streamed);
            body.Resume();

            Assert.Equal(200, (await other).Meters.Count);
            Assert.InRange(atCancel, 1, 199);
            Assert.Equal(atCancel, Volatile.Read(ref streamed));
        }

        [Fact]
        public async Task A_meter_callback_that_throws_fails_only_its_own_caller()
        {
            using RateCardStore store = NewStore(disk: true);
            using var body = new PausingStream(GeneratedRateCard.Body(200));
            int calls = 0;
            void Throwing(Meter meter)
            {
                if (++calls == 10)
                {
                    throw new InvalidOperationException("the consumer broke");
                }
            }

            // Both callers are in before any meter is read, so the failing one is not the last to leave.
            var opened = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<Stream> Open(RateCardKey key, CancellationToken ct)
            {
                await opened.Task;
                return body;
            }

            Task<RateCard> starter = store.GetAsync(Key, Open, onMeterRead: Throwing);
            Task<RateCard> other = store.GetAsync(Key, MustNotDownload);
            opened.SetResult(true);
            // The failure reaches its caller at once, not when the download ends.
            InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(() => starter);
            Assert.Equal("the consumer broke", failure.Message);
            body.Resume();

            RateCard card = await other;
            Assert.Equal(200, card.Meters.Count);
            Assert.Equal(10, calls);
            Assert.True(store.TryGetFresh(Key, out _));
            Assert.Contains(store.GetEntries(), entry => entry.Source == RateCardCacheSource.Disk);
        }

        /// <summary>A body that serves its first half, then blocks (as a slow network would) until resumed.</summary>
        private sealed class PausingStream : MemoryStream
        {
            private readonly long _pauseAt;
            private readonly ManualResetEventSlim _resume = new ManualResetEventSlim(false);
            private readonly SemaphoreSlim _paused = new SemaphoreSlim(0);

            public PausingStream(byte[] body)
                : base(body, writable: false) => _pauseAt = body.Length / 2;

            /// <summary>Released when the reader has taken the first half and asks for more.</summary>
            public SemaphoreSlim Paused => _paused;

            public void Resume() => _resume.Set();

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (Position < _pauseAt)
                {
                    return base.Read(buffer, offset, (int)Math.Min(count, _pauseAt - Position));
                }

                if (!_resume.IsSet)
                {
                    _paused.Release();
                    _resume.Wait(TimeSpan.FromSeconds(30));
                }

                return base.Read(buffer, offset, count);
            }

            protected override void Dispose(bool disposing)
            {
                _resume.Set();
                base.Dispose(disposing);
            }
        }

        [Fact]
        public void The_default_disk_folder_is_in_the_users_cache_folder()
        {
            string folder = RateCardStoreOptions.DefaultDiskCacheDirectory;

            Assert.EndsWith(Path.Combine("AzBillingInsights", "ratecards"), folder);
            Assert.True(Path.IsPathRooted(folder));
        }
    }
}
