using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// A Retail Prices query: OData <c>eq</c> conditions joined by <c>and</c> on the fields the API filters, a raw
    /// filter, the currency and the primary-region switch. Values are sent as given: the API compares them
    /// case-sensitively. The text form is also the query's cache key.
    /// </summary>
    public sealed class RetailPriceQuery
    {
        public const string ApiVersion = "2023-01-01-preview";

        /// <summary>The fields the API filters on (reference §2), in the spelling it expects.</summary>
        public static readonly IReadOnlyList<string> FilterableFields = new[]
        {
            "armRegionName", "location", "meterId", "meterName", "productId", "skuId", "productName", "skuName",
            "serviceName", "serviceId", "serviceFamily", "priceType", "armSkuName",
        };

        private readonly List<KeyValuePair<string, string>> _conditions = new List<KeyValuePair<string, string>>();

        public RetailPriceQuery(string? currencyCode = null, bool primaryRegionOnly = false, string? rawFilter = null)
        {
            CurrencyCode = string.IsNullOrWhiteSpace(currencyCode) ? "USD" : currencyCode!.Trim().ToUpperInvariant();
            PrimaryRegionOnly = primaryRegionOnly;
            RawFilter = string.IsNullOrWhiteSpace(rawFilter) ? null : rawFilter!.Trim();
        }

        public string CurrencyCode { get; }

        public bool PrimaryRegionOnly { get; }

        public string? RawFilter { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Conditions => _conditions;

        /// <summary>Adds <c>field eq 'value'</c>.</summary>
        /// <exception cref="ArgumentException">The API does not filter on <paramref name="field"/>.</exception>
        public RetailPriceQuery Where(string field, string value)
        {
            string? known = FilterableFields.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                throw new ArgumentException($"The Retail Prices API does not filter on '{field}'. It filters on {string.Join(", ", FilterableFields)}.", nameof(field));
            }

            _conditions.Add(new KeyValuePair<string, string>(known, value));
            return this;
        }

        /// <summary>The OData filter: the conditions, then the raw filter, joined by <c>and</c>; null when there is none.</summary>
        public string? Filter
        {
            get
            {
                IEnumerable<string> parts = _conditions.Select(c => $"{c.Key} eq '{c.Value.Replace("'", "''")}'");
                if (RawFilter is not null)
                {
                    parts = parts.Concat(new[] { _conditions.Count == 0 ? RawFilter : "(" + RawFilter + ")" });
                }

                string filter = string.Join(" and ", parts);
                return filter.Length == 0 ? null : filter;
            }
        }

        /// <summary>The first page's address under <paramref name="baseAddress"/>.</summary>
        public Uri ToUri(Uri baseAddress)
        {
            var query = new StringBuilder("api/retail/prices?api-version=").Append(ApiVersion);
            query.Append("&currencyCode=").Append(Uri.EscapeDataString("'" + CurrencyCode + "'"));
            if (PrimaryRegionOnly)
            {
                query.Append("&meterRegion=").Append(Uri.EscapeDataString("'primary'"));
            }

            if (Filter is string filter)
            {
                query.Append("&$filter=").Append(Uri.EscapeDataString(filter));
            }

            return new Uri(baseAddress, query.ToString());
        }

        /// <summary>What identifies the query's answer in a cache, apart from the base address.</summary>
        public string CacheKey => $"{CurrencyCode}|{(PrimaryRegionOnly ? "primary" : "all")}|{Filter}";

        public override string ToString() => Filter is null ? $"all prices in {CurrencyCode}" : $"{Filter} in {CurrencyCode}";
    }
}
