using System;
using System.Collections.Generic;
using System.Globalization;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Totals Cost Details rows by the same -GroupBy dimensions and Day/Month buckets as the rating engine, taking
    /// each row's cost as given (never re-rated), so the groups add up to what Cost Management charged to the last
    /// decimal. One call totals one metric in one billing currency: mixing them would add unlike amounts.
    /// Not thread-safe: one aggregator per call.
    /// </summary>
    public sealed class CostRowAggregator
    {
        private const char KeySeparator = '\u001f';

        private readonly GroupDimension[] _groupBy;
        private readonly GroupDimensionKind? _bucket;
        private readonly Dictionary<string, Total> _groups = new Dictionary<string, Total>(StringComparer.Ordinal);
        private readonly string[] _values;
        private readonly CostRowKind _kind = new CostRowKind();
        private long _rowCount;

        /// <exception cref="ArgumentException">Grouping by Hour: cost rows are daily.</exception>
        public CostRowAggregator(IReadOnlyList<GroupDimension> groupBy)
        {
            _groupBy = new List<GroupDimension>(groupBy ?? throw new ArgumentNullException(nameof(groupBy))).ToArray();
            foreach (GroupDimension dimension in _groupBy)
            {
                if (dimension.Kind == GroupDimensionKind.Hour)
                {
                    throw new ArgumentException("Cost Details rows are daily: group them by Day or Month, not Hour.", nameof(groupBy));
                }

                if (dimension.IsTime && (_bucket is null || dimension.Kind == GroupDimensionKind.Day))
                {
                    _bucket = dimension.Kind;
                }
            }

            _values = new string[_groupBy.Length];
        }

        public long RowCount => _rowCount;

        /// <exception cref="CostRowMixException">The row's metric or currency differs from the rows before it, or it names neither.</exception>
        public void Add(CostRow row)
        {
            if (row is null)
            {
                throw new ArgumentNullException(nameof(row));
            }

            _kind.Check(row);
            long bucket = BucketOf(row.Date);
            var key = new System.Text.StringBuilder();
            for (int i = 0; i < _groupBy.Length; i++)
            {
                if (!_groupBy[i].IsTime)
                {
                    key.Append(ValueOf(_groupBy[i], row));
                }

                key.Append(KeySeparator);
            }

            key.Append(bucket.ToString(CultureInfo.InvariantCulture));
            string text = key.ToString();
            if (!_groups.TryGetValue(text, out Total? total))
            {
                for (int i = 0; i < _groupBy.Length; i++)
                {
                    _values[i] = _groupBy[i].IsTime ? TimeKey(_groupBy[i].Kind, row.Date) : ValueOf(_groupBy[i], row);
                }

                total = new Total((string[])_values.Clone(), bucket);
                _groups.Add(text, total);
            }

            total.Add(row);
            _rowCount++;
        }

        /// <summary>The groups ordered by key values, then time, as the rating engine orders its own.</summary>
        public CostEstimate Complete()
        {
            var totals = new List<Total>(_groups.Values);
            totals.Sort(CompareGroups);
            string currency = _kind.Currency ?? string.Empty;
            var groups = new List<CostGroup>(totals.Count);
            foreach (Total total in totals)
            {
                groups.Add(total.Build(_bucket is not null, currency));
            }

            return new CostEstimate(
                _groupBy,
                groups,
                currency,
                _rowCount,
                Array.Empty<UnratedMeter>(),
                Array.Empty<DeprecatedMeterUsage>(),
                Array.Empty<CreditUsage>(),
                Array.Empty<RecurringChargeDue>(),
                _kind.Metric == CostMetric.AmortizedCost ? CostBasis.AmortizedCost : CostBasis.ActualCost);
        }

        private long BucketOf(DateTime date) => _bucket switch
        {
            GroupDimensionKind.Day => date.Date.Ticks,
            GroupDimensionKind.Month => new DateTime(date.Year, date.Month, 1).Ticks,
            _ => 0,
        };

        private static string TimeKey(GroupDimensionKind kind, DateTime date) =>
            kind == GroupDimensionKind.Day
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        /// <summary>The row's value for a dimension, named as the rating engine names it for usage rows.</summary>
        private static string ValueOf(GroupDimension dimension, CostRow row)
        {
            switch (dimension.Kind)
            {
                case GroupDimensionKind.SubscriptionId:
                    return OrNone(row.SubscriptionId);
                case GroupDimensionKind.MeterCategory:
                    return OrNone(row.MeterCategory);
                case GroupDimensionKind.MeterSubCategory:
                    return OrNone(row.MeterSubCategory);
                case GroupDimensionKind.Meter:
                    return OrNone(row.MeterId);
                case GroupDimensionKind.ResourceGroup:
                    return OrNone(row.ResourceGroup);
                case GroupDimensionKind.Resource:
                    return OrNone(string.IsNullOrEmpty(row.ResourceId) ? row.ResourceName : row.ResourceId);
                case GroupDimensionKind.Region:
                    return OrNone(row.MeterRegion);
                case GroupDimensionKind.Location:
                    return OrNone(row.ResourceLocation);
                case GroupDimensionKind.Tag:
                    return row.Tags.TryGetValue(dimension.TagName!, out string? tag) && tag is not null ? tag : GroupDimension.Untagged;
                default:
                    throw new InvalidOperationException($"{dimension.Kind} is a time bucket, not a row value.");
            }
        }

        private static string OrNone(string? value) => string.IsNullOrEmpty(value) ? GroupDimension.NoValue : value!;

        private static int CompareGroups(Total a, Total b)
        {
            for (int i = 0; i < a.Keys.Length; i++)
            {
                int byKey = string.CompareOrdinal(a.Keys[i], b.Keys[i]);
                if (byKey != 0)
                {
                    return byKey;
                }
            }

            return a.Bucket.CompareTo(b.Bucket);
        }

        /// <summary>One group's running sums.</summary>
        private sealed class Total
        {
            private decimal _quantity;
            private decimal _cost;
            private long _rows;
            private DateTime _first = DateTime.MaxValue;
            private DateTime _last = DateTime.MinValue;

            public Total(string[] keys, long bucket)
            {
                Keys = keys;
                Bucket = bucket;
            }

            public string[] Keys { get; }
            public long Bucket { get; }

            public void Add(CostRow row)
            {
                _quantity += row.Quantity;
                _cost += row.Cost;
                _rows++;
                DateTime day = row.Date.Date;
                _first = day < _first ? day : _first;
                _last = day > _last ? day : _last;
            }

            /// <summary>The cost as given is both the cost and the cost "before offer terms": nothing was discounted here.</summary>
            public CostGroup Build(bool hasTimeBucket, string currency) => new CostGroup(
                Keys,
                hasTimeBucket ? new DateTimeOffset(Bucket, TimeSpan.Zero) : (DateTimeOffset?)null,
                unrated: false,
                _quantity,
                _cost,
                discount: 0m,
                creditApplied: 0m,
                currency,
                new DateTimeOffset(DateTime.SpecifyKind(_first, DateTimeKind.Utc)),
                new DateTimeOffset(DateTime.SpecifyKind(_last.AddDays(1), DateTimeKind.Utc)),
                _rows,
                hasDeprecatedMeters: false,
                tiers: null);
        }
    }
}
