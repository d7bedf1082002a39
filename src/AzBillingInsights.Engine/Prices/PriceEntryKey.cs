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

        public bool Equals(PriceEntryKey other) => Origin.Equals(other.Origin) && Key.Equals(other.Key);

        public override bool Equals(object? obj) => obj is PriceEntryKey other && Equals(other);

        public override int GetHashCode() => unchecked((Origin.GetHashCode() * 397) ^ Key.GetHashCode());
    }
}
