using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public sealed class RateCardStoreTests : IDisposable
    {
        private static readonly RateCardKey Key = new RateCardKey("MS-AZR-0003P", "USD", "en-US", "US");
        private static readonly PriceOrigin Origin = PriceOrigin.Parse("https://management.azure.com/");
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

        private PriceStore NewStore(bool disk) => new PriceStore(new PriceStoreOptions
        {
            Clock = () => _now,
            DiskCacheDirectory = disk ? _folder : null,
        });

        private Task<Stream> Download(RateCardKey key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _downloads);
            return Task.FromResult<Stream>(GeneratedRateCard.Stream(10));
        }

        private static RateCardApiSource Source(Func<RateCardKey, CancellationToken, Task<Stream>> open) => new RateCardApiSource(Origin, open);

        private static Task<Stream> MustNotDownload(RateCardKey key, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no download expected");

        [Fact]
        public async Task Concurrent_gets_for_the_same_card_download_it_once()
        {
            using PriceStore store = NewStore(disk: false);
            var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            async Task<Stream> SlowDownload(RateCardKey key, CancellationToken ct)
            {
                Interlocked.Increment(ref _downloads);
                await gate.Task;
                return GeneratedRateCard.Stream(10);
            }

            Task<PriceList>[] gets = Enumerable.Range(0, 32)
                .Select(i => Task.Run(() => store.GetAsync(Source(SlowDownload), i % 2 == 0 ? Key : new RateCardKey("ms-azr-0003p", "usd", "EN-us", "us"))))
                .ToArray();
            await Task.Delay(100);
            gate.SetResult(true);
            PriceList[] cards = await Task.WhenAll(gets);

            Assert.Equal(1, _downloads);
            Assert.All(cards, card => Assert.Same(cards[0], card));
            Assert.Same(cards[0], await store.GetAsync(Source(MustNotDownload), Key));
        }

        [Fact]
        public async Task A_card_from_one_origin_is_never_served_for_another_in_memory_or_from_disk()
        {
            PriceOrigin emulator = PriceOrigin.Parse("http://127.0.0.1:5123");
            var fromAzure = new RateCardApiSource(Origin, (k, ct) => Task.FromResult<Stream>(GeneratedRateCard.Stream(10)));
            var fromEmulator = new RateCardApiSource(emulator, (k, ct) => Task.FromResult<Stream>(GeneratedRateCard.Stream(3)));
            using (PriceStore first = NewStore(disk: true))
            {
                Assert.Equal(10, (await first.GetAsync(fromAzure, Key)).Meters.Count);
                PriceList card = await first.GetAsync(fromEmulator, Key);
                Assert.Equal(3, card.Meters.Count);
                Assert.Equal(emulator, card.Origin);
            }

            // A new process: each origin's card from disk, neither from the other's file.
            using PriceStore second = NewStore(disk: true);
            Assert.Equal(3, (await second.GetAsync(new RateCardApiSource(PriceOrigin.Parse("HTTP://127.0.0.1:5123/"), MustNotDownload), Key)).Meters.Count);
            Assert.Equal(10, (await second.GetAsync(new RateCardApiSource(PriceOrigin.Parse("https://Management.Azure.com:443"), MustNotDownload), Key)).Meters.Count);
            Assert.Equal(
                new[] { "http://127.0.0.1:5123/", "https://management.azure.com/" },
                second.GetEntries().Where(e => e.Source == PriceCacheSource.Disk).Select(e => e.Origin.Value).OrderBy(o => o, StringComparer.Ordinal));
        }

        [Fact]
        public async Task Clearing_one_origin_keeps_the_cards_of_the_others()
        {
            PriceOrigin emulator = PriceOrigin.Parse("http://127.0.0.1:5123/");
            using PriceStore store = NewStore(disk: true);
            await store.GetAsync(Source(Download), Key);
            await store.GetAsync(new RateCardApiSource(emulator, Download), Key);

            store.Clear(PriceCacheScope.All, PriceOrigin.Parse("http://127.0.0.1:5123"));

            Assert.All(store.GetEntries(), e => Assert.Equal(Origin, e.Origin));
            Assert.Equal(2, store.GetEntries().Count);
            await store.GetAsync(Source(MustNotDownload), Key);
            await store.GetAsync(new RateCardApiSource(emulator, Download), Key);
            Assert.Equal(3, _downloads);
        }

        [Fact]
        public async Task A_card_cached_on_disk_in_the_old_layout_is_not_read()
        {
            // The layout of earlier versions: the raw body and a sidecar, keyed by offer, currency, locale and region only.
            Directory.CreateDirectory(_folder);
            byte[] body = GeneratedRateCard.Body(5);
            File.WriteAllBytes(Path.Combine(_folder, "MS-AZR-0003P_USD_EN-US_US.json"), body);
            File.WriteAllText(
                Path.Combine(_folder, "MS-AZR-0003P_USD_EN-US_US.meta.json"),
                $"{{\"OfferDurableId\":\"MS-AZR-0003P\",\"Currency\":\"USD\",\"Locale\":\"en-US\",\"RegionInfo\":\"US\",\"RetrievedAt\":\"{_now:O}\",\"MeterCount\":5,\"Length\":{body.Length}}}");
            using PriceStore store = NewStore(disk: true);

            Assert.Empty(store.GetEntries());
            PriceList card = await store.GetAsync(Source(Download), Key);

            Assert.Equal(10, card.Meters.Count);
            Assert.Equal(1, _downloads);
        }

        [Fact]
        public async Task A_card_read_back_from_disk_is_the_card_that_was_read()
        {
            const string terms = "[{\"Credit\":150.0,\"EffectiveDate\":\"2013-12-23T00:00:00Z\",\"ExcludedMeterIds\":[\"x1\",\"x2\"],\"Name\":\"Monetary Credit\"},"
                + "{\"EffectiveDate\":\"2014-01-01T00:00:00+02:00\",\"ExcludedMeterIds\":[],\"Name\":\"Monetary Commitment\",\"TieredDiscount\":{\"1000\":10.0,\"0\":5}},"
                + "{\"EffectiveDate\":\"2014-01-01T00:00:00Z\",\"Name\":\"Recurring Charge\",\"RecurringCharge\":10},"
                + "{\"EffectiveDate\":\"2015-01-01T00:00:00Z\",\"Name\":\"Something New\"}]";
            byte[] body = GeneratedRateCard.Body(200, terms);
            var source = new RateCardApiSource(Origin, (k, ct) => Task.FromResult<Stream>(new MemoryStream(body)));
            PriceList read;
            using (PriceStore first = NewStore(disk: true))
            {
                read = await first.GetAsync(source, Key);
            }

            using PriceStore second = NewStore(disk: true);
            PriceList cached = await second.GetAsync(Source(MustNotDownload), Key);

            Assert.Equal(Describe(read), Describe(cached));
            Assert.Equal(4, read.OfferTerms.Count);
        }

        private static string Describe(PriceList prices) => string.Join(
            "\n",
            new[] { $"{prices.Key} {prices.Origin} {prices.Currency} {prices.Locale} {prices.IsTaxIncluded} {prices.RetrievedAt:O}" }
                .Concat(prices.Meters.Select(m => string.Join("|", m.MeterId, m.MeterName, m.MeterCategory, m.MeterSubCategory, m.MeterRegion, m.Unit,
                    string.Join(";", m.MeterRates), m.IncludedQuantity, m.EffectiveDate.ToString("O"), m.MeterStatus ?? "(null)", string.Join(";", m.MeterTags))))
                .Concat(prices.OfferTerms.Select(t => string.Join("|", t.GetType().Name, t.Name, t.EffectiveDate.ToString("O"), string.Join(";", t.ExcludedMeterIds),
                    t is MonetaryCreditTerm c ? c.Credit.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty,
                    t is MonetaryCommitmentTerm m ? string.Join(";", m.TieredDiscount) : string.Empty,
                    t is RecurringChargeTerm r ? r.RecurringCharge.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty))));

        [Fact]
        public async Task An_expired_card_is_downloaded_again()
        {
            using PriceStore store = NewStore(disk: false);
            store.Expiry = TimeSpan.FromHours(2);
            await store.GetAsync(Source(Download), Key);

            _now = _now.AddHours(1);
            await store.GetAsync(Source(Download), Key);
            Assert.Equal(1, _downloads);

            _now = _now.AddHours(1.5);
            PriceList card = await store.GetAsync(Source(Download), Key);
            Assert.Equal(2, _downloads);
            Assert.Equal(_now, card.RetrievedAt);
        }

        [Fact]
        public async Task A_failed_download_is_not_cached()
        {
            using PriceStore store = NewStore(disk: true);
            await Assert.ThrowsAsync<IOException>(() => store.GetAsync(Source((k, ct) => throw new IOException("network down")), Key));
            // A body that breaks off mid-way is not cached either, in memory or on disk.
            byte[] body = GeneratedRateCard.Body(10);
            await Assert.ThrowsAsync<RateCardFormatException>(() => store.GetAsync(Source((k, ct) => Task.FromResult<Stream>(new MemoryStream(body, 0, body.Length - 20))), Key));
            Assert.Empty(store.GetEntries());
            Assert.False(Directory.Exists(_folder) && Directory.GetFiles(_folder).Length > 0);

            PriceList card = await store.GetAsync(Source(Download), Key);

            Assert.Equal(10, card.Meters.Count);
            Assert.Equal(1, _downloads);
        }

        [Fact]
        public async Task A_new_store_is_served_from_the_disk_cache()
        {
            using (PriceStore first = NewStore(disk: true))
            {
                await first.GetAsync(Source(Download), Key);
            }

            _now = _now.AddHours(3);
            using PriceStore second = NewStore(disk: true);
            PriceList card = await second.GetAsync(Source(MustNotDownload), new RateCardKey("ms-azr-0003p", "usd", "en-us", "us"));

            Assert.Equal(10, card.Meters.Count);
            Assert.Equal(_now.AddHours(-3), card.RetrievedAt);
            Assert.Equal(1, _downloads);
            PriceCacheEntry disk = Assert.Single(second.GetEntries(), e => e.Source == PriceCacheSource.Disk);
            Assert.Equal(10, disk.MeterCount);
            Assert.Equal(card.RetrievedAt.AddDays(1), disk.ExpiresAt);
            Assert.Single(second.GetEntries(), e => e.Source == PriceCacheSource.Memory);
        }

        [Fact]
        public async Task A_disk_entry_older_than_the_expiry_is_ignored()
        {
            using (PriceStore first = NewStore(disk: true))
            {
                await first.GetAsync(Source(Download), Key);
            }

            _now = _now.AddDays(1).AddMinutes(1);
            using PriceStore second = NewStore(disk: true);
            PriceList card = await second.GetAsync(Source(Download), Key);

            Assert.Equal(2, _downloads);
            Assert.Equal(_now, card.RetrievedAt);
        }

        [Theory]
        [InlineData("truncate")]
        [InlineData("garbage")]
        [InlineData("version")]
        public async Task A_corrupt_disk_file_is_ignored_and_replaced(string damage)
        {
            using (PriceStore first = NewStore(disk: true))
            {
                await first.GetAsync(Source(Download), Key);
            }

            string file = Directory.GetFiles(_folder, "*.prices").Single();
            byte[] bytes = File.ReadAllBytes(file);
            switch (damage)
            {
                case "truncate":
                    File.WriteAllBytes(file, bytes.Take(bytes.Length - 30).ToArray());
                    break;
                case "garbage":
                    Array.Fill(bytes, (byte)0xFF, bytes.Length / 2, 16);
                    File.WriteAllBytes(file, bytes);
                    break;
                default:
                    bytes[4] = 99; // a format version this one does not know
                    File.WriteAllBytes(file, bytes);
                    break;
            }

            using (PriceStore second = NewStore(disk: true))
            {
                Assert.Equal(10, (await second.GetAsync(Source(Download), Key)).Meters.Count);
            }

            Assert.Equal(2, _downloads);
            using PriceStore third = NewStore(disk: true);
            Assert.Equal(10, (await third.GetAsync(Source(MustNotDownload), Key)).Meters.Count);
            Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
        }

        [Fact]
        public async Task Force_refresh_downloads_even_when_cached()
        {
            using PriceStore store = NewStore(disk: true);
            PriceList first = await store.GetAsync(Source(Download), Key);
            _now = _now.AddMinutes(5);

            PriceList refreshed = await store.GetAsync(Source(Download), Key, forceRefresh: true);

            Assert.Equal(2, _downloads);
            Assert.NotSame(first, refreshed);
            Assert.Same(refreshed, await store.GetAsync(Source(MustNotDownload), Key));
            using PriceStore other = NewStore(disk: true);
            Assert.Equal(_now, (await other.GetAsync(Source(MustNotDownload), Key)).RetrievedAt);
        }

        [Fact]
        public async Task Clear_forgets_memory_and_disk_entries_separately()
        {
            using PriceStore store = NewStore(disk: true);
            await store.GetAsync(Source(Download), Key);
            Assert.Equal(2, store.GetEntries().Count);

            store.Clear(PriceCacheScope.Memory);
            Assert.Equal(PriceCacheSource.Disk, Assert.Single(store.GetEntries()).Source);
            await store.GetAsync(Source(MustNotDownload), Key);

            store.Clear(PriceCacheScope.All, Origin, new RateCardKey("MS-AZR-0003P", "USD", "en-US", "US"));
            Assert.Empty(store.GetEntries());
            await store.GetAsync(Source(Download), Key);
            Assert.Equal(2, _downloads);
        }

        [Fact]
        public async Task A_caller_that_cancels_does_not_cancel_the_download_for_others()
        {
            using PriceStore store = NewStore(disk: false);
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
            Task<PriceList> impatient = store.GetAsync(Source(SlowDownload), Key, cancellationToken: cancel.Token);
            Task<PriceList> patient = store.GetAsync(Source(SlowDownload), Key);
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
            using PriceStore store = NewStore(disk);
            using var body = new PausingStream(GeneratedRateCard.Body(200));
            var seen = new ConcurrentQueue<string>();

            Task<PriceList> get = store.GetAsync(Source((k, ct) => Task.FromResult<Stream>(body)), Key, onMeterRead: meter => seen.Enqueue(meter.MeterId));
            await body.Paused.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.False(get.IsCompleted);
            Assert.InRange(seen.Count, 1, 199);
            Assert.Equal(Enumerable.Range(0, seen.Count).Select(GeneratedRateCard.MeterIdOf), seen);
            body.Resume();
            PriceList card = await get;
            Assert.Equal(card.Meters.Select(m => m.MeterId), seen);
        }

        [Fact]
        public async Task A_caller_that_joins_a_download_or_is_served_from_memory_gets_no_meters_and_the_whole_card()
        {
            using PriceStore store = NewStore(disk: false);
            using var body = new PausingStream(GeneratedRateCard.Body(200));
            int first = 0, joined = 0, cached = 0;

            Task<PriceList> starter = store.GetAsync(Source((k, ct) => Task.FromResult<Stream>(body)), Key, onMeterRead: _ => first++);
            Task<PriceList> joiner = store.GetAsync(Source(MustNotDownload), Key, onMeterRead: _ => Interlocked.Increment(ref joined));
            await body.Paused.WaitAsync(TimeSpan.FromSeconds(10));
            body.Resume();

            PriceList card = await joiner;
            Assert.Same(card, await starter);
            Assert.Equal(200, card.Meters.Count);
            Assert.Equal(200, first);
            Assert.Equal(0, joined);
            Assert.Same(card, await store.GetAsync(Source(MustNotDownload), Key, onMeterRead: _ => cached++));
            Assert.Equal(0, cached);
        }

        [Fact]
        public async Task A_streaming_caller_that_cancels_gets_no_more_meters_while_the_download_goes_on_for_others()
        {
            using PriceStore store = NewStore(disk: false);
            using var body = new PausingStream(GeneratedRateCard.Body(200));
            using var cancel = new CancellationTokenSource();
            int streamed = 0;

            Task<PriceList> starter = store.GetAsync(Source((k, ct) => Task.FromResult<Stream>(body)), Key, cancellationToken: cancel.Token, onMeterRead: _ => Interlocked.Increment(ref streamed));
            Task<PriceList> other = store.GetAsync(Source(MustNotDownload), Key);
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
            using PriceStore store = NewStore(disk: true);
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

            Task<PriceList> starter = store.GetAsync(Source(Open), Key, onMeterRead: Throwing);
            Task<PriceList> other = store.GetAsync(Source(MustNotDownload), Key);
            opened.SetResult(true);
            // The failure reaches its caller at once, not when the download ends.
            InvalidOperationException failure = await Assert.ThrowsAsync<InvalidOperationException>(() => starter);
            Assert.Equal("the consumer broke", failure.Message);
            body.Resume();

            PriceList card = await other;
            Assert.Equal(200, card.Meters.Count);
            Assert.Equal(10, calls);
            Assert.True(store.TryGetFresh(Origin, Key, out _));
            Assert.Contains(store.GetEntries(), entry => entry.Source == PriceCacheSource.Disk);
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
            string folder = PriceStoreOptions.DefaultDiskCacheDirectory;

            Assert.EndsWith(Path.Combine("AzBillingInsights", "ratecards"), folder);
            Assert.True(Path.IsPathRooted(folder));
        }
    }
}
