using System;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Rounding for display and invoices only: the engine itself carries amounts unrounded. Midpoints round
    /// away from zero, as invoices do, to the currency's minor unit (ISO 4217).
    /// </summary>
    public static class CurrencyRounding
    {
        public static int MinorUnitDigits(string? currency)
        {
            switch (currency?.ToUpperInvariant())
            {
                case "JPY":
                case "KRW":
                case "CLP":
                case "ISK":
                case "VND":
                case "PYG":
                case "UGX":
                    return 0;
                case "BHD":
                case "KWD":
                case "OMR":
                case "JOD":
                case "TND":
                    return 3;
                default:
                    return 2;
            }
        }

        public static decimal Round(decimal amount, string? currency) =>
            Math.Round(amount, MinorUnitDigits(currency), MidpointRounding.AwayFromZero);
    }
}
