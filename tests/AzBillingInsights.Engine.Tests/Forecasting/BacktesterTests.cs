using System;
using System.Collections.Generic;
using System.Linq;
using AzBillingInsights.Engine.Forecasting;
using Xunit.Abstractions;
using static AzBillingInsights.Engine.Tests.Forecasting.SyntheticSeries;

namespace AzBillingInsights.Engine.Tests.Forecasting
{
    public class BacktesterTests
    {
        private static readonly DateTime Start = Day(2024, 1, 1);
        private readonly ITestOutputHelper _output;

        public BacktesterTests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>A year of spend: weekly rhythm scaling with a growing level, and autocorrelated noise.</summary>
        private static DailySeries WeeklyWithTrend(int seed, int days = 366)
        {
            var random = new Random(seed);
            double scale = 50 + random.Next(0, 200);
            double growth = 0.0005 + (random.NextDouble() * 0.001);
            double noise = 0;
            return DailySeries.From(Enumerable.Range(0, days).Select(i =>
            {
                noise = (0.4 * noise) + (0.06 * Gaussian(random));
                DateTime day = Start.AddDays(i);
                double value = scale * (Weekly(day) / 100) * (1 + (growth * i)) * (1 + noise);
                return new DailyValue(day, (decimal)value);
            }));
        }

        [Fact]
        public void The_model_beats_the_run_rate_on_a_weekly_series_with_trend_and_its_intervals_cover_near_nominal()
        {
            IEnumerable<KeyValuePair<string, DailySeries>> groups = Enumerable.Range(1, 20)
                .Select(i => new KeyValuePair<string, DailySeries>("g" + i, WeeklyWithTrend(i)));

            BacktestReport report = new Backtester().Run(groups);

            BacktestScore day10 = report.ByCutoffDay.Single(s => s.CutoffDay == 10);
            _output.WriteLine($"overall MAPE {report.Overall.Mape:F2} run-rate {report.Overall.RunRateMape:F2} cover80 {report.Overall.Coverage80:P1} cover95 {report.Overall.Coverage95:P1}");
            _output.WriteLine($"day 10 MAPE {day10.Mape:F2} run-rate {day10.RunRateMape:F2} cover80 {day10.Coverage80:P1}");
            Assert.Equal(20, report.GroupCount);
            Assert.Equal(20 * 12, report.PeriodCount);
            Assert.True(day10.Mape < day10.RunRateMape * 0.8, $"day 10: {day10.Mape} vs run-rate {day10.RunRateMape}");
            Assert.True(report.Overall.Mape < report.Overall.RunRateMape, $"{report.Overall.Mape} vs run-rate {report.Overall.RunRateMape}");
            Assert.InRange(report.Overall.Coverage80!.Value, 0.70, 0.90);
            Assert.InRange(report.Overall.Coverage95!.Value, 0.88, 0.995);
        }

        [Fact]
        public void A_backtest_forecast_uses_only_the_days_up_to_its_cut_off()
        {
            DailySeries series = WeeklyWithTrend(5, 200);

            BacktestReport report = new Backtester { CutoffDays = new[] { 10 } }.Run(series);

            BacktestOutcome june = report.Outcomes.Single(o => o.PeriodStart == Day(2024, 6, 1));
            PeriodForecast alone = new Forecaster().Forecast(series.Through(Day(2024, 6, 10)));
            Assert.Equal(alone.Forecast, june.Forecast);
            Assert.Equal(alone.Interval.Lower80, june.Interval.Lower80);
            Assert.Equal(alone.Interval.Upper95, june.Interval.Upper95);
            Assert.Equal(series.Between(Day(2024, 6, 1), Day(2024, 6, 30)).Values.Sum(v => v.Value), june.Actual);
            Assert.Equal(june.Actual == 0 ? 0 : alone.ActualToDate / 10m * 30m, june.RunRate);
        }

        [Fact]
        public void Periods_with_missing_days_or_cut_by_the_series_ends_are_not_scored()
        {
            DailySeries series = DailySeries.From(Build(Day(2024, 1, 15), Day(2024, 5, 20), Weekly).Values
                .Where(v => v.Date != Day(2024, 3, 3)));

            BacktestReport report = new Backtester().Run(series);

            Assert.Equal(new[] { Day(2024, 2, 1), Day(2024, 4, 1) }, report.Outcomes.Select(o => o.PeriodStart).Distinct());
            Assert.Equal(28 + 29, report.Outcomes.Count);
        }

        [Fact]
        public void A_backtest_of_many_groups_scores_every_period_of_each()
        {
            // How long it takes is the Bench's business (tests/Performance), not a unit test's.
            List<KeyValuePair<string, DailySeries>> groups = Enumerable.Range(1, 10)
                .Select(i => new KeyValuePair<string, DailySeries>("g" + i, WeeklyWithTrend(100 + i)))
                .ToList();

            BacktestReport report = new Backtester().Run(groups);

            Assert.Equal(10, report.GroupCount);
            Assert.Equal(10 * 12, report.PeriodCount);
            Assert.Equal(0, report.Overall.IncoherentCount);
        }
    }
}
