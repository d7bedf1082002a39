using System;
using System.Globalization;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// Where a broken-off read resumes: the page to read again (its link exactly as the service gave it) and how many of
    /// its items were already written. Written as <c>link</c>, or <c>N|link</c> when the first N items are to be skipped
    /// (a price whose tiers ran on into the failed page is read again whole).
    /// </summary>
    public sealed class RetailPricesContinuation
    {
        public RetailPricesContinuation(string link, int skipItems)
        {
            Link = link;
            SkipItems = skipItems;
        }

        public string Link { get; }

        public int SkipItems { get; }

        /// <exception cref="ArgumentException">The token is not one this module wrote.</exception>
        public static RetailPricesContinuation Parse(string token)
        {
            string text = (token ?? string.Empty).Trim();
            int bar = text.IndexOf('|');
            int skip = 0;
            if (bar > 0 && !int.TryParse(text.Substring(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out skip))
            {
                bar = -1;
            }

            string link = bar > 0 ? text.Substring(bar + 1) : text;
            if (!Uri.TryCreate(link, UriKind.Absolute, out Uri? uri) || uri.AbsolutePath.IndexOf("/api/retail/prices", StringComparison.OrdinalIgnoreCase) < 0)
            {
                throw new ArgumentException("The continuation token is not one a Retail Prices read reported. Use the token from the error's message as it is.", nameof(token));
            }

            RetailPricesEndpoint.EnsureAllowed(uri);
            return new RetailPricesContinuation(link, bar > 0 ? skip : 0);
        }

        public override string ToString() => SkipItems == 0 ? Link : SkipItems.ToString(CultureInfo.InvariantCulture) + "|" + Link;
    }
}
