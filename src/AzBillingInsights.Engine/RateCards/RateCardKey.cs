using System;
using System.Text;

namespace AzBillingInsights.Engine.RateCards
{
    /// <summary>
    /// The four values of the RateCard $filter that identify one card, in their canonical spelling (offer, currency
    /// and region upper-case, a locale as en-US): the service accepts "ms-azr-0003p" and "MS-AZR-0003P" alike and
    /// returns the same card, so every call, the cache and the meters written spell a card one way.
    /// </summary>
    public sealed class RateCardKey : IEquatable<RateCardKey>
    {
        public RateCardKey(string offerDurableId, string currency, string locale, string regionInfo)
        {
            OfferDurableId = Require(offerDurableId, nameof(offerDurableId)).ToUpperInvariant();
            Currency = Require(currency, nameof(currency)).ToUpperInvariant();
            Locale = CanonicalLocale(Require(locale, nameof(locale)));
            RegionInfo = Require(regionInfo, nameof(regionInfo)).ToUpperInvariant();
        }

        public string OfferDurableId { get; }
        public string Currency { get; }
        public string Locale { get; }
        public string RegionInfo { get; }

        public bool Equals(RateCardKey? other) =>
            other is not null
            && StringComparer.OrdinalIgnoreCase.Equals(OfferDurableId, other.OfferDurableId)
            && StringComparer.OrdinalIgnoreCase.Equals(Currency, other.Currency)
            && StringComparer.OrdinalIgnoreCase.Equals(Locale, other.Locale)
            && StringComparer.OrdinalIgnoreCase.Equals(RegionInfo, other.RegionInfo);

        public override bool Equals(object? obj) => Equals(obj as RateCardKey);

        public override int GetHashCode()
        {
            unchecked
            {
                var comparer = StringComparer.OrdinalIgnoreCase;
                int hash = comparer.GetHashCode(OfferDurableId);
                hash = (hash * 397) ^ comparer.GetHashCode(Currency);
                hash = (hash * 397) ^ comparer.GetHashCode(Locale);
                return (hash * 397) ^ comparer.GetHashCode(RegionInfo);
            }
        }

        public override string ToString() => $"{OfferDurableId} {Currency} {Locale} {RegionInfo}";

        /// <summary>
        /// A file-name-safe, case-normalised form for the disk cache. Lossy for exotic characters, so the
        /// disk cache also stores the key itself and checks it on read.
        /// </summary>
        internal string ToFileStem()
        {
            var builder = new StringBuilder();
            foreach (string part in new[] { OfferDurableId, Currency, Locale, RegionInfo })
            {
                if (builder.Length > 0)
                {
                    builder.Append('_');
                }

                foreach (char c in part.ToUpperInvariant())
                {
                    builder.Append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ? c : '~');
                }
            }

            return builder.ToString();
        }

        /// <summary>Language lower-case, a two-letter region upper-case (en-US, pt-BR); other parts as given.</summary>
        private static string CanonicalLocale(string locale)
        {
            string[] parts = locale.Split('-');
            parts[0] = parts[0].ToLowerInvariant();
            for (int i = 1; i < parts.Length; i++)
            {
                if (parts[i].Length == 2)
                {
                    parts[i] = parts[i].ToUpperInvariant();
                }
            }

            return string.Join("-", parts);
        }

        private static string Require(string value, string name)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("A rate card key needs a non-empty value.", name);
            }

            return value.Trim();
        }
    }
}
