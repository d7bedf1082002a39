using System;
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

        [Fact]
        public void The_default_disk_folder_is_in_the_users_cache_folder()
        {
            string folder = RateCardStoreOptions.DefaultDiskCacheDirectory;

            Assert.EndsWith(Path.Combine("AzBillingInsights", "ratecards"), folder);
            Assert.True(Path.IsPathRooted(folder));
        }
    }
}
