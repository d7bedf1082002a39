using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    /// <summary>Get-AzRetailPrice's items kept per origin and query, in memory and on disk, under the price store's expiry (real bodies).</summary>
    public sealed class RetailPriceItemCacheTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "azbi-retail-items-" + Guid.NewGuid().ToString("N"));
        private DateTimeOffset _now = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        public void Dispose()
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }

        private static readonly RetailPriceQuery VmQuery = new RetailPriceQuery("USD").Where("serviceName", "Virtual Machines").Where("armRegionName", "eastus2");

        private RetailPriceItemCache NewCache(out PriceStore store)
        {
            store = new PriceStore(new PriceStoreOptions { Clock = () => _now, DiskCacheDirectory = _folder });
            return new RetailPriceItemCache(store, () => _now);
        }

        private static FakeRetailPrices Service(string fixture, Uri? origin = null) =>
            new FakeRetailPrices(request => FakeRetailPrices.Body(RetailPriceFixtures.Bytes(request.RequestUri!.Query.Contains("$skip=1000") ? RetailPriceFixtures.EmptyResult : fixture)), origin);

        private static async Task<List<RetailPrice>> ReadAll(RetailPriceItemCache cache, FakeRetailPrices service, RetailPriceQuery query, bool force = false)
        {
            var prices = new List<RetailPrice>();
            await foreach (RetailPricePage page in cache.ReadAsync(service.Client, query, force))
            {
                prices.AddRange(page.Prices);
            }

            return prices;
        }

        private static string Describe(RetailPrice p) =>
            $"{p.MeterId}|{p.SkuId}|{p.Type}|{p.ReservationTerm}|{p.UnitOfMeasure}|{p.EffectiveStartDate:O}|{p.IsPrimaryMeterRegion}|{p.ArmSkuName}|"
            + string.Join(",", p.Tiers.Select(t => $"{t.MinimumUnits}:{t.UnitPrice}:{t.RetailPrice}")) + "|"
            + string.Join(",", p.SavingsPlans.Select(s => $"{s.Term}:{s.UnitPrice}:{s.RetailPrice}"));

        [Fact]
        public async Task A_second_read_and_a_new_process_are_served_without_a_request_with_every_detail_kept()
        {
            FakeRetailPrices service = Service(RetailPriceFixtures.VirtualMachinesPage);
            List<RetailPrice> downloaded = await ReadAll(NewCache(out PriceStore first), service, VmQuery);
            int requests = service.Requests.Count;

            List<RetailPrice> again = await ReadAll(NewCache(out PriceStore second), service, VmQuery);

            Assert.Equal(2, requests); // the page and the empty one its NextPageLink leads to
            Assert.Equal(requests, service.Requests.Count);
            Assert.Equal(downloaded.Select(Describe), again.Select(Describe));
            Assert.Contains(again, p => p.SavingsPlans.Count == 2);
            Assert.Contains(again, p => p.ReservationTerm == "3 Years");
            first.Dispose();
            second.Dispose();
        }

        [Fact]
        public async Task Concurrent_reads_of_one_query_download_it_once()
        {
            using var gate = new ManualResetEventSlim();
            var service = new FakeRetailPrices(request =>
            {
                gate.Wait(TimeSpan.FromSeconds(10)); // the first download holds until the second reader has started
                return FakeRetailPrices.Body(RetailPriceFixtures.Bytes(request.RequestUri!.Query.Contains("$skip=1000") ? RetailPriceFixtures.EmptyResult : RetailPriceFixtures.VirtualMachinesPage));
            });
            RetailPriceItemCache cache = NewCache(out PriceStore store);

            Task<List<RetailPrice>> first = Task.Run(() => ReadAll(cache, service, VmQuery));
            SpinWait.SpinUntil(() => { lock (service.Requests) { return service.Requests.Count == 1; } }, TimeSpan.FromSeconds(10));
            Task<List<RetailPrice>> second = Task.Run(() => ReadAll(cache, service, VmQuery));
            await Task.Delay(200);
            gate.Set();

            Assert.Equal((await first).Select(Describe), (await second).Select(Describe));
            Assert.Equal(2, service.Requests.Count); // one download: the page and the empty one after it
            store.Dispose();
        }

        [Fact]
        public async Task Graduated_tiers_come_back_folded_from_disk()
        {
            var query = new RetailPriceQuery("USD").Where("serviceName", "Storage");
            FakeRetailPrices service = Service(RetailPriceFixtures.StoragePage);
            await ReadAll(NewCache(out _), service, query);

            RetailPrice lrs = (await ReadAll(NewCache(out _), service, query)).First(p => p.MeterId == "c1635534-1c1d-4fc4-b090-88fc2672ef87");

            Assert.Equal(new[] { 0m, 1024m, 51200m, 512000m, 1024000m }, lrs.Tiers.Select(t => t.MinimumUnits));
        }

        [Fact]
        public async Task Force_downloads_again_and_another_origin_or_query_is_not_served_from_the_cache()
        {
            FakeRetailPrices service = Service(RetailPriceFixtures.VirtualMachinesPage);
            RetailPriceItemCache cache = NewCache(out _);
            await ReadAll(cache, service, VmQuery);

            await ReadAll(cache, service, VmQuery, force: true);
            Assert.Equal(4, service.Requests.Count);

            FakeRetailPrices mirror = Service(RetailPriceFixtures.VirtualMachinesPage, new Uri("http://127.0.0.1:5123/"));
            await ReadAll(cache, mirror, VmQuery);
            Assert.Equal(2, mirror.Requests.Count);

            await ReadAll(cache, service, new RetailPriceQuery("EUR").Where("serviceName", "Virtual Machines").Where("armRegionName", "eastus2"));
            Assert.Equal(6, service.Requests.Count);
        }

        [Fact]
        public async Task Queries_that_differ_only_in_case_are_different_answers_as_the_API_compares_values_case_sensitively()
        {
            FakeRetailPrices service = Service(RetailPriceFixtures.CognitiveSearchPage);
            RetailPriceItemCache cache = NewCache(out _);
            await ReadAll(cache, service, new RetailPriceQuery("USD").Where("serviceName", "redis cache"));

            await ReadAll(cache, service, new RetailPriceQuery("USD").Where("serviceName", "Redis Cache"));
            await ReadAll(NewCache(out _), service, new RetailPriceQuery("USD").Where("serviceName", "Redis Cache"));

            Assert.Equal(2, service.Requests.Count);
        }

        [Fact]
        public async Task Expired_items_are_downloaded_again()
        {
            FakeRetailPrices service = Service(RetailPriceFixtures.CognitiveSearchPage);
            RetailPriceItemCache cache = NewCache(out PriceStore store);
            await ReadAll(cache, service, VmQuery);

            _now += store.Expiry;
            await ReadAll(cache, service, VmQuery);
            Assert.Equal(2, service.Requests.Count); // neither memory nor disk serves the expired answer

            await ReadAll(NewCache(out _), service, VmQuery);
            Assert.Equal(2, service.Requests.Count); // the refreshed one is on disk
        }

        [Fact]
        public async Task A_read_stopped_early_is_not_kept()
        {
            FakeRetailPrices service = Service(RetailPriceFixtures.VirtualMachinesPage);
            RetailPriceItemCache cache = NewCache(out _);
            await foreach (RetailPricePage page in cache.ReadAsync(service.Client, VmQuery, force: false))
            {
                break;
            }

            await ReadAll(cache, service, VmQuery);

            Assert.Equal(3, service.Requests.Count);
        }

        [Fact]
        public async Task A_damaged_file_is_downloaded_again_never_half_used()
        {
            FakeRetailPrices service = Service(RetailPriceFixtures.VirtualMachinesPage);
            List<RetailPrice> downloaded = await ReadAll(NewCache(out _), service, VmQuery);
            string file = Directory.GetFiles(_folder, "*" + RetailPriceItemFile.Extension).Single();
            byte[] content = File.ReadAllBytes(file);
            File.WriteAllBytes(file, content.AsSpan(0, content.Length / 2).ToArray());

            List<RetailPrice> again = await ReadAll(NewCache(out _), service, VmQuery);

            Assert.Equal(4, service.Requests.Count);
            Assert.Equal(downloaded.Count, again.Count);
        }

        [Fact]
        public async Task The_cache_lists_and_clears_its_entries_like_the_price_store()
        {
            FakeRetailPrices service = Service(RetailPriceFixtures.CognitiveSearchPage);
            RetailPriceItemCache cache = NewCache(out _);
            List<RetailPrice> items = await ReadAll(cache, service, VmQuery);

            IReadOnlyList<PriceCacheEntry> entries = cache.GetEntries();
            Assert.Equal(new[] { PriceCacheSource.Memory, PriceCacheSource.Disk }, entries.Select(e => e.Source).OrderBy(s => s));
            Assert.All(entries, e => Assert.Equal(new RetailPricesKey(VmQuery), e.Key));
            Assert.All(entries, e => Assert.Equal(items.Count, e.MeterCount));

            cache.Clear(PriceCacheScope.All, PriceOrigin.From(new Uri("http://127.0.0.1:9/")));
            Assert.Equal(2, cache.GetEntries().Count);
            cache.Clear(PriceCacheScope.Memory);
            Assert.Equal(PriceCacheSource.Disk, Assert.Single(cache.GetEntries()).Source);
            cache.Clear(PriceCacheScope.All, null, new RetailPricesKey(VmQuery));
            Assert.Empty(cache.GetEntries());
        }
    }
}
