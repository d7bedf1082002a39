using System;
using System.Globalization;

namespace AzBillingInsights.Engine.Tests.Module
{
    public sealed class DisplayTextTests
    {
        [Theory]
        [InlineData(21561.49, "USD", 13, "21,561.49 USD")]
        [InlineData(160929.99, "USD", 14, "160,929.99 USD")]
        [InlineData(160929.99, "USD", 13, "160,930 USD")]
        [InlineData(-160929.49, "EUR", 13, "-160,929 EUR")]
        [InlineData(12345678.90, "USD", 13, "12,345,679")]
        [InlineData(1234567.89, null, 12, "1,234,567.89")]
        [InlineData(12345678.91, null, 12, "12,345,679")]
        public void Money_in_a_narrow_column_drops_the_cents_then_the_currency_but_never_a_digit(double amount, string? currency, int width, string expected)
        {
            string text = InCulture("en-US", () => DisplayText.Money((decimal)amount, currency, width));

            Assert.Equal(expected, text);
        }

        [Fact]
        public void Money_that_fits_its_column_is_exact_in_the_culture_s_separators()
        {
            Assert.Equal("160.929,99 EUR", InCulture("de-DE", () => DisplayText.Money(160929.99m, "EUR", 18)));
            Assert.Equal("160.930 EUR", InCulture("de-DE", () => DisplayText.Money(160929.99m, "EUR", 12)));
        }

        [Theory]
        [InlineData(4912.345, 5123.456, 25, "4,912.35..5,123.46")]
        [InlineData(4912345.674, 5123456.785, 25, "4,912,346..5,123,457")]
        public void A_range_too_wide_for_its_column_is_written_in_whole_units(double lower, double upper, int width, string expected)
        {
            Assert.Equal(expected, InCulture("en-US", () => DisplayText.Range((decimal)lower, (decimal)upper, width)));
        }

        [Theory]
        [InlineData(169.4471, 10, "169.4471")]
        [InlineData(0.032877, 10, "0.0329")]
        [InlineData(12345.67891, 10, "12,345.679")]
        [InlineData(1137436.3612, 10, "1,137,436")]
        [InlineData(123456789.5, 10, "123,456,790")]
        public void A_quantity_loses_decimals_to_fit_its_column_but_never_a_digit_before_the_point(double quantity, int width, string expected)
        {
            Assert.Equal(expected, InCulture("en-US", () => DisplayText.Quantity((decimal)quantity, width)));
        }

        [Theory]
        [InlineData("0.09", "USD", 13, "0.09 USD")]
        [InlineData("0.000000056", "USD", 13, "0.000000056")]
        [InlineData("0.0100000", "EUR", 13, "0.0100000 EUR")]
        public void A_price_keeps_every_decimal_and_drops_the_currency_to_fit(string price, string currency, int width, string expected)
        {
            decimal value = decimal.Parse(price, CultureInfo.InvariantCulture);

            Assert.Equal(expected, InCulture("en-US", () => DisplayText.Price(value, currency, width)));
        }

        [Fact]
        public void No_amount_is_an_empty_cell()
        {
            Assert.Equal(string.Empty, DisplayText.Money(null, "USD", 5));
            Assert.Equal(string.Empty, DisplayText.Price(null, "USD", 5));
        }

        private static string InCulture(string name, Func<string> format)
        {
            CultureInfo before = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            try
            {
                return format();
            }
            finally
            {
                CultureInfo.CurrentCulture = before;
            }
        }
    }
}
