using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Prices usage rows against a price list (docs/design.md, pricing rules). Rows are added in any order;
    /// <see cref="Add"/> only sums quantities into slices, and <see cref="Complete"/> then walks each meter's billing
    /// period in time order, pricing each slice at the tiers the running total has reached. A slice is (meter,
    /// subscription, group, usage start) for meters whose cost depends on what came before (tiers, included
    /// quantity, or a card with credit or commitment); for linear meters it is (meter, subscription, group,
    /// output time bucket), so for most usage memory grows with the output, not with the rows. Rows that start
    /// at the same instant are simultaneous: their tiered cost is shared in proportion to quantity, so the
    /// result depends neither on row order nor on the grouping. Not thread-safe: one rater per pass.
    /// <para>
    /// The steps have classes of their own: <see cref="MeterSlots"/> and <see cref="SliceTable"/> collect the slices,
    /// <see cref="TieredSlicePricer"/> prices the tiers, <see cref="OfferTermApplier"/> applies the offer terms and
    /// <see cref="EstimateAssembler"/> builds the estimate.
    /// </para>
    /// </summary>
    public sealed class UsageRater
    {
        private readonly PriceList _card;
        private readonly bool _explain;
        private readonly bool _applyOfferTerms;
        private readonly BillingPeriodCalendar _calendar;
        private readonly GroupKeyInterner _groups;
        private readonly GroupKeys _keys;
        private readonly TimeBuckets _buckets;
        private readonly MeterSlots _slots;
        private readonly SliceTable _slices = new SliceTable();
        private readonly StringInterner _subscriptions = new StringInterner();
        private long _rowCount;
        private bool _completed;

        public UsageRater(PriceList card, CostEstimateOptions? options = null)
            : this(card, options, card is null ? null! : card.FindMeter)
        {
        }

        /// <summary>A rater that finds meters its own way: what-if maps a meter to another region's equivalent.</summary>
        internal UsageRater(PriceList card, CostEstimateOptions? options, Func<string, Meter?> findMeter)
        {
            _card = card ?? throw new ArgumentNullException(nameof(card));
            options ??= new CostEstimateOptions();
            var groupBy = new GroupDimension[options.GroupBy.Count];
            var keyDimensions = new List<GroupDimension>();
            GroupDimensionKind? timeBucket = null;
            for (int i = 0; i < groupBy.Length; i++)
            {
                GroupDimension dimension = options.GroupBy[i] ?? throw new ArgumentException("GroupBy holds a null dimension.", nameof(options));
                groupBy[i] = dimension;
                if (!dimension.IsTime)
                {
                    keyDimensions.Add(dimension);
                }
                else if (timeBucket is null || dimension.Kind < timeBucket.Value)
                {
                    timeBucket = dimension.Kind; // Hour < Day < Month: the finest wins
                }
            }

            _groups = new GroupKeyInterner(keyDimensions.ToArray());
            _keys = new GroupKeys(groupBy, _groups);
            _calendar = new BillingPeriodCalendar(options.BillingPeriodStartDay);
            _buckets = new TimeBuckets(timeBucket, _calendar);
            _explain = options.Explain;
            _applyOfferTerms = options.ApplyOfferTerms;
            // With a credit or commitment, usage draws it down in time order across meters, so every meter's usage keeps its start.
            bool usageOrderMatters = _applyOfferTerms && OfferTermSchedule.For(card) is { AffectsUsageCost: true };
            _slots = new MeterSlots(findMeter, usageOrderMatters);
        }

        public PriceList RateCard => _card;
        public long RowCount => _rowCount;

        public void Add(UsageRecord row)
        {
            if (row is null)
            {
                throw new ArgumentNullException(nameof(row));
            }

            if (_completed)
            {
                throw new InvalidOperationException("The rater has already completed; start a new one.");
            }

            int slot = _slots.SlotOf(row, out decimal factor);
            int subscription = _subscriptions.Intern(row.SubscriptionId);
            int group = _groups.GroupOf(row);
            long start = row.UsageStartTime.UtcTicks;
            var key = new SliceKey(slot, subscription, group, _slots.IsCoarse(slot) ? _buckets.CoarseStartOf(start) : _buckets.OrderedStartOf(start));
            _slices.Add(key, factor == 1m ? row.Quantity : row.Quantity * factor, start, row.UsageEndTime.UtcTicks);
            _rowCount++;
        }

        public void AddRange(IEnumerable<UsageRecord> rows)
        {
            foreach (UsageRecord row in rows)
            {
                Add(row);
            }
        }

        /// <summary>Prices everything added and returns the groups. The rater cannot be used afterwards.</summary>
        public CostEstimate Complete()
        {
            if (_completed)
            {
                throw new InvalidOperationException("The rater has already completed.");
            }

            _completed = true;
            var pricing = new SlicePricing(_slices.Count, _explain, _groups.Ranks(), _slots.Ranks());
            new TieredSlicePricer(_slices, _slots, _calendar, _explain).Price(pricing);
            var credits = new List<CreditUsage>();
            var recurring = new List<RecurringChargeDue>();
            OfferTermSchedule? schedule = _applyOfferTerms ? OfferTermSchedule.For(_card) : null;
            if (schedule is not null)
            {
                new OfferTermApplier(_slots, _calendar, _subscriptions).Apply(schedule, pricing, credits, recurring);
            }

            return new EstimateAssembler(_slices, _slots, _keys, _buckets, _card.Currency, _explain).Assemble(pricing, credits, recurring, _rowCount);
        }
    }
}
