using System.Linq;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public sealed class RetailPriceTierTests
    {
        [Fact]
        public void Items_of_one_meter_that_differ_only_in_tierMinimumUnits_are_one_price_with_ascending_tiers()
        {
            RetailPrice[] prices = RetailPriceFixtures.Folded(RetailPriceFixtures.StoragePage);

            RetailPrice lrs = prices.Single(p => p.MeterId == "c1635534-1c1d-4fc4-b090-88fc2672ef87" && p.SkuId == "DZH318Z0BNZH/0047");
            Assert.Equal(new[] { 0m, 1024m, 51200m, 512000m, 1024000m }, lrs.Tiers.Select(t => t.MinimumUnits));
            Assert.Equal(new[] { 0.024m, 0.0236m, 0.0232m, 0.0228m, 0.0224m }, lrs.Tiers.Select(t => t.UnitPrice));
        }

        [Fact]
        public void A_real_storage_page_of_1000_items_folds_its_45_further_tiers_into_their_meters()
        {
            RetailPrice[] prices = RetailPriceFixtures.Folded(RetailPriceFixtures.StoragePage);

            Assert.Equal(1000 - 45, prices.Length);
            Assert.Equal(1000, prices.Sum(p => p.Tiers.Count));
        }

        [Fact]
        public void One_meter_id_under_two_meter_names_stays_two_prices()
        {
            // Real storage pages list 3d7aa86c-... as both "LRS List and Create Container Operations" and "Hot LRS Write Operations".
            RetailPrice[] prices = RetailPriceFixtures.Folded(RetailPriceFixtures.StoragePage);

            Assert.Equal(2, prices.Count(p => p.MeterId == "3d7aa86c-0e9d-4139-b59f-cc5bad92b873" && p.SkuId == "DZH318Z0BPH7/0067"));
        }

        [Fact]
        public void Graduated_cost_prices_each_slice_at_its_tier_in_the_unit_of_measure()
        {
            // Custom Entity Skills: per 1K records, 0-500 at 1.00, 500-2,500 at 0.75, 2,500-10,000 at 0.30, beyond at 0.25.
            RetailPrice skills = RetailPriceFixtures.Folded(RetailPriceFixtures.CognitiveSearchPage)
                .Single(p => p.MeterId == "e8fc8ffa-48c2-50f2-9dda-27d3c9ac27e5");

            Assert.Equal(new[] { 0m, 500m, 2500m, 10000m }, skills.Tiers.Select(t => t.MinimumUnits));
            Assert.Equal(1000m, skills.UnitOfMeasure.Multiplier);
            Assert.Equal(500m * 1.00m + 100m * 0.75m, skills.CostOf(600m));
            Assert.Equal(500m * 1.00m + 2000m * 0.75m + 7500m * 0.30m + 1000m * 0.25m, skills.CostOf(11000m));
            Assert.Equal(0m, skills.CostOf(0m));
        }
    }
}
