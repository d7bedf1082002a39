using System;
using System.Collections.Generic;
using System.Linq;
using AzBillingInsights.Engine.Forecasting;
using static AzBillingInsights.Engine.Tests.Forecasting.SyntheticSeries;

namespace AzBillingInsights.Engine.Tests.Forecasting
{
    public class ThresholdAlertEvaluatorTests
    {
        private static readonly DateTime Start = Day(2024, 1, 1);

        /// <summary>The first day of March 2024 whose running total of the weekly pattern reaches <paramref name="amount"/>.</summary>
        private static DateTime DayReaching(decimal amount)
        {
            decimal total = 0m;
            for (DateTime day = Day(2024, 3, 1); ; day = day.AddDays(1))
            {
                total += (decimal)Weekly(day);
                if (total >= amount)
                {
                    return day;
                }
            }
        }

        [Fact]
        public void Budget_thresholds_alert_on_actual_and_on_forecast_with_the_breach_dates()
        {
            // March to the 12th: 1,040 spent; the month comes to 2,700.
            PeriodForecast forecast = new Forecaster().Forecast(Build(Start, Day(2024, 3, 12), Weekly));

            IReadOnlyList<ThresholdAlert> alerts = new ThresholdAlertEvaluator().Evaluate(forecast, 1500m, "sub-1", thresholds: new[] { 50m, 80m, 100m, 200m });

            Assert.Equal(new[] { 50m, 80m, 100m }, alerts.Select(a => a.Threshold));
            ThresholdAlert half = alerts[0];
            Assert.Equal(AlertBasis.Actual, half.Basis);
            Assert.Equal(750m, half.ThresholdAmount);
            Assert.Equal(DayReaching(750m), half.BreachDate);
            Assert.Equal(Day(2024, 3, 9), half.BreachDate);
            Assert.Equal(AlertSeverity.Info, half.Severity);

            ThresholdAlert eighty = alerts[1];
            Assert.Equal(AlertBasis.Forecast, eighty.Basis);
            Assert.Equal(DayReaching(1200m), eighty.BreachDate);
            Assert.Equal(AlertSeverity.Warning, eighty.Severity);

            ThresholdAlert full = alerts[2];
            Assert.Equal(AlertBasis.Forecast, full.Basis);
            Assert.Equal(AlertMeasure.Money, full.Measure);
            Assert.Equal(DayReaching(1500m), full.BreachDate);
            Assert.Equal(AlertSeverity.Critical, full.Severity);
            Assert.Equal(1040m, full.Actual);
            Assert.InRange(full.Forecast, 2699m, 2701m);
            Assert.Contains("100% of the budget 1,500.00", full.Message);
            Assert.Contains(DayReaching(1500m).ToString("yyyy-MM-dd"), full.Message);
        }

        [Fact]
        public void A_forecast_under_every_threshold_raises_nothing()
        {
            PeriodForecast forecast = new Forecaster().Forecast(Build(Start, Day(2024, 3, 10), Weekly));

            Assert.Empty(new ThresholdAlertEvaluator().Evaluate(forecast, 10_000m, "sub-1"));
        }

        [Fact]
        public void Quantity_limits_per_group_alert_only_the_groups_that_pass_them()
        {
            var groups = new Dictionary<string, DailySeries>
            {
                ["Virtual Machines"] = Build(Start, Day(2024, 3, 10), d => 24),
                ["Storage"] = Build(Start, Day(2024, 3, 10), d => 10),
                ["Bandwidth"] = Build(Start, Day(2024, 3, 10), d => 1),
            };
            var limits = new Dictionary<string, decimal> { ["Virtual Machines"] = 200m, ["Storage"] = 1000m };

            IReadOnlyList<ThresholdAlert> alerts = new ThresholdAlertEvaluator().EvaluateGroups(groups, limits, new Forecaster(), thresholds: new[] { 100m });

            ThresholdAlert vm = Assert.Single(alerts);
            Assert.Equal("Virtual Machines", vm.Scope);
            Assert.Equal(AlertMeasure.Quantity, vm.Measure);
            Assert.Equal(AlertBasis.Actual, vm.Basis);
            Assert.Equal(240m, vm.Actual);
            Assert.Equal(Day(2024, 3, 9), vm.BreachDate);
            Assert.Contains("usage", vm.Message);
        }
    }
}
