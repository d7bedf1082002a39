using System;
using System.Globalization;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>
    /// Money as a culture writes it, in the card's currency: the culture gives digit grouping, decimal separator
    /// and where the symbol goes; the currency gives the minor unit. The culture's own symbol is used only when
    /// it is that currency's (de-DE shows "1.234,56 €" for EUR but "1.234,56 USD" for USD, never a wrong "€").
    /// </summary>
    public sealed class MoneyFormatter
    {
        private readonly NumberFormatInfo _exact;
        private readonly NumberFormatInfo _whole;

        public MoneyFormatter(string currency, CultureInfo culture)
        {
            Currency = string.IsNullOrEmpty(currency) ? throw new ArgumentException("The currency is empty.", nameof(currency)) : currency.ToUpperInvariant();
            Culture = culture ?? throw new ArgumentNullException(nameof(culture));
            _exact = (NumberFormatInfo)culture.NumberFormat.Clone();
            _exact.CurrencySymbol = SymbolFor(Currency, culture);
            _exact.CurrencyDecimalDigits = CurrencyRounding.MinorUnitDigits(Currency);
            _whole = (NumberFormatInfo)_exact.Clone();
            _whole.CurrencyDecimalDigits = 0;
        }

        public string Currency { get; }
        public CultureInfo Culture { get; }

        /// <summary>Rounded to the currency's minor unit, midpoints away from zero (as invoices round).</summary>
        public string Format(decimal amount) => CurrencyRounding.Round(amount, Currency).ToString("C", _exact);

        /// <summary>Rounded to a whole unit: chart axes.</summary>
        public string FormatWhole(decimal amount) => Math.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("C", _whole);

        public string FormatPercent(double fraction) => fraction.ToString("P1", Culture);

        public string FormatNumber(long value) => value.ToString("N0", Culture);

        private static string SymbolFor(string currency, CultureInfo culture)
        {
            if (IsCultureCurrency(currency, culture))
            {
                return culture.NumberFormat.CurrencySymbol;
            }

            // An ISO code needs a space between it and the digits, on whichever side the culture puts the symbol.
            switch (culture.NumberFormat.CurrencyPositivePattern)
            {
                case 0:
                    return currency + "\u00A0";
                case 1:
                    return "\u00A0" + currency;
                default:
                    return currency;
            }
        }

        private static bool IsCultureCurrency(string currency, CultureInfo culture)
        {
            if (culture.IsNeutralCulture || string.IsNullOrEmpty(culture.Name))
            {
                return false;
            }

            try
            {
                return string.Equals(new RegionInfo(culture.Name).ISOCurrencySymbol, currency, StringComparison.OrdinalIgnoreCase);
            }
            catch (ArgumentException)
            {
                return false; // a culture without a region (or one the platform does not know)
            }
        }
    }
}
