using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.RateCards;
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
    /// </summary>
    public sealed class UsageRater
    {
        private readonly RateCard _card;
        private readonly Func<string, Meter?> _findMeter;
        private readonly GroupDimension[] _groupBy;
        private readonly bool _explain;
        private readonly bool _applyOfferTerms;
        private readonly BillingPeriodCalendar _calendar;
        private readonly GroupKeyInterner _groups;
        private readonly GroupDimensionKind? _timeBucket;

        private readonly Dictionary<string, int> _slotsById = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Meter, int> _slotsByMeter = new Dictionary<Meter, int>();
        private readonly List<MeterSlot> _slots = new List<MeterSlot>();
        private readonly StringInterner _subscriptions = new StringInterner();
        private readonly Dictionary<SliceKey, int> _sliceIndex = new Dictionary<SliceKey, int>();
        private Slice[] _slices = new Slice[1024];
        private int _sliceCount;
        private long _rowCount;
        private string? _lastMeterId;
        private int _lastSlot;
        private bool _completed;
        private bool[] _coarseSlots = new bool[256];
        private long _coarseDay = -1;
        private long _coarsePeriodStart;
        /// <summary>With a credit or commitment, usage draws it down in time order across meters, so every meter's usage keeps its start.</summary>
        private readonly bool _usageOrderMatters;

        public UsageRater(RateCard card, CostEstimateOptions? options = null)
            : this(card, options, card is null ? null! : card.FindMeter)
        {
        }

        /// <summary>A rater that finds meters its own way: what-if maps a meter to another region's equivalent.</summary>
        internal UsageRater(RateCard card, CostEstimateOptions? options, Func<string, Meter?> findMeter)
        {
            _card = card ?? throw new ArgumentNullException(nameof(card));
            _findMeter = findMeter;
            options ??= new CostEstimateOptions();
            _groupBy = new GroupDimension[options.GroupBy.Count];
            var keyDimensions = new List<GroupDimension>();
            for (int i = 0; i < _groupBy.Length; i++)
            {
                GroupDimension dimension = options.GroupBy[i] ?? throw new ArgumentException("GroupBy holds a null dimension.", nameof(options));
                _groupBy[i] = dimension;
                if (!dimension.IsTime)
                {
                    keyDimensions.Add(dimension);
                }
                else if (_timeBucket is null || dimension.Kind < _timeBucket.Value)
                {
                    _timeBucket = dimension.Kind; // Hour < Day < Month: the finest wins
                }
            }

            _groups = new GroupKeyInterner(keyDimensions.ToArray());
            _calendar = new BillingPeriodCalendar(options.BillingPeriodStartDay);
            _explain = options.Explain;
            _applyOfferTerms = options.ApplyOfferTerms;
            _usageOrderMatters = _applyOfferTerms && OfferTermSchedule.For(card) is { AffectsUsageCost: true };
        }

        public RateCard RateCard => _card;
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

            int slot = SlotOf(row);
            int subscription = _subscriptions.Intern(row.SubscriptionId);
            int group = _groups.GroupOf(row);
            long start = row.UsageStartTime.UtcTicks;
            var key = new SliceKey(slot, subscription, group, _coarseSlots[slot] ? CoarseStartOf(start) : OrderedStartOf(start));
            if (!_sliceIndex.TryGetValue(key, out int index))
            {
                index = _sliceCount++;
                if (index == _slices.Length)
                {
                    Array.Resize(ref _slices, _slices.Length * 2);
                }

                _slices[index].Key = key;
                _slices[index].FirstStart = long.MaxValue;
                _slices[index].End = long.MinValue;
                _sliceIndex.Add(key, index);
            }

            ref Slice slice = ref _slices[index];
            // On the internal scale, sums of quantities are exact and so independent of row order.
            slice.Quantity += Amounts.Normalize(row.Quantity);
            slice.Rows++;
            if (start < slice.FirstStart)
            {
                slice.FirstStart = start;
            }

            long end = row.UsageEndTime.UtcTicks;
            if (end > slice.End)
            {
                slice.End = end;
            }

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
            var pricing = new SlicePricing(_sliceCount, _explain, _groups.Ranks(), MeterRanks());
            PriceTiers(pricing);
            var credits = new List<CreditUsage>();
            var recurring = new List<RecurringChargeDue>();
            OfferTermSchedule? schedule = _applyOfferTerms ? OfferTermSchedule.For(_card) : null;
            if (schedule is not null)
            {
                ApplyOfferTerms(schedule, pricing, credits, recurring);
            }

            return Aggregate(pricing, credits, recurring);
        }

        private void SetCoarse(int slot, bool coarse)
        {
            if (slot == _coarseSlots.Length)
            {
                Array.Resize(ref _coarseSlots, _coarseSlots.Length * 2);
            }

            _coarseSlots[slot] = coarse;
        }

        /// <summary>For each meter slot, its position in meter-id order.</summary>
        private int[] MeterRanks()
        {
            var slots = new int[_slots.Count];
            for (int i = 0; i < slots.Length; i++)
            {
                slots[i] = i;
            }

            Array.Sort(slots, (a, b) => StringComparer.OrdinalIgnoreCase.Compare(_slots[a].MeterId, _slots[b].MeterId));
            var ranks = new int[slots.Length];
            for (int rank = 0; rank < slots.Length; rank++)
            {
                ranks[slots[rank]] = rank;
            }

            return ranks;
        }

        /// <summary>
        /// Where a slice of a meter priced in time order starts: its UTC day, or its hour when grouping by Hour.
        /// Rows of one day are simultaneous, as the daily Usage API reports them anyway: a tier crossed that day
        /// is shared among the day's groups in proportion to quantity. Totals do not change; memory then grows
        /// with days, not hours, so a year of hourly usage fits an Automation sandbox.
        /// </summary>
        private long OrderedStartOf(long startTicks) =>
            _timeBucket == GroupDimensionKind.Hour ? startTicks : startTicks - (startTicks % TimeSpan.TicksPerDay);

        /// <summary>
        /// Where a coarse slice starts: the output time bucket, cut at the billing period start so the slice
        /// stays within one period (the whole period when there is no time grouping).
        /// </summary>
        private long CoarseStartOf(long startTicks)
        {
            long day = startTicks / TimeSpan.TicksPerDay;
            if (day != _coarseDay)
            {
                _coarseDay = day;
                _coarsePeriodStart = _calendar.StartOf(_calendar.PeriodIndexOf(startTicks)).UtcTicks;
            }

            return Math.Max(BucketOf(startTicks), _coarsePeriodStart);
        }

        private int SlotOf(UsageRecord row)
        {
            string meterId = row.MeterId ?? string.Empty;
            if (ReferenceEquals(meterId, _lastMeterId))
            {
                return _lastSlot;
            }

            if (!_slotsById.TryGetValue(meterId, out int slot))
            {
                Meter? meter = _findMeter(meterId);
                if (meter is not null && meter.MeterRates.Count > 0)
                {
                    // Rows under different ids may map to one meter (what-if): they share its tiers.
                    if (!_slotsByMeter.TryGetValue(meter, out slot))
                    {
                        slot = _slots.Count;
                        var meterSlot = new MeterSlot(meter);
                        _slots.Add(meterSlot);
                        _slotsByMeter.Add(meter, slot);
                        // Usage of a linear meter costs the same whenever it happens within the bucket, so its
                        // rows need not be kept apart by usage start: this keeps memory to the output's size.
                        SetCoarse(slot, meterSlot.Pricer!.IsLinear && !_usageOrderMatters);
                    }
                }
                else
                {
                    // A meter missing from the card, or one without rates, is unrated: never priced as zero.
                    slot = _slots.Count;
                    _slots.Add(new MeterSlot(row));
                    SetCoarse(slot, true);
                }

                _slotsById.Add(meterId, slot);
            }

            _lastMeterId = meterId;
            _lastSlot = slot;
            return slot;
        }

        /// <summary>
        /// Orders rated slices by (subscription, period, meter, start, group) and prices each meter-period's
        /// slices in time order against the running total.
        /// </summary>
        private void PriceTiers(SlicePricing pricing)
        {
            var order = new TierOrder[_sliceCount];
            int count = 0;
            int lastDay = -1;
            int lastPeriod = 0;
            for (int i = 0; i < _sliceCount; i++)
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

        /// <summary>
        /// Per subscription and period, in time order across meters: the commitment discount on the spend so
        /// far, then the monetary credit drawn down until it runs out. Excluded meters are never discounted or covered.
        /// </summary>
        private void ApplyOfferTerms(OfferTermSchedule schedule, SlicePricing pricing, List<CreditUsage> credits, List<RecurringChargeDue> recurring)
        {
            TierOrder[] order = pricing.RatedOrder;
            int rangeStart = 0;
            var timeOrder = new List<TimeOrder>();
            while (rangeStart < pricing.RatedCount)
            {
                int subscription = order[rangeStart].Subscription;
                int period = order[rangeStart].Period;
                int rangeEnd = rangeStart + 1;
                while (rangeEnd < pricing.RatedCount && order[rangeEnd].Subscription == subscription && order[rangeEnd].Period == period)
                {
                    rangeEnd++;
                }

                DateTimeOffset periodStart = _calendar.StartOf(period);
                DateTimeOffset periodEnd = _calendar.EndOf(period);
                RecurringChargeTerm? recurringTerm = schedule.RecurringChargeFor(periodEnd);
                if (recurringTerm is not null)
                {
                    recurring.Add(new RecurringChargeDue(_subscriptions.Text(subscription), periodStart, periodEnd, recurringTerm.RecurringCharge));
                }

                MonetaryCommitmentTerm? commitment = schedule.CommitmentFor(periodEnd);
                MonetaryCreditTerm? credit = schedule.CreditFor(periodEnd);
                if (commitment is not null || credit is not null)
                {
                    timeOrder.Clear();
                    for (int i = rangeStart; i < rangeEnd; i++)
                    {
                        timeOrder.Add(new TimeOrder(order[i].Start, pricing.MeterRanks[order[i].Slot], order[i].GroupRank, order[i].Index, order[i].Slot));
                    }

                    timeOrder.Sort();
                    decimal remaining = DrawDown(schedule, pricing, timeOrder, commitment, credit);
                    if (credit is not null)
                    {
                        credits.Add(new CreditUsage(_subscriptions.Text(subscription), periodStart, periodEnd, credit.Credit, credit.Credit - remaining));
                    }
                }

                rangeStart = rangeEnd;
            }
        }

        /// <summary>Applies discount and credit to one subscription-period's slices in time order; returns the credit left.</summary>
        private decimal DrawDown(OfferTermSchedule schedule, SlicePricing pricing, List<TimeOrder> slices, MonetaryCommitmentTerm? commitment, MonetaryCreditTerm? credit)
        {
            decimal spend = 0m;
            decimal remaining = credit?.Credit ?? 0m;
            int first = 0;
            while (first < slices.Count)
            {
                int last = first + 1;
                while (last < slices.Count && slices[last].Start == slices[first].Start)
                {
                    last++;
                }

                int n = last - first;
                decimal[] weights = pricing.Weights(n);
                decimal[] shares = pricing.Shares(n);
                if (commitment is not null)
                {
                    decimal gross = 0m;
                    for (int k = 0; k < n; k++)
                    {
                        int index = slices[first + k].Index;
                        weights[k] = schedule.Excludes(commitment, _slots[slices[first + k].Slot].Pricer!.Meter.MeterId) ? 0m : pricing.Gross[index];
                        gross += weights[k];
                    }

                    if (gross != 0m)
                    {
                        decimal discount = Amounts.Normalize(OfferTermSchedule.DiscountBetween(commitment, spend, spend + gross));
                        Amounts.SplitProportionally(discount, weights, n, gross, shares);
                        for (int k = 0; k < n; k++)
                        {
                            pricing.Discount[slices[first + k].Index] = shares[k];
                        }

                        spend += gross;
                    }
                }

                if (credit is not null && remaining > 0m)
                {
                    decimal net = 0m;
                    for (int k = 0; k < n; k++)
                    {
                        int index = slices[first + k].Index;
                        decimal owed = pricing.Gross[index] - pricing.Discount[index];
                        weights[k] = owed > 0m && !schedule.Excludes(credit, _slots[slices[first + k].Slot].Pricer!.Meter.MeterId) ? owed : 0m;
                        net += weights[k];
                    }

                    if (net > 0m)
                    {
                        decimal applied = Math.Min(remaining, net);
                        Amounts.SplitProportionally(applied, weights, n, net, shares);
                        for (int k = 0; k < n; k++)
                        {
                            pricing.Credit[slices[first + k].Index] = shares[k];
                        }

                        remaining -= applied;
                    }
                }

                first = last;
            }

            return remaining;
        }

        private CostEstimate Aggregate(SlicePricing pricing, List<CreditUsage> credits, List<RecurringChargeDue> recurring)
        {
            var builders = new Dictionary<OutputKey, GroupBuilder>();
            var slotQuantity = new decimal[_slots.Count];
            var slotRows = new long[_slots.Count];
            for (int i = 0; i < _sliceCount; i++)
            {
                ref Slice slice = ref _slices[i];
                MeterSlot slot = _slots[slice.Key.Slot];
                bool unrated = slot.Pricer is null;
                var key = new OutputKey(slice.Key.Group, BucketOf(slice.Key.Start), unrated);
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
                groups.Add(builder.Build(this));
            }

            groups.Sort(CompareGroups);

            var unratedMeters = new List<UnratedMeter>();
            var deprecated = new List<DeprecatedMeterUsage>();
            for (int s = 0; s < _slots.Count; s++)
            {
                MeterSlot slot = _slots[s];
                if (slot.Pricer is null)
                {
                    unratedMeters.Add(new UnratedMeter(slot.MeterId, slot.MeterName, slot.MeterCategory, slot.MeterSubCategory, slot.MeterRegion, slot.Unit, slotQuantity[s], slotRows[s]));
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
            return new CostEstimate(_groupBy, groups, _card.Currency, _rowCount, unratedMeters, deprecated, credits, recurring);
        }

        private static int ComparePeriods(string subscriptionA, DateTimeOffset startA, string subscriptionB, DateTimeOffset startB)
        {
            int c = StringComparer.OrdinalIgnoreCase.Compare(subscriptionA, subscriptionB);
            return c != 0 ? c : startA.CompareTo(startB);
        }

        private long BucketOf(long startTicks)
        {
            switch (_timeBucket)
            {
                case GroupDimensionKind.Hour:
                    return startTicks - (startTicks % TimeSpan.TicksPerHour);
                case GroupDimensionKind.Day:
                    return startTicks - (startTicks % TimeSpan.TicksPerDay);
                case GroupDimensionKind.Month:
                    var date = new DateTime(startTicks, DateTimeKind.Utc);
                    return new DateTime(date.Year, date.Month, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
                default:
                    return 0;
            }
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

        private string[] KeysOf(int group, long bucketTicks)
        {
            string[] values = _groups.ValuesOf(group);
            var keys = new string[_groupBy.Length];
            int next = 0;
            var bucket = new DateTime(bucketTicks, DateTimeKind.Utc);
            for (int i = 0; i < _groupBy.Length; i++)
            {
                switch (_groupBy[i].Kind)
                {
                    case GroupDimensionKind.Hour:
                        keys[i] = bucket.ToString("yyyy-MM-dd'T'HH':00Z'", System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case GroupDimensionKind.Day:
                        keys[i] = bucket.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case GroupDimensionKind.Month:
                        keys[i] = bucket.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    default:
                        keys[i] = values[next++];
                        break;
                }
            }

            return keys;
        }

        private sealed class MeterSlot
        {
            public MeterSlot(Meter meter)
            {
                Pricer = new TierPricer(meter);
                MeterId = meter.MeterId;
                MeterName = meter.MeterName;
                MeterCategory = meter.MeterCategory;
                MeterSubCategory = meter.MeterSubCategory;
                MeterRegion = meter.MeterRegion;
                Unit = meter.Unit;
                IsDeprecated = meter.IsDeprecated;
            }

            public MeterSlot(UsageRecord row)
            {
                MeterId = row.MeterId ?? string.Empty;
                MeterName = row.MeterName ?? string.Empty;
                MeterCategory = row.MeterCategory ?? string.Empty;
                MeterSubCategory = row.MeterSubCategory ?? string.Empty;
                MeterRegion = row.MeterRegion ?? string.Empty;
                Unit = row.Unit ?? string.Empty;
            }

            public TierPricer? Pricer { get; }
            public string MeterId { get; }
            public string MeterName { get; }
            public string MeterCategory { get; }
            public string MeterSubCategory { get; }
            public string MeterRegion { get; }
            public string Unit { get; }
            public bool IsDeprecated { get; }
        }

        private struct Slice
        {
            /// <summary>Key.Start is the usage start, or for a coarse slice the start of its bucket within the period.</summary>
            public SliceKey Key;
            public long FirstStart;
            public decimal Quantity;
            public long Rows;
            public long End;
        }

        private readonly struct SliceKey : IEquatable<SliceKey>
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

        /// <summary>Sort order for tier pricing: one run per (subscription, period, meter), then by time.</summary>
        private readonly struct TierOrder : IComparable<TierOrder>
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
        private readonly struct TimeOrder : IComparable<TimeOrder>
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

        private readonly struct OutputKey : IEquatable<OutputKey>
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

        /// <summary>Per-slice amounts computed by <see cref="Complete"/>, plus scratch arrays for splitting.</summary>
        private sealed class SlicePricing
        {
            private decimal[] _weights = new decimal[16];
            private decimal[] _shares = new decimal[16];

            public SlicePricing(int count, bool explain, int[] groupRanks, int[] meterRanks)
            {
                GroupRanks = groupRanks;
                MeterRanks = meterRanks;
                Gross = new decimal[count];
                Discount = new decimal[count];
                Credit = new decimal[count];
                Tiers = explain ? new TierSlice[count][] : null;
                RatedOrder = Array.Empty<TierOrder>();
            }

            /// <summary>Arrival-independent tie-breaks between simultaneous slices.</summary>
            public int[] GroupRanks { get; }
            public int[] MeterRanks { get; }
            public decimal[] Gross { get; }
            public decimal[] Discount { get; }
            public decimal[] Credit { get; }
            public TierSlice[][]? Tiers { get; }
            public TierOrder[] RatedOrder { get; set; }
            public int RatedCount { get; set; }

            public decimal[] Weights(int n) => n <= _weights.Length ? _weights : _weights = new decimal[Math.Max(n, _weights.Length * 2)];

            public decimal[] Shares(int n) => n <= _shares.Length ? _shares : _shares = new decimal[Math.Max(n, _shares.Length * 2)];
        }

        private sealed class GroupBuilder
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

            public CostGroup Build(UsageRater rater)
            {
                List<TierUsage>? tiers = null;
                if (_tiers is not null)
                {
                    var keys = new List<long>(_tiers.Keys);
                    keys.Sort((a, b) =>
                    {
                        int byMeter = string.CompareOrdinal(rater._slots[(int)(a >> 32)].MeterId, rater._slots[(int)(b >> 32)].MeterId);
                        return byMeter != 0 ? byMeter : a.CompareTo(b);
                    });
                    tiers = new List<TierUsage>(keys.Count);
                    foreach (long key in keys)
                    {
                        MeterSlot slot = rater._slots[(int)(key >> 32)];
                        TierTotal total = _tiers[key];
                        tiers.Add(new TierUsage(slot.MeterId, slot.MeterName, total.Part.TierIndex < 0, total.Part.TierStart, total.Part.UnitPrice, total.Quantity, total.Cost));
                    }
                }

                DateTimeOffset? bucketStart = rater._timeBucket is null ? (DateTimeOffset?)null : new DateTimeOffset(_key.Bucket, TimeSpan.Zero);
                return new CostGroup(
                    rater.KeysOf(_key.Group, _key.Bucket),
                    bucketStart,
                    _key.Unrated,
                    _quantity,
                    _gross,
                    _discount,
                    _credit,
                    rater._card.Currency,
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
}
