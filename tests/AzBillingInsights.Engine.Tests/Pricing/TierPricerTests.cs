using AzBillingInsights.Engine.Pricing;
using static AzBillingInsights.Engine.Tests.Pricing.PricingFixtures;

namespace AzBillingInsights.Engine.Tests.Pricing
{
    public class TierPricerTests
    {
        private static readonly TierPricer Tiered = new TierPricer(Meter("m", new[] { 0m, 100m, 1000m }, new[] { 2m, 1m, 0.5m }, included: 10m));

        [Theory]
        [InlineData(0, 0)]
        [InlineData(10, 0)]           // all included
        [InlineData(60, 100)]         // 50 * 2
        [InlineData(100, 180)]        // 90 * 2
        [InlineData(150, 230)]        // 90 * 2 + 50 * 1
        [InlineData(1500, 1330)]      // 90 * 2 + 900 * 1 + 500 * 0.5
        [InlineData(10.5, 1)]         // fractional past the included quantity
        public void Cost_of_a_cumulative_quantity_follows_the_graduated_formula(decimal quantity, decimal expected)
        {
            Assert.Equal(expected, Tiered.CostOf(quantity));
        }

        [Fact]
        public void Cost_between_two_totals_is_the_difference_of_their_costs()
        {
            Assert.Equal(Tiered.CostOf(1200m) - Tiered.CostOf(95m), Tiered.CostBetween(95m, 1200m));
            Assert.Equal(-(Tiered.CostOf(1200m) - Tiered.CostOf(95m)), Tiered.CostBetween(1200m, 95m));
        }

        [Fact]
        public void Breakdown_lists_the_included_part_and_each_tier_touched()
        {
            var parts = new System.Collections.Generic.List<TierSlice>();
            Tiered.Breakdown(5m, 150m, parts);

            Assert.Equal(3, parts.Count);
            Assert.Equal((-1, 5m, 0m), (parts[0].TierIndex, parts[0].Quantity, parts[0].Cost));
            Assert.Equal((0, 90m, 180m), (parts[1].TierIndex, parts[1].Quantity, parts[1].Cost));
            Assert.Equal((1, 50m, 50m), (parts[2].TierIndex, parts[2].Quantity, parts[2].Cost));
        }

        [Fact]
        public void Currency_rounding_uses_the_minor_unit_and_rounds_midpoints_away_from_zero()
        {
            Assert.Equal(1.13m, CurrencyRounding.Round(1.125m, "USD"));
            Assert.Equal(-1.13m, CurrencyRounding.Round(-1.125m, "EUR"));
            Assert.Equal(3m, CurrencyRounding.Round(2.5m, "JPY"));
            Assert.Equal(1.235m, CurrencyRounding.Round(1.2345m, "KWD"));
        }

        [Fact]
        public void Billing_periods_start_on_the_configured_day()
        {
            var monthly = new BillingPeriodCalendar();
            var fifteenth = new BillingPeriodCalendar(15);

            Assert.Equal((Day(2, 1), Day(3, 1)), monthly.PeriodOf(Day(2, 29, 23)));
            Assert.Equal((Day(1, 15), Day(2, 15)), fifteenth.PeriodOf(Day(2, 14, 23)));
            Assert.Equal((Day(2, 15), Day(3, 15)), fifteenth.PeriodOf(Day(2, 15)));
            Assert.Throws<System.ArgumentOutOfRangeException>(() => new BillingPeriodCalendar(29));
        }

        [Theory]
        [InlineData("resourcegroup", "ResourceGroup")]
        [InlineData("Tag:CostCenter", "Tag:CostCenter")]
        [InlineData("DAY", "Day")]
        [InlineData("Subscription", "SubscriptionId")]
        public void Group_dimensions_parse_case_insensitively(string text, string name)
        {
            Assert.Equal(name, GroupDimension.Parse(text).Name);
        }

        [Theory]
        [InlineData("Colour")]
        [InlineData("Tag:")]
        [InlineData("3")]
        public void Unknown_group_dimensions_are_rejected(string text)
        {
            Assert.ThrowsAny<System.Exception>(() => GroupDimension.Parse(text));
        }
    }
}
