using System;
using System.Linq;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;
using AzBillingInsights.Engine.Tests.Prices;
using AzBillingInsights.Engine.Usage;
using static AzBillingInsights.Engine.Tests.Pricing.PricingFixtures;

namespace AzBillingInsights.Engine.Tests.Pricing
{
    /// <summary>Usage quantities are put in the retail price's unit of measure before its rates and tiers apply (real bodies).</summary>
    public sealed class UnitConversionTests
    {
        private const string WcfRelay = "dbb918c6-1fa9-4f27-a5ef-8f65c59ca333";          // 0.10 per "100 Hours"
        private const string WcfRelayMessage = "caa99e81-fbba-459b-a269-36d39b4a7472";   // 0.01 per "10K"
        private const string LrsDataStored = "c1635534-1c1d-4fc4-b090-88fc2672ef87";     // "1 GB/Month", tiers from 1024, 51200 ...
        private const string IterativeWrites = "1f0482b2-5c6b-4ed0-978a-bcdc6c8bc25e";   // 0.10 per "100"

        private static async Task<PriceList> PricesOf(string fixture)
        {
            // A first page's NextPageLink leads to an empty one.
            var service = new FakeRetailPrices(request => FakeRetailPrices.Body(RetailPriceFixtures.Bytes(
                request.RequestUri!.Query.Contains("$skip=1000") ? RetailPriceFixtures.EmptyResult : fixture)));
            var key = new RetailPricesKey(new RetailPriceQuery("USD").Where("armRegionName", "eastus2"));
            return await new RetailPricesSource(service.Client).LoadAsync(key, Day(5, 1), null, default);
        }

        private static UsageRecord Usage(string meterId, string unit, decimal quantity, int day = 1)
        {
            UsageRecord row = Row(meterId, quantity, Day(5, day));
            row.Unit = unit;
            return row;
        }

        [Fact]
        public async Task Relay_hours_priced_per_100_hours_cost_a_hundredth_of_the_price_each()
        {
            PriceList prices = await PricesOf(RetailPriceFixtures.ServiceBusPage);

            CostEstimate estimate = Price(prices, new[] { Usage(WcfRelay, "Hours", 730m) });

            Assert.Equal("100 Hours", prices.FindMeter(WcfRelay)!.Unit);
            Assert.Equal(0.73m, estimate.TotalCost);
            Assert.Equal(7.3m, estimate.Groups.Single().Quantity); // in the price's unit
        }

        [Fact]
        public async Task The_rate_cards_10000s_are_the_retail_10K()
        {
            PriceList prices = await PricesOf(RetailPriceFixtures.ServiceBusPage);

            Assert.Equal(0.05m, Price(prices, new[] { Usage(WcfRelayMessage, "10,000s", 5m) }).TotalCost);
        }

        [Fact]
        public async Task Operations_in_10000s_priced_per_100_count_a_hundred_times_over()
        {
            PriceList prices = await PricesOf(RetailPriceFixtures.StoragePage);

            // 3 x 10,000 operations = 300 blocks of 100 at 0.10.
            Assert.Equal(30m, Price(prices, new[] { Usage(IterativeWrites, "10,000s", 3m) }).TotalCost);
        }

        [Fact]
        public async Task Tiers_from_tierMinimumUnits_apply_to_the_converted_quantity()
        {
            PriceList prices = await PricesOf(RetailPriceFixtures.StoragePage);

            // Usage reports stored GB (each day's share of the month) against "1 GB/Month": 1024 at 0.024, 976 at 0.0236.
            CostEstimate estimate = Price(prices, new[] { Usage(LrsDataStored, "GB", 1000m, day: 1), Usage(LrsDataStored, "GB", 1000m, day: 2) });

            Assert.Equal(1024m * 0.024m + 976m * 0.0236m, estimate.TotalCost);
        }

        [Fact]
        public async Task Usage_in_a_unit_the_price_does_not_count_is_unrated_and_names_both_units()
        {
            PriceList prices = await PricesOf(RetailPriceFixtures.ServiceBusPage);

            CostEstimate estimate = Price(prices, new[] { Usage(WcfRelay, "GB", 10m), Usage(WcfRelay, "Hours", 100m) });

            UnratedMeter unrated = Assert.Single(estimate.UnratedMeters);
            Assert.True(unrated.IsUnitMismatch);
            Assert.Equal("GB", unrated.Unit);
            Assert.Equal("100 Hours", unrated.PriceUnit);
            Assert.Equal(10m, unrated.Quantity);
            Assert.Null(estimate.Groups.Single(g => g.Unrated).Cost);
            Assert.Equal(0.1m, estimate.Groups.Single(g => !g.Unrated).Cost); // the hours are still priced
        }

        [Fact]
        public void A_meter_missing_from_the_prices_is_unrated_without_a_price_unit()
        {
            PriceList card = Card("USD", Flat("known", 1m));

            UnratedMeter unrated = Assert.Single(Price(card, new[] { Row("unknown", 1m, Day(5, 1)) }).UnratedMeters);

            Assert.False(unrated.IsUnitMismatch);
        }

        [Fact]
        public async Task Planned_rows_are_in_the_meters_own_unit()
        {
            PriceList prices = await PricesOf(RetailPriceFixtures.ServiceBusPage);
            MeterResolution resolution = MeterResolution.Resolved(new ExpectedUsage { MeterId = WcfRelay, Quantity = 2m }, prices.FindMeter(WcfRelay)!);

            Assert.Equal(0.2m, Price(prices, new[] { resolution.ToUsageRecord(Day(5, 1)) }).TotalCost);
        }
    }
}
