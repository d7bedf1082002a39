using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Forecasting;

namespace AzBillingInsights
{
    /// <summary>Daily values piped into the forecasting cmdlets, per group, with the one currency they must share.</summary>
    internal sealed class DailyInput
    {
        private readonly Dictionary<string, List<DailyValue>> _groups = new Dictionary<string, List<DailyValue>>(StringComparer.OrdinalIgnoreCase);

        public string? Currency { get; private set; }

        /// <summary>Rows that came without a value (an unrated meter has no cost): left out, never taken as zero.</summary>
        public int MissingValueCount { get; private set; }

        /// <summary>Adds one row (or counts it when it has no value); false when its currency differs from the rows before it.</summary>
        public bool TryAdd(DateTime date, decimal? value, string? currency, string group = "")
        {
            if (value is null)
            {
                MissingValueCount++;
                return true;
            }

            if (!string.IsNullOrEmpty(currency))
            {
                if (Currency is null)
                {
                    Currency = currency!.ToUpperInvariant();
                }
                else if (!string.Equals(Currency, currency, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            if (!_groups.TryGetValue(group, out List<DailyValue>? values))
            {
                values = new List<DailyValue>();
                _groups.Add(group, values);
            }

            // Dates without an offset are taken as UTC days, like the usage buckets.
            values.Add(new DailyValue(date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date, value.Value));
            return true;
        }

        public bool IsEmpty => _groups.Count == 0;

        /// <summary>The one warning for the rows left out, or null when every row had a value.</summary>
        public string? MissingValueWarning(string what) => MissingValueCount == 0
            ? null
            : $"{MissingValueCount:N0} row(s) without a {what} were left out (an unrated meter has no cost: see Measure-AzEstimatedCost's Unrated rows); the result covers only the rows that have one.";

        public DailySeries Total() => DailySeries.From(EnumerateAll());

        public IReadOnlyDictionary<string, DailySeries> Groups()
        {
            var groups = new Dictionary<string, DailySeries>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, List<DailyValue>> group in _groups)
            {
                groups.Add(group.Key, DailySeries.From(group.Value));
            }

            return groups;
        }

        private IEnumerable<DailyValue> EnumerateAll()
        {
            foreach (List<DailyValue> values in _groups.Values)
            {
                foreach (DailyValue value in values)
                {
                    yield return value;
                }
            }
        }
    }
}
