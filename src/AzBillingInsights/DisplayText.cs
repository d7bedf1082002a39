using System;
using System.Globalization;

namespace AzBillingInsights
{
    /// <summary>
    /// How the format views (format/*.ps1xml) write values, in one place so every view agrees: money with
    /// thousands separators and its currency (in whole units where a table column is too narrow for the cents), ISO
    /// dates, and long names cut in the middle.
    /// </summary>
    public static class DisplayText
    {
        private static readonly string[] QuantityFormats = { "#,0.####", "#,0.###", "#,0.##", "#,0.#", "#,0" };

        /// <summary>"16,476.74 USD" (the current culture's separators); no currency for quantities; empty for no value.</summary>
        public static string Money(decimal? amount, string? currency) =>
            amount is null ? string.Empty
            : string.IsNullOrEmpty(currency) ? amount.Value.ToString("N2", CultureInfo.CurrentCulture)
            : amount.Value.ToString("N2", CultureInfo.CurrentCulture) + " " + currency;

        /// <summary>
        /// Money for a table column <paramref name="width"/> characters wide: as <see cref="Money(decimal?, string?)"/>
        /// when that fits, else in whole units, then in whole units without the currency. A table cuts a value too wide
        /// for its column from the left, and "…0,929.99 USD" reads as a tenth of 160,929.99: the magnitude must never
        /// be what goes. The object keeps the exact amount; Format-List shows it whole.
        /// </summary>
        public static string Money(decimal? amount, string? currency, int width)
        {
            string exact = Money(amount, currency);
            if (amount is null || exact.Length <= width)
            {
                return exact;
            }

            string whole = amount.Value.ToString("N0", CultureInfo.CurrentCulture);
            string wholeWithCurrency = string.IsNullOrEmpty(currency) ? whole : whole + " " + currency;
            return wholeWithCurrency.Length <= width ? wholeWithCurrency : whole;
        }

        /// <summary>
        /// "0.0000023 USD": a unit price as the price list gives it, every decimal kept (small prices matter); without the
        /// currency where a table column <paramref name="width"/> wide is too narrow for both.
        /// </summary>
        public static string Price(decimal? price, string? currency, int width)
        {
            if (price is null)
            {
                return string.Empty;
            }

            string text = price.Value.ToString(CultureInfo.CurrentCulture);
            string withCurrency = string.IsNullOrEmpty(currency) ? text : text + " " + currency;
            return withCurrency.Length <= width ? withCurrency : text;
        }

        /// <summary>"1,234.50..2,345.75" in a column <paramref name="width"/> wide, in whole units when the cents do not fit.</summary>
        public static string Range(decimal lower, decimal upper, int width)
        {
            string exact = Money(lower, null) + ".." + Money(upper, null);
            return exact.Length <= width
                ? exact
                : lower.ToString("N0", CultureInfo.CurrentCulture) + ".." + upper.ToString("N0", CultureInfo.CurrentCulture);
        }

        /// <summary>
        /// "1,234.5678": a quantity to four decimals, fewer where a table column <paramref name="width"/> wide is too
        /// narrow for them; the digits before the point are never what goes.
        /// </summary>
        public static string Quantity(decimal quantity, int width)
        {
            string text = string.Empty;
            foreach (string format in QuantityFormats)
            {
                text = quantity.ToString(format, CultureInfo.CurrentCulture);
                if (text.Length <= width)
                {
                    break;
                }
            }

            return text;
        }

        /// <summary>"2026-12-16"; empty for no value.</summary>
        public static string Date(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

        /// <summary>"2026-12-16 14:00" in UTC; empty for no value.</summary>
        public static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? string.Empty;

        /// <summary>
        /// A name cut to <paramref name="width"/> by removing its middle: resource names carry their meaning at both
        /// ends (the workload in front, the instance number at the back), which an end cut would lose.
        /// </summary>
        public static string Middle(string? text, int width)
        {
            if (text is null || text.Length <= width || width < 3)
            {
                return text ?? string.Empty;
            }

            int kept = width - 1;
            int head = kept / 2;
            return text.Substring(0, head) + "…" + text.Substring(text.Length - (kept - head));
        }
    }
}
