using System;

namespace AzBillingInsights.Engine.RateCards
{
    /// <summary>Where a cached card lives.</summary>
    public enum RateCardCacheSource
    {
        Memory,
        Disk,
    }

    /// <summary>Which caches <see cref="RateCardStore.Clear"/> empties.</summary>
    [Flags]
    public enum RateCardCacheScope
    {
        Memory = 1,
        Disk = 2,
        All = Memory | Disk,
    }

    /// <summary>One cached card, as listed by <see cref="RateCardStore.GetEntries"/>.</summary>
    public sealed class RateCardCacheEntry
    {
        public RateCardCacheEntry(RateCardKey key, RateCardCacheSource source, DateTimeOffset retrievedAt, DateTimeOffset expiresAt, int meterCount, string? path)
        {
            Key = key;
            Source = source;
            RetrievedAt = retrievedAt;
            ExpiresAt = expiresAt;
            MeterCount = meterCount;
            Path = path;
        }

        public RateCardKey Key { get; }
        public RateCardCacheSource Source { get; }
        public DateTimeOffset RetrievedAt { get; }
        public DateTimeOffset ExpiresAt { get; }
        public int MeterCount { get; }
        /// <summary>The body file of a disk entry; null for memory entries.</summary>
        public string? Path { get; }
    }
}
