using System;
using System.Globalization;

namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>Coordinates and scales for the SVG charts: invariant numbers, two decimals at most, and tidy axis steps.</summary>
    internal static class SvgNumbers
    {
        public static string Coordinate(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

        /// <summary>The smallest 1, 2 or 5 × 10ⁿ step that covers <paramref name="maximum"/> in at most <paramref name="steps"/> steps.</summary>
        public static decimal NiceStep(decimal maximum, int steps)
        {
            if (maximum <= 0m)
            {
                return 1m;
            }

            double raw = (double)maximum / steps;
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            foreach (double factor in new[] { 1d, 2d, 5d, 10d })
            {
                if (factor * magnitude >= raw)
                {
                    return (decimal)(factor * magnitude);
                }
            }

            return (decimal)(10 * magnitude);
        }

        /// <summary>At most <paramref name="length"/> characters, with an ellipsis when cut.</summary>
        public static string Shorten(string text, int length)
        {
            if (text.Length <= length)
            {
                return text;
            }

            int keep = length - 1;
            if (char.IsHighSurrogate(text[keep - 1]))
            {
                keep--; // never split a surrogate pair
            }

            return text.Substring(0, keep) + "\u2026";
        }
    }
}
