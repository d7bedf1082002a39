using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Tests.Prices;

namespace AzBillingInsights.Engine.Tests.Costs
{
    /// <summary>Real EA amortized rows (Fixtures/costs) against real Retail Prices bodies (Fixtures/retail-prices) for eastus2.</summary>
    public sealed class ListPriceComparerTests
    {
        private const string Amortized = "finops-toolkit-EA-AmortizedCost-export-sample.csv";
        private const string BasicStaticIp = "26ce34b7-67b3-480d-9d1b-54a7fb80f67a";
        private const string DiskOperations = "82cd70ab-1aee-4b30-bc04-8b71e1204dbc";

        /// <summary>The pay-as-you-go prices of the Virtual Network service and the first Storage page, as the price source makes them.</summary>
        private static PriceList ListPrices()
        {
            var meters = new List<Meter>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string page in new[] { RetailPriceFixtures.VirtualNetworkService, RetailPriceFixtures.StoragePage })
            {
                foreach (RetailPrice price in RetailPriceFixtures.Folded(page).Where(p => p.Type == "Consumption" && seen.Add(p.MeterId)))
                {
                    meters.Add(RetailPricesSource.ToMeter(price));
                }
            }

            var key = new RetailPricesKey(new RetailPriceQuery("USD").Where("priceType", "Consumption"));
            return new PriceList(key, TestOrigin.Azure, isTaxIncluded: false, meters, Array.Empty<OfferTerm>(), new DateTimeOffset(2026, 8, 15, 0, 0, 0, TimeSpan.Zero));
        }

        private static ListPriceComparer Compare(IEnumerable<CostRow> rows)
        {
            var comparer = new ListPriceComparer();
            foreach (CostRow row in rows)
            {
                comparer.Add(row);
            }

            return comparer;
        }

        [Fact]
        public async Task AMeterWithAListPrice_IsComparedAtThatPrice_PerUnitOfTheRows()
        {
            List<CostRow> rows = await CostDetailsCsvReaderTests.ReadFixtureAsync(Amortized, CostMetric.AmortizedCost);
            PriceList list = ListPrices();
            decimal listPrice = list.FindMeter(BasicStaticIp)!.MeterRates.Single().UnitPrice;
            List<CostRow> ip = rows.Where(r => r.MeterId == BasicStaticIp).ToList();

            ListPriceComparison compared = Compare(rows).Compare(list).Single(c => c.MeterId == BasicStaticIp);

            Assert.Equal(0.0036m, listPrice);
            Assert.Equal(ListPriceStatus.Compared, compared.Status);
            Assert.Equal(ip.Sum(r => r.Quantity), compared.Quantity);
            Assert.Equal(ip.Sum(r => r.Cost), compared.Cost);
            Assert.Equal(ip.Sum(r => r.Quantity) * listPrice, compared.ListCost);
            Assert.Equal(listPrice, compared.ListUnitPrice);
            Assert.Equal(compared.ListCost - compared.Cost, compared.Saving);
            Assert.Equal("1 Hour", compared.UnitOfMeasure);
            Assert.Equal("1 Hour", compared.ListUnitOfMeasure);
            Assert.Equal(CostBasis.AmortizedCost, compared.Basis);
            Assert.Equal("USD", compared.Currency);
        }

        [Fact]
        public async Task MetersWithoutAListPrice_AreFlagged_NeverPricedAsZero()
        {
            List<CostRow> rows = await CostDetailsCsvReaderTests.ReadFixtureAsync(Amortized, CostMetric.AmortizedCost);
            PriceList list = ListPrices();

            IReadOnlyList<ListPriceComparison> comparisons = Compare(rows).Compare(list);

            var unlisted = comparisons.Where(c => list.FindMeter(c.MeterId) is null).ToList();
            Assert.NotEmpty(unlisted);
            Assert.All(unlisted, c =>
            {
                Assert.Equal(ListPriceStatus.NoListPrice, c.Status);
                Assert.Null(c.ListCost);
                Assert.Null(c.ListUnitPrice);
                Assert.Null(c.Saving);
                Assert.Null(c.SavingPercent);
            });
            Assert.Equal(rows.Select(r => r.MeterId).Distinct(StringComparer.OrdinalIgnoreCase).Count(), comparisons.Count);
            Assert.Equal(rows.Sum(r => r.Cost), comparisons.Sum(c => c.Cost));
        }

        [Fact]
        public async Task RowsInAMultipleOfTheListUnit_AreConvertedBeforePricing()
        {
            List<CostRow> rows = (await CostDetailsCsvReaderTests.ReadFixtureAsync(Amortized, CostMetric.AmortizedCost)).Where(r => r.MeterId == BasicStaticIp).ToList();
            ListPriceComparison hours = Compare(rows).Compare(ListPrices()).Single();
            List<CostRow> inTens = await CostDetailsCsvReaderTests.ReadEditedFixtureAsync(Amortized, CostMetric.AmortizedCost, all => all.Where(r => r.MeterId == BasicStaticIp), cells =>
            {
                cells["Quantity"] = (decimal.Parse(cells["Quantity"], CultureInfo.InvariantCulture) / 10m).ToString(CultureInfo.InvariantCulture);
                cells["UnitOfMeasure"] = "10 Hours";
            });

            ListPriceComparison tens = Compare(inTens).Compare(ListPrices()).Single();

            Assert.Equal(ListPriceStatus.Compared, tens.Status);
            Assert.Equal(hours.ListCost, tens.ListCost);
            Assert.Equal(hours.ListUnitPrice * 10m, tens.ListUnitPrice);
            Assert.Equal("10 Hours", tens.UnitOfMeasure);
        }

