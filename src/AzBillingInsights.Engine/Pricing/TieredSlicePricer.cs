using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Tier pricing of a rating pass: each meter's slices of one subscription and billing period, in time order,
    /// priced at the tiers the running total has reached (docs/design.md, pricing rules). Simultaneous slices share
    /// their tiered cost in proportion to quantity.
    /// </summary>
    internal sealed class TieredSlicePricer
    {
        private readonly SliceTable _slices;
        private readonly MeterSlots _slots;
        private readonly BillingPeriodCalendar _calendar;
        private readonly bool _explain;

        public TieredSlicePricer(SliceTable slices, MeterSlots slots, BillingPeriodCalendar calendar, bool explain)
        {
            _slices = slices;
            _slots = slots;
            _calendar = calendar;
            _explain = explain;
        }

        /// <summary>
        /// Orders rated slices by (subscription, period, meter, start, group) and prices each meter-period's
        /// slices in time order against the running total.
        /// </summary>
        public void Price(SlicePricing pricing)
        {
            var order = new TierOrder[_slices.Count];
            int count = 0;
            int lastDay = -1;
            int lastPeriod = 0;
            for (int i = 0; i < _slices.Count; i++)
            {
                ref Slice slice = ref _slices[i];
                long day = slice.Key.Start / TimeSpan.TicksPerDay;
                if (day != lastDay)
                {
                    lastDay = (int)day;
                    lastPeriod = _calendar.PeriodIndexOf(slice.Key.Start);
                }

                if (_slots[slice.Key.Slot].Pricer is not null)
                {
                    order[count++] = new TierOrder(slice.Key.Subscription, lastPeriod, slice.Key.Slot, slice.Key.Start, pricing.GroupRanks[slice.Key.Group], i);
                }
            }

            Array.Sort(order, 0, count);
            pricing.RatedOrder = order;
            pricing.RatedCount = count;

            var parts = new List<TierSlice>();
            int runStart = 0;
            while (runStart < count)
            {
                int runEnd = runStart + 1;
                while (runEnd < count && order[runEnd].Major == order[runStart].Major)
                {
                    runEnd++;
                }

                TierPricer pricer = _slots[order[runStart].Slot].Pricer!;
                decimal cumulative = 0m;
                int first = runStart;
                while (first < runEnd)
                {
                    int last = first + 1;
                    decimal quantity = _slices[order[first].Index].Quantity;
                    while (last < runEnd && order[last].Start == order[first].Start)
                    {
                        quantity += _slices[order[last].Index].Quantity;
                        last++;
                    }

                    decimal cost = Amounts.Normalize(pricer.CostBetween(cumulative, cumulative + quantity));
                    if (last - first == 1)
                    {
                        pricing.Gross[order[first].Index] = cost;
                    }
                    else
                    {
                        SplitByQuantity(pricing, order, first, last, quantity, cost, pricing.Gross);
                    }

                    if (_explain)
                    {
                        parts.Clear();
                        pricer.Breakdown(cumulative, cumulative + quantity, parts);
                        ExplainSlices(pricing, order, first, last, quantity, cost, parts);
                    }

                    cumulative += quantity;
                    first = last;
                }

                runStart = runEnd;
            }
        }

        private void SplitByQuantity(SlicePricing pricing, TierOrder[] order, int first, int last, decimal quantity, decimal amount, decimal[] into)
        {
            int n = last - first;
            decimal[] weights = pricing.Weights(n);
            for (int k = 0; k < n; k++)
            {
                weights[k] = _slices[order[first + k].Index].Quantity;
            }

            decimal[] shares = pricing.Shares(n);
            Amounts.SplitProportionally(amount, weights, n, quantity, shares);
            for (int k = 0; k < n; k++)
            {
                into[order[first + k].Index] = shares[k];
            }
        }

        /// <summary>The tier parts of simultaneous slices, shared by quantity; the last part takes the rounding remainder so parts add up to the cost.</summary>
        private void ExplainSlices(SlicePricing pricing, TierOrder[] order, int first, int last, decimal quantity, decimal cost, List<TierSlice> parts)
        {
            decimal given = 0m;
            var normalized = new TierSlice[parts.Count];
            for (int p = 0; p < parts.Count; p++)
            {
                decimal partCost = p == parts.Count - 1 ? cost - given : Amounts.Normalize(parts[p].Cost);
                given += partCost;
                normalized[p] = new TierSlice(parts[p].TierIndex, parts[p].TierStart, parts[p].UnitPrice, parts[p].Quantity, partCost);
            }

            int n = last - first;
            if (n == 1)
            {
                pricing.Tiers![order[first].Index] = normalized;
                return;
            }

            decimal[] weights = pricing.Weights(n);
            for (int k = 0; k < n; k++)
            {
                weights[k] = _slices[order[first + k].Index].Quantity;
                pricing.Tiers![order[first + k].Index] = new TierSlice[normalized.Length];
            }

            var quantityShares = new decimal[n];
            var costShares = new decimal[n];
            for (int p = 0; p < normalized.Length; p++)
            {
                Amounts.SplitProportionally(normalized[p].Quantity, weights, n, quantity, quantityShares);
                Amounts.SplitProportionally(normalized[p].Cost, weights, n, quantity, costShares);
                for (int k = 0; k < n; k++)
                {
                    pricing.Tiers![order[first + k].Index][p] = new TierSlice(normalized[p].TierIndex, normalized[p].TierStart, normalized[p].UnitPrice, quantityShares[k], costShares[k]);
                }
            }
        }
    }
}
