using System;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// Which retail prices: one Retail Prices query (its currency, primary-region switch and filter). Retail prices are
    /// list prices for everyone, so the offer is "Retail" and there is no country of purchase.
    /// </summary>
    public sealed class RetailPricesKey : PriceKey
    {
        public const string SourceName = "RetailPrices";
        public const string RetailOffer = "Retail";
        private const char IdSeparator = '|';

        public RetailPricesKey(RetailPriceQuery query)
        {
            Query = query ?? throw new ArgumentNullException(nameof(query));
            Id = string.Join(IdSeparator.ToString(), query.CurrencyCode, query.PrimaryRegionOnly ? "primary" : "all", query.Filter ?? string.Empty);
        }

        public RetailPriceQuery Query { get; }
        public override string Source => SourceName;
        public override string Id { get; }
        public override string Offer => RetailOffer;
        public override string Currency => Query.CurrencyCode;
        public override string Locale => "en-US";
        public override string? Market => null;

        public override string ToString() => Query.ToString();

        /// <summary>The API compares filter values case-sensitively, so 'redis cache' is another query than 'Redis Cache'.</summary>
        protected override StringComparer IdComparer => StringComparer.Ordinal;

        /// <summary>The key of an <see cref="Id"/>; null when it is not one. The filter is kept whole as the raw filter.</summary>
        internal static RetailPricesKey? TryParseId(string id)
        {
            string[] parts = (id ?? string.Empty).Split(new[] { IdSeparator }, 3);
            return parts.Length == 3 && parts[0].Length == 3 && (parts[1] == "primary" || parts[1] == "all")
                ? new RetailPricesKey(new RetailPriceQuery(parts[0], parts[1] == "primary", parts[2].Length == 0 ? null : parts[2]))
                : null;
        }
    }
}
