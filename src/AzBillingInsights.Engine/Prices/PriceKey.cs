using System;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>
    /// Which prices, in the terms of one price source (for the RateCard API: offer, currency, locale and region).
    /// Two keys are equal when they name the same source and have the same <see cref="Id"/>.
    /// </summary>
    public abstract class PriceKey : IEquatable<PriceKey>
    {
        /// <summary>The source's name, for example "RateCard"; part of every cache key.</summary>
        public abstract string Source { get; }

        /// <summary>The key's canonical text within its source, stable across versions: the disk cache stores it.</summary>
        public abstract string Id { get; }

        /// <summary>The offer whose prices these are, for example MS-AZR-0003P.</summary>
        public abstract string Offer { get; }

        public abstract string Currency { get; }

        public abstract string Locale { get; }

        /// <summary>The country of purchase, for example US; null when the source has no such notion.</summary>
        public abstract string? Market { get; }

        public bool Equals(PriceKey? other) =>
            other is not null
            && string.Equals(Source, other.Source, StringComparison.Ordinal)
            && IdComparer.Equals(Id, other.Id);

        public override bool Equals(object? obj) => Equals(obj as PriceKey);

        public override int GetHashCode() => IdComparer.GetHashCode(Id);

        /// <summary>How ids compare: ignoring case unless the source's values are case-sensitive.</summary>
        protected virtual StringComparer IdComparer => StringComparer.OrdinalIgnoreCase;

        /// <summary>The key a source wrote to the disk cache; null for a source or an id this version does not know.</summary>
        public static PriceKey? FromId(string source, string id) => source switch
        {
            RateCardKey.SourceName => RateCardKey.TryParseId(id),
            RetailPrices.RetailPricesKey.SourceName => RetailPrices.RetailPricesKey.TryParseId(id),
            _ => null,
        };
    }
}
