using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// Finds days whose cost or quantity strays from what the series' own rhythm predicts. Each day is
    /// compared with its weekday's usual effect on top of the running level (see <see cref="WeeklyBaseline"/>),
    /// so a Monday after a quiet weekend is not a spike, and scored as a robust z (residual over the local
    /// MAD-based spread). Rises and drops both count; an absolute minimum impact filters out the trivial.
    /// Anomalies of a total are attributed to the groups whose own deviation makes it up.
    /// </summary>
    public sealed class AnomalyDetector
    {
        /// <summary>Fewer days than this (three weeks) and no weekday baseline can be formed: nothing is reported.</summary>
        public const int MinimumDays = 21;

        private readonly AnomalyDetectorOptions _options;

        public AnomalyDetector(AnomalyDetectorOptions? options = null)
        {
            _options = options ?? new AnomalyDetectorOptions();
        }

        /// <summary>Anomalous days of one series; missing days are skipped, never read as zero.</summary>
        public IReadOnlyList<CostAnomaly> Detect(DailySeries series, string group = "")
        {
            if (series.Count < MinimumDays)
            {
                return Array.Empty<CostAnomaly>();
            }

            DateTime first = series.FirstDay;
            double[] y = series.ToDense(first, series.LastDay);
            WeeklyBaseline baseline = WeeklyBaseline.Fit(y);
            return Scan(series, group, first, y, baseline, null);
        }

        /// <summary>Anomalous days of each group on its own.</summary>
        public IReadOnlyList<CostAnomaly> DetectByGroup(IReadOnlyDictionary<string, DailySeries> groups) =>
            groups.OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).SelectMany(g => Detect(g.Value, g.Key)).ToList();

        /// <summary>
        /// Anomalous days of the groups' total, each with the groups that moved it. A group without a value on
        /// a day (within the span of all groups) counts as zero that day: usage rows exist only for what was used.
        /// </summary>
        public IReadOnlyList<CostAnomaly> DetectInTotal(IReadOnlyDictionary<string, DailySeries> groups, string totalName = "Total")
        {
            List<KeyValuePair<string, DailySeries>> present = groups.Where(g => !g.Value.IsEmpty).ToList();
            if (present.Count == 0)
            {
                return Array.Empty<CostAnomaly>();
            }

            DateTime first = present.Min(g => g.Value.FirstDay);
            DateTime last = present.Max(g => g.Value.LastDay);
            var filled = present.Select(g => new KeyValuePair<string, DailySeries>(g.Key, g.Value.WithMissingDaysAs(0m, first, last))).ToList();
            DailySeries total = DailySeries.From(filled.SelectMany(g => g.Value.Values));
            if (total.Count < MinimumDays)
            {
                return Array.Empty<CostAnomaly>();
            }

            double[] y = total.ToDense(first, last);
            WeeklyBaseline baseline = WeeklyBaseline.Fit(y);
            var groupBaselines = filled.Select(g => (g.Key, Series: g.Value, Baseline: WeeklyBaseline.Fit(g.Value.ToDense(first, last)))).ToList();
            return Scan(total, totalName, first, y, baseline, groupBaselines);
        }

        private List<CostAnomaly> Scan(
            DailySeries series,
            string group,
            DateTime first,
            double[] y,
            WeeklyBaseline baseline,
            IReadOnlyList<(string Key, DailySeries Series, WeeklyBaseline Baseline)>? groups)
        {
            var anomalies = new List<CostAnomaly>();
            foreach (DailyValue day in series.Values)
            {
                if ((_options.From.HasValue && day.Date < _options.From.Value.Date) || (_options.To.HasValue && day.Date > _options.To.Value.Date))
                {
                    continue;
                }

                int t = (day.Date - first).Days;
                double residual = y[t] - baseline.Expected[t];
                double score = residual / baseline.Spread[t];
                bool rise = residual > 0;
                if (Math.Abs(score) < _options.Threshold || (rise ? !_options.IncludeRises : !_options.IncludeDrops))
                {
                    continue;
                }

                decimal expected = Money(baseline.Expected[t]);
                decimal impact = Math.Abs(day.Value - expected);
                if (impact < _options.MinimumImpact || (double)impact < _options.MinimumRelativeImpact * Math.Abs((double)expected))
                {
                    continue;
                }

                IReadOnlyList<AnomalyContribution> contributions = groups is null
                    ? Array.Empty<AnomalyContribution>()
                    : Attribute(groups, day.Date, t, day.Value - expected, rise);
                anomalies.Add(new CostAnomaly(group, day.Date, day.Value, expected, Math.Round(score, 2), contributions));
            }

            return anomalies;
        }

        private List<AnomalyContribution> Attribute(
            IReadOnlyList<(string Key, DailySeries Series, WeeklyBaseline Baseline)> groups,
            DateTime date,
            int t,
            decimal totalImpact,
            bool rise)
        {
            var contributions = new List<AnomalyContribution>();
            foreach ((string key, DailySeries series, WeeklyBaseline baseline) in groups)
            {
                series.TryGetValue(date, out decimal actual);
                var contribution = new AnomalyContribution(key, actual, Money(baseline.Expected[t]), totalImpact);
                if ((contribution.Deviation > 0m) == rise && contribution.Deviation != 0m && contribution.Share >= _options.MinimumContributionShare)
                {
                    contributions.Add(contribution);
                }
            }

            return contributions.OrderByDescending(c => Math.Abs(c.Deviation)).Take(_options.MaxContributors).ToList();
        }

        private static decimal Money(double value) => Math.Round((decimal)value, 6, MidpointRounding.AwayFromZero);
    }
}