        [Fact]
        public async Task RowsCountingAnotherThing_AreNotConvertedOnAGuess()
        {
            List<CostRow> rows = (await CostDetailsCsvReaderTests.ReadFixtureAsync(Amortized, CostMetric.AmortizedCost)).Where(r => r.MeterId == DiskOperations).ToList();
            Assert.Equal(ListPriceStatus.Compared, Compare(rows).Compare(ListPrices()).Single().Status);
            List<CostRow> inGigabytes = await CostDetailsCsvReaderTests.ReadEditedFixtureAsync(
                Amortized, CostMetric.AmortizedCost, all => all.Where(r => r.MeterId == DiskOperations), cells => cells["UnitOfMeasure"] = "1 GB");

            ListPriceComparison mismatch = Compare(inGigabytes).Compare(ListPrices()).Single();

            Assert.Equal(ListPriceStatus.UnitMismatch, mismatch.Status);
            Assert.Null(mismatch.ListCost);
            Assert.Equal("10K", mismatch.ListUnitOfMeasure);
        }

        [Fact]
        public async Task ATieredListPrice_IsGraduatedOverTheMonthsQuantity()
        {
            List<CostRow> rows = await CostDetailsCsvReaderTests.ReadEditedFixtureAsync(Amortized, CostMetric.AmortizedCost, all => all.Take(1), cells =>
            {
                cells["MeterId"] = "tiered";
                cells["Quantity"] = "150";
                cells["UnitOfMeasure"] = "1 GB";
            });
            var tiered = new Meter("tiered", "Data", "Storage", "Blob", "US East 2", "1 GB", new[] { new MeterRate(0m, 0.02m), new MeterRate(100m, 0.01m) },
                0m, DateTimeOffset.MinValue, null, Array.Empty<string>());
            var list = new PriceList(ListPrices().Key, TestOrigin.Azure, false, new[] { tiered }, Array.Empty<OfferTerm>(), DateTimeOffset.MinValue);

            ListPriceComparison compared = Compare(rows).Compare(list).Single();

            Assert.Equal(100m * 0.02m + 50m * 0.01m, compared.ListCost);
        }

        [Fact]
        public async Task CompareAsync_ReadsOneRetailPricesQueryPerMeter_AndComparesWithWhatItRead()
        {
            string folder = Path.Combine(Path.GetTempPath(), "azbi-list-prices-" + Guid.NewGuid().ToString("N"));
            try
            {
                List<CostRow> rows = await CostDetailsCsvReaderTests.ReadFixtureAsync(Amortized, CostMetric.AmortizedCost);
                var service = new FakeRetailPrices(_ => FakeRetailPrices.Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.VirtualNetworkService)));
                var store = new PriceStore(new PriceStoreOptions { Clock = () => new DateTimeOffset(2026, 8, 16, 0, 0, 0, TimeSpan.Zero), DiskCacheDirectory = folder });
                ListPriceComparer comparer = Compare(rows);
                var reported = new List<(int Read, int All)>();

                IReadOnlyList<ListPriceComparison> comparisons = await comparer.CompareAsync(new RetailPriceBook(store, service.Client, "USD"), false, (read, all) => reported.Add((read, all)), default);

                List<string> meterIds = comparer.MeterIds.ToList();
                Assert.Equal(meterIds.Count, service.Requests.Count);
                Assert.All(meterIds, id => Assert.Contains(service.Requests, r => Uri.UnescapeDataString(r.Query).Contains($"meterId eq '{id.ToLowerInvariant()}'")));
                Assert.Equal(Enumerable.Range(1, meterIds.Count).Select(i => (i, meterIds.Count)), reported);
                Assert.Equal(ListPriceStatus.Compared, comparisons.Single(c => c.MeterId == BasicStaticIp).Status);
                Assert.Equal(ListPriceStatus.NoListPrice, comparisons.Single(c => c.MeterId == DiskOperations).Status);
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        [Fact]
        public async Task PurchasesAreLeftOutAndCounted()
        {
            List<CostRow> rows = await CostDetailsCsvReaderTests.ReadFixtureAsync("finops-toolkit-EA-ActualCost-export-sample.csv", CostMetric.ActualCost);
            List<CostRow> purchases = rows.Where(r => r.ChargeType == "Purchase").ToList();

            ListPriceComparer comparer = Compare(rows);

            Assert.NotEmpty(purchases);
            Assert.Equal(purchases.Count, comparer.OtherChargeRowCount);
            Assert.Equal(purchases.Sum(r => r.Cost), comparer.OtherChargeCost);
            Assert.Equal(rows.Sum(r => r.Cost) - comparer.OtherChargeCost, comparer.Compare(ListPrices()).Sum(c => c.Cost));
        }
    }
}
