using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// The last step of a rating pass: priced slices summed into output groups (grouping keys and time bucket, rated
    /// apart from unrated), sorted, with the unrated and deprecated meters, credits and recurring charges.
    /// </summary>
    internal sealed class EstimateAssembler
    {
        private readonly SliceTable _slices;
        private readonly MeterSlots _slots;
        private readonly GroupKeys _keys;
        private readonly TimeBuckets _buckets;
        private readonly string _currency;
        private readonly bool _explain;

        public EstimateAssembler(SliceTable slices, MeterSlots slots, GroupKeys keys, TimeBuckets buckets, string currency, bool explain)
        {
            _slices = slices;
            _slots = slots;
            _keys = keys;
            _buckets = buckets;
            _currency = currency;
            _explain = explain;
        }

        public CostEstimate Assemble(SlicePricing pricing, List<CreditUsage> credits, List<RecurringChargeDue> recurring, long rowCount)
        {
            var builders = new Dictionary<OutputKey, GroupBuilder>();
            var slotQuantity = new decimal[_slots.Count];
            var slotRows = new long[_slots.Count];
            for (int i = 0; i < _slices.Count; i++)
            {
                ref Slice slice = ref _slices[i];
                MeterSlot slot = _slots[slice.Key.Slot];
                bool unrated = slot.Pricer is null;
                var key = new OutputKey(slice.Key.Group, _buckets.BucketOf(slice.Key.Start), unrated);
                if (!builders.TryGetValue(key, out GroupBuilder? builder))
                {
                    builder = new GroupBuilder(key);
                    builders.Add(key, builder);
                }

                builder.Add(slice, pricing.Gross[i], pricing.Discount[i], pricing.Credit[i], slot.IsDeprecated);
                if (_explain && !unrated)
                {
                    builder.Explain(slice.Key.Slot, pricing.Tiers![i]);
                }

                slotQuantity[slice.Key.Slot] += slice.Quantity;
                slotRows[slice.Key.Slot] += slice.Rows;
            }

            var groups = new List<CostGroup>(builders.Count);
            foreach (GroupBuilder builder in builders.Values)
            {
                groups.Add(builder.Build(_keys, _slots, _buckets.Bucket is not null, _currency));
            }

            groups.Sort(CompareGroups);

            var unratedMeters = new List<UnratedMeter>();
            var deprecated = new List<DeprecatedMeterUsage>();
            for (int s = 0; s < _slots.Count; s++)
            {
                MeterSlot slot = _slots[s];
                if (slot.Pricer is null)
                {
                    unratedMeters.Add(new UnratedMeter(slot.MeterId, slot.MeterName, slot.MeterCategory, slot.MeterSubCategory, slot.MeterRegion, slot.Unit, slotQuantity[s], slotRows[s], slot.PriceUnit));
                }
                else if (slot.IsDeprecated)
                {
                    deprecated.Add(new DeprecatedMeterUsage(slot.Pricer.Meter, slotQuantity[s], slotRows[s]));
                }
            }

            unratedMeters.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.MeterId, b.MeterId));
            deprecated.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Meter.MeterId, b.Meter.MeterId));
            credits.Sort((a, b) => ComparePeriods(a.SubscriptionId, a.PeriodStart, b.SubscriptionId, b.PeriodStart));
            recurring.Sort((a, b) => ComparePeriods(a.SubscriptionId, a.PeriodStart, b.SubscriptionId, b.PeriodStart));
            return new CostEstimate(_keys.GroupBy, groups, _currency, rowCount, unratedMeters, deprecated, credits, recurring);
        }

        private static int ComparePeriods(string subscriptionA, DateTimeOffset startA, string subscriptionB, DateTimeOffset startB)
        {
            int c = StringComparer.OrdinalIgnoreCase.Compare(subscriptionA, subscriptionB);
            return c != 0 ? c : startA.CompareTo(startB);
        }

        private static int CompareGroups(CostGroup a, CostGroup b)
        {
            for (int i = 0; i < a.Keys.Count; i++)
            {
                int byKey = StringComparer.OrdinalIgnoreCase.Compare(a.Keys[i], b.Keys[i]);
                if (byKey != 0)
                {
                    return byKey;
                }
            }

            int byTime = Nullable.Compare(a.BucketStart, b.BucketStart);
            return byTime != 0 ? byTime : a.Unrated.CompareTo(b.Unrated);
        }
    }
}
