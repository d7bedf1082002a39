using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// A daily series of cost or quantity, one value per UTC day. A day that was not given is <em>missing</em>,
    /// not zero: forecasts predict it like a future day and the anomaly detector skips it. Where a missing
    /// day really means nothing was spent (a group with no usage rows that day), say so with
    /// <see cref="WithMissingDaysAs"/>. Values given twice for the same day are added up, so rows of several
    /// meters or resources can be fed straight in.
    /// </summary>
    public sealed class DailySeries
    {
        private readonly DailyValue[] _values;
        private readonly Dictionary<DateTime, decimal> _byDate;

        private DailySeries(DailyValue[] sortedValues)
        {
            _values = sortedValues;
            _byDate = new Dictionary<DateTime, decimal>(sortedValues.Length);
            foreach (DailyValue value in sortedValues)
            {
                _byDate[value.Date] = value.Value;
            }
        }

        public static DailySeries Empty { get; } = new DailySeries(Array.Empty<DailyValue>());

        public static DailySeries From(IEnumerable<DailyValue> values)
        {
            if (values is null)
            {
                throw new ArgumentNullException(nameof(values));
            }

            var sums = new Dictionary<DateTime, decimal>();
            foreach (DailyValue value in values)
            {
                sums.TryGetValue(value.Date, out decimal sum);
                sums[value.Date] = sum + value.Value;
            }

            return new DailySeries(sums.OrderBy(p => p.Key).Select(p => new DailyValue(p.Key, p.Value)).ToArray());
        }

        public static DailySeries From(IEnumerable<(DateTime Date, decimal Value)> values) =>
            From(values.Select(v => new DailyValue(v.Date, v.Value)));

        /// <summary>The days that have a value, oldest first.</summary>
        public IReadOnlyList<DailyValue> Values => _values;

        /// <summary>Days with a value (missing days not counted).</summary>
        public int Count => _values.Length;

        public bool IsEmpty => _values.Length == 0;

        public DateTime FirstDay => IsEmpty ? throw EmptySeries() : _values[0].Date;

        public DateTime LastDay => IsEmpty ? throw EmptySeries() : _values[_values.Length - 1].Date;

        /// <summary>True when no value is negative (costs and quantities normally are not), so bounds can stop at zero.</summary>
        public bool IsNonNegative => _values.All(v => v.Value >= 0m);

        public bool TryGetValue(DateTime day, out decimal value) => _byDate.TryGetValue(day.Date, out value);

        /// <summary>The days up to and including <paramref name="lastDay"/>.</summary>
        public DailySeries Through(DateTime lastDay)
        {
            DateTime day = lastDay.Date;
            return new DailySeries(_values.Where(v => v.Date <= day).ToArray());
        }

        /// <summary>The days in [<paramref name="firstDay"/>, <paramref name="lastDay"/>].</summary>
        public DailySeries Between(DateTime firstDay, DateTime lastDay)
        {
            DateTime first = firstDay.Date;
            DateTime last = lastDay.Date;
            return new DailySeries(_values.Where(v => v.Date >= first && v.Date <= last).ToArray());
        }

        /// <summary>
        /// Every day from <paramref name="firstDay"/> (default: the first given) to <paramref name="lastDay"/>
        /// (default: the last given) present, missing ones set to <paramref name="value"/>.
        /// </summary>
        public DailySeries WithMissingDaysAs(decimal value, DateTime? firstDay = null, DateTime? lastDay = null)
        {
            if (IsEmpty && (firstDay is null || lastDay is null))
            {
                return this;
            }

            DateTime first = (firstDay ?? FirstDay).Date;
            DateTime last = (lastDay ?? LastDay).Date;
            var filled = new List<DailyValue>();
            for (DateTime day = first; day <= last; day = day.AddDays(1))
            {
                filled.Add(new DailyValue(day, _byDate.TryGetValue(day, out decimal known) ? known : value));
            }

            return new DailySeries(filled.ToArray());
        }

        /// <summary>The values as doubles on consecutive days from <paramref name="firstDay"/> to <paramref name="lastDay"/>; NaN where missing.</summary>
        internal double[] ToDense(DateTime firstDay, DateTime lastDay)
        {
            int length = (lastDay.Date - firstDay.Date).Days + 1;
            var dense = new double[Math.Max(length, 0)];
            for (int i = 0; i < dense.Length; i++)
            {
                dense[i] = double.NaN;
            }

            foreach (DailyValue value in _values)
            {
                int index = (value.Date - firstDay.Date).Days;
                if (index >= 0 && index < dense.Length)
                {
                    dense[index] = (double)value.Value;
                }
            }

            return dense;
        }

        /// <summary>Exact running totals on consecutive days from <paramref name="firstDay"/> (missing days add nothing).</summary>
        internal decimal[] ToRunningTotals(DateTime firstDay, DateTime lastDay)
        {
            var totals = new decimal[Math.Max((lastDay.Date - firstDay.Date).Days + 1, 0)];
            foreach (DailyValue value in _values)
            {
                int index = (value.Date - firstDay.Date).Days;
                if (index >= 0 && index < totals.Length)
                {
                    totals[index] = value.Value;
                }
            }

            for (int i = 1; i < totals.Length; i++)
            {
                totals[i] += totals[i - 1];
            }

            return totals;
        }

        private static InvalidOperationException EmptySeries() => new InvalidOperationException("The series has no days.");
    }
}
