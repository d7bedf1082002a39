using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public sealed class RetailPricesSourceTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "azbi-retail-store-" + Guid.NewGuid().ToString("N"));
        private readonly DateTimeOffset _now = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        public void Dispose()
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }

        private PriceStore NewStore() => new PriceStore(new PriceStoreOptions { Clock = () => _now, DiskCacheDirectory = _folder });

        private static FakeRetailPrices Service(string fixture) =>
            new FakeRetailPrices(_ => FakeRetailPrices.Body(RetailPriceFixtures.Bytes(fixture)));

        private static RetailPricesKey StorageKey => new RetailPricesKey(new RetailPriceQuery("USD").Where("serviceName", "Storage").Where("armRegionName", "eastus2"));

        [Fact]
        public async Task Consumption_prices_become_meters_with_graduated_tiers_and_no_included_quantity()
        {
            var fake = new FakeRetailPrices(request => request.RequestUri!.Query.Contains("$skip=1000")
                ? FakeRetailPrices.Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.EmptyResult))
                : FakeRetailPrices.Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.StoragePage)));

            PriceList prices = await new RetailPricesSource(fake.Client).LoadAsync(StorageKey, _now, null, default);

            Assert.Equal("RetailPrices", prices.Key.Source);
            Assert.Empty(prices.OfferTerms);
            Assert.All(prices.Meters, m => Assert.Equal(0m, m.IncludedQuantity));
            Meter lrs = prices.FindMeter("c1635534-1c1d-4fc4-b090-88fc2672ef87")!;
            Assert.Equal(new[] { 0m, 1024m, 51200m, 512000m, 1024000m }, lrs.MeterRates.Select(r => r.StartQuantity));
            Assert.Equal("Storage", lrs.MeterCategory);
            Assert.Equal("US East 2", lrs.MeterRegion);
            Assert.Equal("1 GB/Month", lrs.Unit);
            Assert.Equal(prices.Meters.Count, prices.Meters.Select(m => m.MeterId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }

        [Fact]
        public async Task Reservation_and_dev_test_prices_are_not_taken_for_pay_as_you_go_meters()
        {
            FakeRetailPrices fake = Service(RetailPriceFixtures.CosmosDbPage);
            RetailPricesKey key = new RetailPricesKey(new RetailPriceQuery().Where("serviceName", "Virtual Machines"));
            var vm = new FakeRetailPrices(request => request.RequestUri!.Query.Contains("$skip=1000")
                ? FakeRetailPrices.Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.EmptyResult))
                : FakeRetailPrices.Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.VirtualMachinesPage)));

            PriceList prices = await new RetailPricesSource(vm.Client).LoadAsync(key, _now, null, default);

            // NC48ads A100 v4 Linux: 7.346 pay-as-you-go, beside its 42,066 one-year reservation under the same meter id.
            Assert.Equal(7.346m, prices.FindMeter("00230cfc-461f-54a1-80ac-cdacb8293e3c")!.MeterRates[0].UnitPrice);
            Assert.Empty(fake.Requests);
        }

        [Fact]
        public async Task The_store_keeps_retail_prices_per_query_in_memory_and_on_disk_so_a_new_process_does_not_download_again()
        {
            FakeRetailPrices first = Service(RetailPriceFixtures.CognitiveSearchPage);
            using (PriceStore store = NewStore())
            {
                await store.GetAsync(new RetailPricesSource(first.Client), StorageKey);
                await store.GetAsync(new RetailPricesSource(first.Client), StorageKey);
            }

            FakeRetailPrices second = Service(RetailPriceFixtures.CognitiveSearchPage);
            using (PriceStore fresh = NewStore())
            {
                PriceList fromDisk = await fresh.GetAsync(new RetailPricesSource(second.Client), StorageKey);
                Assert.Equal(30 - 5, fromDisk.Meters.Count);
                Assert.Equal("RetailPrices", fromDisk.Key.Source);

                RetailPricesKey euros = new RetailPricesKey(new RetailPriceQuery("EUR").Where("serviceName", "Storage").Where("armRegionName", "eastus2"));
                await fresh.GetAsync(new RetailPricesSource(second.Client), euros);
            }

            Assert.Single(first.Requests);
            Assert.Single(second.Requests); // the euro query only
        }

        [Fact]
        public async Task Prices_read_from_one_base_address_are_never_served_for_another()
        {
            FakeRetailPrices publicApi = Service(RetailPriceFixtures.CognitiveSearchPage);
            var mirror = new FakeRetailPrices(_ => FakeRetailPrices.Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.CognitiveSearchPage)), new Uri("https://mirror.example.com/"));
            using PriceStore store = NewStore();

            await store.GetAsync(new RetailPricesSource(publicApi.Client), StorageKey);
            await store.GetAsync(new RetailPricesSource(mirror.Client), StorageKey);

            Assert.Single(publicApi.Requests);
            Assert.Single(mirror.Requests);
        }
    }
}
