using System;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>Sort order for tier pricing: one run per (subscription, period, meter), then by time.</summary>
    internal readonly struct TierOrder : IComparable<TierOrder>
    {
        public readonly long Major;
        public readonly long Start;
        public readonly int GroupRank;
        public readonly int Index;

        public TierOrder(int subscription, int period, int slot, long start, int groupRank, int index)
        {
            // 23 bits of subscription, 16 of period (a month index up to year 5461), 24 of meter.
            Major = ((long)subscription << 40) | ((long)(period & 0xFFFF) << 24) | (uint)slot;
            Start = start;
            GroupRank = groupRank;
            Index = index;
        }

        public int Subscription => (int)(Major >> 40);
        public int Period => (int)((Major >> 24) & 0xFFFF);
        public int Slot => (int)(Major & 0xFFFFFF);

        public int CompareTo(TierOrder other)
        {
            int c = Major.CompareTo(other.Major);
            if (c != 0)
            {
                return c;
            }

            c = Start.CompareTo(other.Start);
            return c != 0 ? c : GroupRank.CompareTo(other.GroupRank);
        }
    }

    /// <summary>Sort order for offer terms within one subscription-period: by time, across meters.</summary>
    internal readonly struct TimeOrder : IComparable<TimeOrder>
    {
        public readonly long Start;
        public readonly int MeterRank;
        public readonly int GroupRank;
        public readonly int Index;
        public readonly int Slot;

        public TimeOrder(long start, int meterRank, int groupRank, int index, int slot)
        {
            Start = start;
            MeterRank = meterRank;
            GroupRank = groupRank;
            Index = index;
            Slot = slot;
        }

        public int CompareTo(TimeOrder other)
        {
            int c = Start.CompareTo(other.Start);
            if (c != 0)
            {
                return c;
            }

            c = MeterRank.CompareTo(other.MeterRank);
            return c != 0 ? c : GroupRank.CompareTo(other.GroupRank);
        }
    }

    internal readonly struct OutputKey : IEquatable<OutputKey>
    {
        public readonly int Group;
        public readonly long Bucket;
        public readonly bool Unrated;

        public OutputKey(int group, long bucket, bool unrated)
        {
            Group = group;
            Bucket = bucket;
            Unrated = unrated;
        }

        public bool Equals(OutputKey other) => Group == other.Group && Bucket == other.Bucket && Unrated == other.Unrated;

        public override bool Equals(object? obj) => obj is OutputKey other && Equals(other);

        public override int GetHashCode() => unchecked((Group * 397) ^ Bucket.GetHashCode() ^ (Unrated ? 1 : 0));
    }
}
