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
