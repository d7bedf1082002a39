using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// Turns a forecast and a limit (a budget, or a quantity limit per group) into alerts: one per threshold
    /// passed. A threshold the actual has passed gives an Actual alert with the day it happened; one only the
    /// forecast passes gives a Forecast alert with the projected day from the predicted daily path.
    /// </summary>
    public sealed class ThresholdAlertEvaluator
    {
        public static IReadOnlyList<decimal> DefaultThresholds { get; } = new[] { 50m, 80m, 100m };

        public IReadOnlyList<ThresholdAlert> Evaluate(
            PeriodForecast forecast,
            decimal limit,
            string scope,
            AlertMeasure measure = AlertMeasure.Money,
            IEnumerable<decimal>? thresholds = null)
        {
            if (forecast is null)
            {
                throw new ArgumentNullException(nameof(forecast));
            }

            if (limit <= 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must be greater than zero.");
            }

            var alerts = new List<ThresholdAlert>();
            foreach (decimal threshold in (thresholds ?? DefaultThresholds).Distinct().OrderBy(t => t))
            {
                if (threshold <= 0m)
                {
                    throw new ArgumentOutOfRangeException(nameof(thresholds), threshold, "Thresholds are percentages greater than zero.");
                }

                decimal amount = limit * threshold / 100m;
                AlertBasis basis;
                if (forecast.ActualToDate >= amount)
                {
                    basis = AlertBasis.Actual;
                }
                else if (forecast.Forecast >= amount)
                {
                    basis = AlertBasis.Forecast;
                }
                else
                {
                    continue;
                }

                DateTime? breachDate = forecast.DailyPath.FirstOrDefault(d => d.Cumulative >= amount)?.Date;
                AlertSeverity severity = SeverityOf(threshold);
                alerts.Add(new ThresholdAlert(basis, measure, scope, threshold, limit, forecast, breachDate, severity, Describe(basis, measure, scope, threshold, limit, amount, forecast, breachDate)));
            }

            return alerts;
        }

        /// <summary>
        /// Forecasts each group that has a limit and evaluates it: quantity limits per meter, category, resource
        /// or tag group (or money budgets per group with <paramref name="measure"/> Money). A group without a
        /// value on a day used nothing that day: usage rows only exist for what was used.
        /// </summary>
        public IReadOnlyList<ThresholdAlert> EvaluateGroups(
            IReadOnlyDictionary<string, DailySeries> groups,
            IReadOnlyDictionary<string, decimal> limits,
            Forecaster forecaster,
            DateTime? asOf = null,
            AlertMeasure measure = AlertMeasure.Quantity,
            IEnumerable<decimal>? thresholds = null)
        {
            var alerts = new List<ThresholdAlert>();
            IReadOnlyList<decimal> levels = (thresholds ?? DefaultThresholds).ToList();
            foreach (KeyValuePair<string, decimal> limit in limits.OrderBy(l => l.Key, StringComparer.OrdinalIgnoreCase))
            {
                if (!groups.TryGetValue(limit.Key, out DailySeries? series) || series.IsEmpty)
                {
                    continue;
                }

                DateTime day = asOf ?? groups.Values.Where(s => !s.IsEmpty).Max(s => s.LastDay);
                PeriodForecast forecast = forecaster.Forecast(series.WithMissingDaysAs(0m, lastDay: day), day);
                alerts.AddRange(Evaluate(forecast, limit.Value, limit.Key, measure, levels));
            }

            return alerts;
        }

        private static AlertSeverity SeverityOf(decimal threshold) =>
            threshold >= 100m ? AlertSeverity.Critical : threshold >= 80m ? AlertSeverity.Warning : AlertSeverity.Info;

        private static string Describe(AlertBasis basis, AlertMeasure measure, string scope, decimal threshold, decimal limit, decimal amount, PeriodForecast forecast, DateTime? breachDate)
        {
            CultureInfo invariant = CultureInfo.InvariantCulture;
            string what = measure == AlertMeasure.Money ? "spend" : "usage";
            string limitName = measure == AlertMeasure.Money ? "budget" : "limit";
            string on = breachDate.HasValue ? " on " + breachDate.Value.ToString("yyyy-MM-dd", invariant) : string.Empty;
            string target = string.Format(invariant, "{0:0.##}% of the {1} {2:N2} ({3:N2})", threshold, limitName, limit, amount);
            string where = string.IsNullOrEmpty(scope) ? string.Empty : " for " + scope;
            return basis == AlertBasis.Actual
                ? string.Format(invariant, "Actual {0}{1} {2:N2} passed {3}{4}.", what, where, forecast.ActualToDate, target, on)
                : string.Format(invariant, "Forecast {0}{1} {2:N2} (95% up to {3:N2}) is projected to pass {4}{5}.", what, where, forecast.Forecast, forecast.Interval.Upper95, target, on);
        }
    }
}
