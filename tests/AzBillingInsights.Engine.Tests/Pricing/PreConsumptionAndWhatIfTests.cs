using System;
using System.Linq;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using static AzBillingInsights.Engine.Tests.Pricing.PricingFixtures;

namespace AzBillingInsights.Engine.Tests.Pricing
{
    public class PreConsumptionAndWhatIfTests
    {
        private static readonly PriceList Card = PricingFixtures.CardWithTerms("USD", Array.Empty<OfferTerm>(),
            Meter("d2-east", new[] { 0m }, new[] { 0.2m }, region: "US East", name: "D2 v3", subCategory: "Dv3 Series"),
            Meter("d2-west", new[] { 0m }, new[] { 0.25m }, region: "US West", name: "D2 v3", subCategory: "Dv3 Series"),
            Meter("d2-west-win", new[] { 0m }, new[] { 0.4m }, region: "US West", name: "D2 v3", subCategory: "Dv3 Series Windows"),
            Meter("old-west", new[] { 0m }, new[] { 1m }, region: "US West", name: "A1", status: "Deprecated"),
            Meter("new-west", new[] { 0m }, new[] { 0.9m }, region: "US West", name: "A1"),
            Meter("only-east", new[] { 0m }, new[] { 3m }, region: "US East", name: "Special"),
            Meter("global", new[] { 0m }, new[] { 0.05m }, region: "", name: "Transfer"));

        private static MeterResolution Resolve(ExpectedUsage row) => new MeterResolver(Card).Resolve(row);

        [Fact]
        public void Resolves_by_meter_id_or_by_name_and_region_case_insensitively()
        {
            Assert.Equal("d2-east", Resolve(new ExpectedUsage { MeterId = "D2-EAST" }).Meter!.MeterId);
            Assert.Equal("d2-east", Resolve(new ExpectedUsage { MeterName = "d2 V3", MeterRegion = "us east" }).Meter!.MeterId);
            Assert.Equal("d2-west-win", Resolve(new ExpectedUsage { MeterName = "D2 v3", MeterRegion = "US West", MeterSubCategory = "dv3 series windows" }).Meter!.MeterId);
            Assert.Equal("new-west", Resolve(new ExpectedUsage { MeterName = "A1", MeterRegion = "US West" }).Meter!.MeterId); // the active one of an old/new pair
        }

        [Fact]
        public void An_ambiguous_row_is_an_error_naming_the_row_and_the_candidates()
        {
            MeterResolution resolution = Resolve(new ExpectedUsage { Label = "line 3", MeterName = "D2 v3", MeterRegion = "US West" });

            Assert.False(resolution.IsResolved);
            Assert.Contains("line 3", resolution.Error);
            Assert.Contains("d2-west-win", resolution.Error);
            Assert.Equal(new[] { "d2-west", "d2-west-win" }, resolution.Candidates.Select(m => m.MeterId));
        }

        [Fact]
        public void An_unknown_row_is_an_error_and_the_other_rows_are_still_priced()
        {
            var resolver = new MeterResolver(Card);
            ExpectedUsage[] plan =
            {
                new ExpectedUsage { Label = "line 2", MeterName = "D2 v3", MeterRegion = "US East", Quantity = 730m },
                new ExpectedUsage { Label = "line 3", MeterName = "D2 v3", MeterRegion = "Mars" },
                new ExpectedUsage { Label = "line 4", MeterId = "no-such-meter" },
                new ExpectedUsage { Label = "line 5", MeterId = "global", Quantity = 100m },
            };

            MeterResolution[] resolutions = plan.Select(resolver.Resolve).ToArray();
            var rater = new UsageRater(Card);
            foreach (MeterResolution resolution in resolutions.Where(r => r.IsResolved))
            {
                rater.Add(resolution.ToUsageRecord(Day(6, 1)));
            }

            Assert.Contains("line 3", resolutions[1].Error);
            Assert.Contains("US East", resolutions[1].Error); // where the meter does exist
            Assert.Contains("line 4", resolutions[2].Error);
            Assert.Equal(730m * 0.2m + 100m * 0.05m, rater.Complete().TotalCost);
        }

        [Fact]
        public void What_if_another_region_prices_with_the_equivalent_meters_and_marks_the_unavailable()
        {
            var comparer = new WhatIfComparer(Card, new CostEstimateOptions { GroupBy = new[] { GroupDimension.Parse("ResourceGroup") } },
                new[] { WhatIfScenario.InRegion("US West") });
            comparer.Add(Row("d2-east", 100m, Day(3, 1), "web"));
            comparer.Add(Row("global", 10m, Day(3, 1), "web"));
            comparer.Add(Row("only-east", 1m, Day(3, 1), "special"));

            WhatIfResult result = comparer.Complete();

            CostComparison web = result.Comparisons.Single(c => c.Keys[0] == "web");
            Assert.Equal(20.5m, web.Cost);
            Assert.Equal(25.5m, web.AlternativeCost);     // 100 * 0.25 in US West, transfer is global
            Assert.Equal(5m, web.Difference);
            Assert.True(web.IsAvailable);
            CostComparison special = result.Comparisons.Single(c => c.Keys[0] == "special");
            Assert.False(special.IsAvailable);
            Assert.Null(special.AlternativeCost);
            Assert.Null(special.Difference);
            Assert.Equal("only-east", Assert.Single(result.Alternatives[0].Estimate.UnratedMeters).MeterId);
        }

        [Fact]
        public void What_if_another_offer_uses_its_rates_and_offer_terms()
        {
            var credit = new MonetaryCreditTerm(Day(1, 1), 10m, Array.Empty<string>());
            PriceList msdn = CardWithTerms("USD", new OfferTerm[] { credit }, Flat("d2-east", 0.1m));
            var comparer = new WhatIfComparer(Card, null, new[] { WhatIfScenario.WithCard(msdn) });
            comparer.Add(Row("d2-east", 300m, Day(3, 1)));

            CostComparison comparison = Assert.Single(comparer.Complete().Comparisons);

            Assert.Equal(60m, comparison.Cost);
            Assert.Equal(20m, comparison.AlternativeCost); // 300 * 0.1 - 10 credit
            Assert.Equal(-40m, comparison.Difference);
        }
    }
}
