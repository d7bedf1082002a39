using System;
using System.Text;

namespace AzBillingInsights.Engine.RateCards
{
    /// <summary>
    /// The four values of the RateCard $filter that identify one card. Compared case-insensitively because
    /// the service accepts "MS-AZR-0003p" and "MS-AZR-0003P" alike and returns the same card.
    /// </summary>
    public sealed class RateCardKey : IEquatable<RateCardKey>
    {
        public RateCardKey(string offerDurableId, string currency, string locale, string regionInfo)
        {
            OfferDurableId = Require(offerDurableId, nameof(offerDurableId));
            Currency = Require(currency, nameof(currency));
            Locale = Require(locale, nameof(locale));
            RegionInfo = Require(regionInfo, nameof(regionInfo));
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
