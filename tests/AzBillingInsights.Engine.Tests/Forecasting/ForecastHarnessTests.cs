using System.Collections.Generic;
using System.Linq;
using AzBillingInsights.Engine.Forecasting;
using Xunit;
using Xunit.Abstractions;

namespace AzBillingInsights.Engine.Tests.Forecasting
{
    /// <summary>The targets of issue 17, measured on real spend and on stress series (figures in the test output).</summary>
    public class ForecastHarnessTests
    {
        private readonly ITestOutputHelper _output;

        public ForecastHarnessTests(ITestOutputHelper output)
        {
            _output = output;
        }

        [Fact]
        public void On_real_spend_the_forecast_beats_the_better_baseline_by_a_tenth_with_honest_coherent_intervals()
        {
            var outcomes = new List<BacktestOutcome>();
            foreach (KeyValuePair<string, DailySeries> series in ForecastHarness.RealSeries())
            {
                BacktestReport report = ForecastHarness.Run(series.Value);
                _output.WriteLine(ForecastHarness.Describe(series.Key, report));
                outcomes.AddRange(report.Outcomes);
            }

            BacktestScore all = new BacktestReport(outcomes, 2).Overall;
            _output.WriteLine(ForecastHarness.Describe("all real", new BacktestReport(outcomes, 2)));
            double better = System.Math.Min(all.RunRateMape!.Value, all.PaceMape!.Value);
            Assert.True(all.Mape <= better * 0.9, $"MAPE {all.Mape:0.00}% vs the better baseline {better:0.00}%");
            Assert.InRange(all.Coverage80!.Value, 0.70, 0.90);
            Assert.InRange(all.Coverage95!.Value, 0.85, 0.99);
            Assert.Equal(0, all.IncoherentCount);
        }

        [Fact]
        public void With_under_four_weeks_of_history_the_forecast_says_so_and_its_intervals_still_hold_real_outcomes()
        {
            var outcomes = new List<(PeriodForecast Forecast, decimal Actual)>();
            foreach (KeyValuePair<string, DailySeries> series in ForecastHarness.RealSeries())
            {
                outcomes.AddRange(ForecastHarness.YoungHistories(series.Value));
            }

            double cover80 = outcomes.Count(o => o.Forecast.Interval.Within80(o.Actual)) / (double)outcomes.Count;
            double cover95 = outcomes.Count(o => o.Forecast.Interval.Within95(o.Actual)) / (double)outcomes.Count;
            double mape = outcomes.Average(o => (double)(System.Math.Abs(o.Forecast.Forecast - o.Actual) / o.Actual)) * 100;
            double width = outcomes.Average(o => (double)((o.Forecast.Interval.Upper95 - o.Forecast.Interval.Lower95) / o.Actual));
            _output.WriteLine($"{outcomes.Count} forecasts of real spend from 7-21 days: MAPE {mape:0.00}% cover80 {cover80:P0} cover95 {cover95:P0} width95 {width:P0}");
            Assert.All(outcomes, o => Assert.True(o.Forecast.IsHistoryShort));
            Assert.All(outcomes, o => Assert.True(o.Forecast.Interval.IsCoherent(o.Forecast.Forecast)));
            Assert.InRange(cover80, 0.70, 0.90);
            Assert.InRange(cover95, 0.85, 0.99);
        }

        [Fact]
        public void On_stress_series_the_intervals_stay_coherent_and_hold_what_happens()
        {
            var outcomes = new List<BacktestOutcome>();
            foreach (KeyValuePair<string, DailySeries> series in ForecastHarness.StressSeries())
            {
                BacktestReport report = ForecastHarness.Run(series.Value);
                _output.WriteLine(ForecastHarness.Describe(series.Key, report));
                outcomes.AddRange(report.Outcomes);
            }

            var all = new BacktestReport(outcomes, 5);
            _output.WriteLine(ForecastHarness.Describe("all stress", all));
            Assert.Equal(0, all.Overall.IncoherentCount);
            Assert.InRange(all.Overall.Coverage80!.Value, 0.70, 0.95);
            Assert.InRange(all.Overall.Coverage95!.Value, 0.85, 1.0);
        }
    }
}
