using System;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights
{
    /// <summary>One cached price list (a rate card, or Retail Prices of one query), as Get-AzPriceCache lists it.</summary>
    public sealed class RateCardCacheItem
    {
        internal RateCardCacheItem(PriceCacheEntry entry, DateTimeOffset now)
        {
            Source = entry.Key.Source;
            KeyId = entry.Key.Id;
            Query = entry.Key is RetailPricesKey retail ? retail.Query.ToString() : null;
            Origin = entry.Origin.Value;
            OfferDurableId = entry.Key.Offer;
            Currency = entry.Key.Currency;
            Locale = entry.Key.Locale;
            RegionInfo = entry.Key.Market;
            Location = entry.Source == PriceCacheSource.Memory ? RateCardCacheLocation.Memory : RateCardCacheLocation.Disk;
            RetrievedAt = entry.RetrievedAt;
            ExpiresAt = entry.ExpiresAt;
            IsExpired = entry.ExpiresAt <= now;
            MeterCount = entry.MeterCount;
            Path = entry.Path;
        }

        /// <summary>The price source: RateCard or RetailPrices.</summary>
        public string Source { get; }
        /// <summary>The source's key as the cache stores it; Clear-AzPriceCache binds it from the pipeline.</summary>
        public string KeyId { get; }
        /// <summary>The Retail Prices query (currency and filter); null for a rate card.</summary>
        public string? Query { get; }
        /// <summary>The endpoint the card was read from (normalised), for example https://management.azure.com/.</summary>
        public string Origin { get; }
        public string OfferDurableId { get; }
        public string Currency { get; }
        public string Locale { get; }
        public string? RegionInfo { get; }
        public RateCardCacheLocation Location { get; }
        public DateTimeOffset RetrievedAt { get; }
        public DateTimeOffset ExpiresAt { get; }
        public bool IsExpired { get; }
        public int MeterCount { get; }
        /// <summary>The file of a disk entry; null in memory.</summary>
        public string? Path { get; }
    }

    /// <summary>Which rate-card cache: the process's memory, the disk folder, or both.</summary>
    public enum RateCardCacheLocation
    {
        All,
        Memory,
        Disk,
    }
}
