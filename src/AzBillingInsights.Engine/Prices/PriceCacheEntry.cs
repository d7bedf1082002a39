using System;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>Where cached prices live.</summary>
    public enum PriceCacheSource
    {
        Memory,
        Disk,
    }

    /// <summary>Which caches <see cref="PriceStore.Clear"/> empties.</summary>
    [Flags]
    public enum PriceCacheScope
    {
        Memory = 1,
        Disk = 2,
        All = Memory | Disk,
    }

    /// <summary>One cached price list, as listed by <see cref="PriceStore.GetEntries"/>.</summary>
    public sealed class PriceCacheEntry
    {
        public PriceCacheEntry(PriceKey key, PriceOrigin origin, PriceCacheSource source, DateTimeOffset retrievedAt, DateTimeOffset expiresAt, int meterCount, string? path)
        {
            Key = key;
            Origin = origin;
            Source = source;
            RetrievedAt = retrievedAt;
            ExpiresAt = expiresAt;
            MeterCount = meterCount;
            Path = path;
        }

        public PriceKey Key { get; }
        /// <summary>The endpoint the prices were read from.</summary>
        public PriceOrigin Origin { get; }
        public PriceCacheSource Source { get; }
        public DateTimeOffset RetrievedAt { get; }
        public DateTimeOffset ExpiresAt { get; }
        public int MeterCount { get; }
        /// <summary>The file of a disk entry; null for memory entries.</summary>
        public string? Path { get; }
    }
}
