using System;
using AzBillingInsights.Engine.RateCards;

namespace AzBillingInsights
{
    /// <summary>One cached rate card, as Get-AzRateCardCache lists it.</summary>
    public sealed class RateCardCacheItem
    {
        internal RateCardCacheItem(RateCardCacheEntry entry, DateTimeOffset now)
        {
            OfferDurableId = entry.Key.OfferDurableId;
            Currency = entry.Key.Currency;
            Locale = entry.Key.Locale;
            RegionInfo = entry.Key.RegionInfo;
            Location = entry.Source == RateCardCacheSource.Memory ? RateCardCacheLocation.Memory : RateCardCacheLocation.Disk;
            RetrievedAt = entry.RetrievedAt;
            ExpiresAt = entry.ExpiresAt;
            IsExpired = entry.ExpiresAt <= now;
            MeterCount = entry.MeterCount;
            Path = entry.Path;
        }

        public string OfferDurableId { get; }
        public string Currency { get; }
        public string Locale { get; }
        public string RegionInfo { get; }
        public RateCardCacheLocation Location { get; }
        public DateTimeOffset RetrievedAt { get; }
        public DateTimeOffset ExpiresAt { get; }
        public bool IsExpired { get; }
        public int MeterCount { get; }
        /// <summary>The cached body of a disk entry; null in memory.</summary>
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
