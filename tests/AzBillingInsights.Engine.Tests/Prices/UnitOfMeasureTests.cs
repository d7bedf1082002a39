using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public sealed class UnitOfMeasureTests
    {
        [Theory]
        [InlineData("1 Hour", "1", "hour")]
        [InlineData("100 Hours", "100", "hour")]
        [InlineData("1 GB/Month", "1", "gb/month")]
        [InlineData("10K", "10000", "")]
        [InlineData("1K", "1000", "")]
        [InlineData("1M", "1000000", "")]
        [InlineData("10K/Month", "10000", "/month")]
        [InlineData("1/Month", "1", "/month")]
        [InlineData("100/Month", "100", "/month")]
        [InlineData("1 GiB/Hour", "1", "gib/hour")]
        [InlineData("100", "100", "")]
        [InlineData("10,000s", "10000", "")]
        [InlineData("GB", "1", "gb")]
        public void A_unit_of_measure_is_a_multiplier_and_what_it_counts(string text, string multiplier, string baseUnit)
        {
            UnitOfMeasure unit = UnitOfMeasure.Parse(text);

            Assert.Equal(decimal.Parse(multiplier, System.Globalization.CultureInfo.InvariantCulture), unit.Multiplier);
            Assert.Equal(baseUnit, unit.BaseUnit);
            Assert.Equal(text, unit.Text);
        }

        [Fact]
        public void Usage_in_single_hours_is_converted_to_blocks_of_100_hours()
        {
            Assert.Equal(1.5m, UnitOfMeasure.Parse("100 Hours").Convert(150m, UnitOfMeasure.Parse("1 Hour")));
        }

        [Fact]
        public void The_rate_cards_10000s_and_retail_10K_are_the_same_unit()
        {
            Assert.Equal(3m, UnitOfMeasure.Parse("10K").Convert(3m, UnitOfMeasure.Parse("10,000s")));
        }

        [Fact]
        public void Units_that_count_different_things_do_not_convert()
        {
            Assert.Null(UnitOfMeasure.Parse("1 GB/Month").Convert(10m, UnitOfMeasure.Parse("1 Hour")));
        }
    

        [Theory]
        [InlineData("100 Hours", "Hours", "0.01")]
        [InlineData("1 Hour", "Hours", "1")]
        [InlineData("10K", "10,000s", "1")]
        [InlineData("100", "10,000s", "100")]
        [InlineData("1M", "10K", "0.01")]
        [InlineData("1 GB/Month", "GB", "1")]
        [InlineData("1/Month", "1/Month", "1")]
        [InlineData("1", "Units", "1")]
        public void Usage_units_convert_to_the_price_unit_by_a_factor(string price, string usage, string factor)
        {
            Assert.Equal(decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture), UnitOfMeasure.Parse(price).FactorFrom(UnitOfMeasure.Parse(usage)));
        }

        [Theory]
        [InlineData("1 Hour", "GB")]
        [InlineData("1 GB/Month", "Hours")]
        [InlineData("1 GB", "1 GB/Month")]
        [InlineData("1/Hour", "1/Month")]
        [InlineData("1 GB/Month", "1 GiB")]
        public void Units_that_count_different_things_have_no_factor(string price, string usage)
        {
            Assert.Null(UnitOfMeasure.Parse(price).FactorFrom(UnitOfMeasure.Parse(usage)));
        }
    }
}
