using System;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>What identifies cached prices: where they came from and the source's key (which names the source).</summary>
    internal readonly struct PriceEntryKey : IEquatable<PriceEntryKey>
    {
        public PriceEntryKey(PriceOrigin origin, PriceKey key)
        {
            Origin = origin ?? throw new ArgumentNullException(nameof(origin));
            Key = key ?? throw new ArgumentNullException(nameof(key));
        }

        public PriceOrigin Origin { get; }
        public PriceKey Key { get; }

        /// <summary>Whether a Clear of <paramref name="origin"/> and <paramref name="key"/> (either null for any) takes this entry.</summary>
        public bool Matches(PriceOrigin? origin, PriceKey? key) => (origin is null || Origin.Equals(origin)) && (key is null || Key.Equals(key));

        /// <summary>Removes from <paramref name="memory"/> the entries a Clear of <paramref name="origin"/> and <paramref name="key"/> takes.</summary>
        public static void RemoveMatching(Microsoft.Extensions.Caching.Memory.MemoryCache memory, PriceOrigin? origin, PriceKey? key)
        {
            foreach (object cached in memory.Keys)
            {
                if (cached is PriceEntryKey entry && entry.Matches(origin, key))
                {
                    memory.Remove(cached);
                }
            }
        }

        public bool Equals(PriceEntryKey other) => Origin.Equals(other.Origin) && Key.Equals(other.Key);

        public override bool Equals(object? obj) => obj is PriceEntryKey other && Equals(other);

        public override int GetHashCode() => unchecked((Origin.GetHashCode() * 397) ^ Key.GetHashCode());
    }
}
