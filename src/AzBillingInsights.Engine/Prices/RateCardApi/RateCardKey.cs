using System;

namespace AzBillingInsights.Engine.Prices.RateCardApi
{
    /// <summary>
    /// The four values of the RateCard $filter that identify one card, in their canonical spelling (offer, currency
    /// and region upper-case, a locale as en-US): the service accepts "ms-azr-0003p" and "MS-AZR-0003P" alike and
    /// returns the same card, so every call, the cache and the meters written spell a card one way.
    /// </summary>
    public sealed class RateCardKey : PriceKey
    {
        /// <summary>The <see cref="PriceKey.Source"/> of RateCard API keys.</summary>
        public const string SourceName = "RateCard";

        private const char IdSeparator = '|';

        public RateCardKey(string offerDurableId, string currency, string locale, string regionInfo)
        {
            OfferDurableId = Require(offerDurableId, nameof(offerDurableId)).ToUpperInvariant();
            Currency = Require(currency, nameof(currency)).ToUpperInvariant();
            Locale = CanonicalLocale(Require(locale, nameof(locale)));
            RegionInfo = Require(regionInfo, nameof(regionInfo)).ToUpperInvariant();
            Id = string.Join(IdSeparator.ToString(), OfferDurableId, Currency, Locale, RegionInfo);
        }

        public string OfferDurableId { get; }
        public override string Currency { get; }
        public override string Locale { get; }
        public string RegionInfo { get; }
        public override string Source => SourceName;
        /// <summary>"OFFER|CURRENCY|locale|REGION".</summary>
        public override string Id { get; }
        public override string Offer => OfferDurableId;
        public override string? Market => RegionInfo;

        public override string ToString() => $"{OfferDurableId} {Currency} {Locale} {RegionInfo}";

        /// <summary>The key of an <see cref="Id"/>; null when it is not one.</summary>
        internal static RateCardKey? TryParseId(string id)
        {
            string[] parts = (id ?? string.Empty).Split(IdSeparator);
            return parts.Length == 4 && Array.TrueForAll(parts, p => !string.IsNullOrWhiteSpace(p)) ? new RateCardKey(parts[0], parts[1], parts[2], parts[3]) : null;
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
