using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>One output group of a rating pass, summed slice by slice.</summary>
    internal sealed class GroupBuilder
    {
        private readonly OutputKey _key;
        private decimal _quantity;
        private decimal _gross;
        private decimal _discount;
        private decimal _credit;
        private long _rows;
        private long _start = long.MaxValue;
        private long _end = long.MinValue;
        private bool _deprecated;
        private Dictionary<long, TierTotal>? _tiers;

        public GroupBuilder(OutputKey key) => _key = key;

        public void Add(in Slice slice, decimal gross, decimal discount, decimal credit, bool deprecated)
        {
            _quantity += slice.Quantity;
            _gross += gross;
            _discount += discount;
            _credit += credit;
            _rows += slice.Rows;
            _start = Math.Min(_start, slice.FirstStart);
            _end = Math.Max(_end, slice.End);
            _deprecated |= deprecated;
        }

        public void Explain(int slot, TierSlice[]? parts)
        {
            _tiers ??= new Dictionary<long, TierTotal>();
            if (parts is null)
            {
                return;
            }

            foreach (TierSlice part in parts)
            {
                long key = ((long)slot << 32) | (uint)(part.TierIndex + 1);
                _tiers.TryGetValue(key, out TierTotal total);
                total.Part = part;
                total.Quantity += part.Quantity;
                total.Cost += part.Cost;
                _tiers[key] = total;
            }
        }

        public CostGroup Build(GroupKeys groupKeys, MeterSlots slots, bool hasTimeBucket, string currency)
        {
            List<TierUsage>? tiers = null;
            if (_tiers is not null)
            {
                var keys = new List<long>(_tiers.Keys);
                keys.Sort((a, b) =>
                {
                    int byMeter = string.CompareOrdinal(slots[(int)(a >> 32)].MeterId, slots[(int)(b >> 32)].MeterId);
                    return byMeter != 0 ? byMeter : a.CompareTo(b);
                });
                tiers = new List<TierUsage>(keys.Count);
                foreach (long key in keys)
                {
                    MeterSlot slot = slots[(int)(key >> 32)];
                    TierTotal total = _tiers[key];
                    tiers.Add(new TierUsage(slot.MeterId, slot.MeterName, total.Part.TierIndex < 0, total.Part.TierStart, total.Part.UnitPrice, total.Quantity, total.Cost));
                }
            }

            DateTimeOffset? bucketStart = !hasTimeBucket ? (DateTimeOffset?)null : new DateTimeOffset(_key.Bucket, TimeSpan.Zero);
            return new CostGroup(
                groupKeys.KeysOf(_key.Group, _key.Bucket),
                bucketStart,
                _key.Unrated,
                _quantity,
                _gross,
                _discount,
                _credit,
                currency,
                new DateTimeOffset(_start, TimeSpan.Zero),
                new DateTimeOffset(Math.Max(_end, _start), TimeSpan.Zero),
                _rows,
                _deprecated,
                tiers);
        }

        private struct TierTotal
        {
            public TierSlice Part;
            public decimal Quantity;
            public decimal Cost;
        }
    }
}
