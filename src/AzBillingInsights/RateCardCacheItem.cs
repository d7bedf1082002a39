using System;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights
{
    /// <summary>One cached rate card, as Get-AzRateCardCache lists it.</summary>
    public sealed class RateCardCacheItem
    {
        internal RateCardCacheItem(PriceCacheEntry entry, DateTimeOffset now)
        {
            Source = entry.Key.Source;
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

        /// <summary>The price source, for example RateCard.</summary>
        public string Source { get; }
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
