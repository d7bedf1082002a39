using System;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>The summed usage of one (meter, subscription, group, start).</summary>
    internal struct Slice
    {
        /// <summary>Key.Start is the usage start, or for a coarse slice the start of its bucket within the period.</summary>
        public SliceKey Key;
        public long FirstStart;
        public decimal Quantity;
        public long Rows;
        public long End;
    }

    internal readonly struct SliceKey : IEquatable<SliceKey>
    {
        public readonly int Slot;
        public readonly int Subscription;
        public readonly int Group;
        public readonly long Start;

        public SliceKey(int slot, int subscription, int group, long start)
        {
            Slot = slot;
            Subscription = subscription;
            Group = group;
            Start = start;
        }

        public bool Equals(SliceKey other) => Start == other.Start && Slot == other.Slot && Group == other.Group && Subscription == other.Subscription;

        public override bool Equals(object? obj) => obj is SliceKey other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = (Slot * 397) ^ Group;
                hash = (hash * 397) ^ Subscription;
                return (hash * 397) ^ Start.GetHashCode();
            }
        }
    }
}
