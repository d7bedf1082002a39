using System.Globalization;
using AzBillingInsights.Engine.Reporting;

namespace AzBillingInsights.Engine.Tests.Reporting
{
    public sealed class MoneyFormatterTests
    {
        [Theory]
        [InlineData("en-US", "USD", 1234.565, "$1,234.57")]
        [InlineData("de-DE", "EUR", 1234.565, "1.234,57\u00A0€")]
        [InlineData("de-DE", "USD", 1234.565, "1.234,57\u00A0USD")]
        [InlineData("en-GB", "USD", 1234.5, "USD\u00A01,234.50")]
        [InlineData("fr-FR", "KWD", 1.2345, "1,235\u00A0KWD")]
        public void UsesTheCultureForDigitsAndTheCurrencyForSymbolAndMinorUnit(string culture, string currency, double amount, string expected)
        {
            var money = new MoneyFormatter(currency, CultureInfo.GetCultureInfo(culture));

            Assert.Equal(Spaced(expected), Spaced(money.Format((decimal)amount)));
        }

        /// <summary>Platforms differ on which space sits between digits and symbol; its presence is what counts.</summary>
        private static string Spaced(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

        [Fact]
        public void RoundsWholeUnitsForAxes()
        {
            var money = new MoneyFormatter("JPY", CultureInfo.GetCultureInfo("en-US"));

            Assert.Equal("JPY\u00A01,235", money.Format(1234.5m));
            Assert.Equal("JPY\u00A01,235", money.FormatWhole(1234.5m));
        }

        [Fact]
        public void FallsBackToTheCodeForTheInvariantCulture()
        {
            var money = new MoneyFormatter("usd", CultureInfo.InvariantCulture);

            Assert.Equal("USD\u00A01,234.50", money.Format(1234.5m));
        }
    }
}
