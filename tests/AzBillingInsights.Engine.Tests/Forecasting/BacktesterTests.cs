using System;
using System.Collections.Generic;
using System.Diagnostics;
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

        /// <summary>
        /// A year of spend that is steady for most of the month and noisy in its last days (month-end batch runs): the
        /// noise is known (1% a day to the 20th, 10% after it, independent), and where it falls depends on the day of the
        /// month, which errors of h-day totals pooled over all days of the year do not see.
        /// </summary>
        private static DailySeries NoisyAtMonthEnd(int seed, int days = 366)
        {
            var random = new Random(seed);
            double scale = 100 + random.Next(0, 400);
            return DailySeries.From(Enumerable.Range(0, days).Select(i =>
            {
                DateTime day = Start.AddDays(i);
                double spread = day.Day > 20 ? 0.10 : 0.005;
                double value = scale * (Weekly(day) / 100) * (1 + (0.0005 * i)) * (1 + (spread * Gaussian(random)));
                return new DailyValue(day, (decimal)value);
            }));
        }

        [Fact]
        public void Calibration_on_finished_periods_brings_under_covering_intervals_near_nominal()
        {
            List<KeyValuePair<string, DailySeries>> groups = Enumerable.Range(1, 10)
                .Select(i => new KeyValuePair<string, DailySeries>("g" + i, NoisyAtMonthEnd(i)))
                .ToList();

            BacktestReport raw = new Backtester(new Forecaster { CalibratesIntervals = false }).Run(groups);
            BacktestReport calibrated = new Backtester().Run(groups);

            _output.WriteLine($"error quantiles alone: cover80 {raw.Overall.Coverage80:P1} cover95 {raw.Overall.Coverage95:P1}");
            _output.WriteLine($"calibrated: MAPE {calibrated.Overall.Mape:F2} run-rate {calibrated.Overall.RunRateMape:F2} cover80 {calibrated.Overall.Coverage80:P1} cover95 {calibrated.Overall.Coverage95:P1}");
            Assert.Equal(raw.Overall.Mape, calibrated.Overall.Mape);
            Assert.True(calibrated.Overall.Mape < calibrated.Overall.RunRateMape, $"{calibrated.Overall.Mape} vs run-rate {calibrated.Overall.RunRateMape}");
            Assert.True(calibrated.Overall.Coverage80 >= raw.Overall.Coverage80 + 0.04, $"80%: calibrated {calibrated.Overall.Coverage80} vs {raw.Overall.Coverage80}");
            Assert.True(calibrated.Overall.Coverage95 > raw.Overall.Coverage95, $"95%: calibrated {calibrated.Overall.Coverage95} vs {raw.Overall.Coverage95}");
            Assert.InRange(calibrated.Overall.Coverage80!.Value, 0.70, 0.90);
            Assert.InRange(calibrated.Overall.Coverage95!.Value, 0.88, 0.995);
        }

        [Fact]
        public void Calibration_needs_a_finished_period_and_then_scales_the_bounds_about_the_forecast()
        {
            DailySeries series = NoisyAtMonthEnd(3, 200);
            var raw = new Forecaster { CalibratesIntervals = false };
            var calibrated = new Forecaster();

            // Late February: the error history is long enough for empirical bounds, but no period has ended since it was.
            PeriodForecast earlyRaw = raw.Forecast(series, Day(2024, 2, 25));
            PeriodForecast early = calibrated.Forecast(series, Day(2024, 2, 25));
            Assert.Equal(IntervalSource.ForecastErrors, early.IntervalSource);
            Assert.Equal(earlyRaw.Lower80, early.Lower80);
            Assert.Equal(earlyRaw.Upper95, early.Upper95);

            // Mid-June: months have ended since; the point forecast stays, the bounds move and stay nested.
            PeriodForecast lateRaw = raw.Forecast(series, Day(2024, 6, 12));
            PeriodForecast late = calibrated.Forecast(series, Day(2024, 6, 12));
            Assert.Equal(lateRaw.Forecast, late.Forecast);
            Assert.NotEqual(lateRaw.Upper80 - lateRaw.Lower80, late.Upper80 - late.Lower80);
            Assert.True(late.Lower95 <= late.Lower80 && late.Lower80 <= late.Forecast && late.Forecast <= late.Upper80 && late.Upper80 <= late.Upper95, $"{late.Lower95} {late.Lower80} {late.Forecast} {late.Upper80} {late.Upper95}");
        }

        [Fact]
        public void A_backtest_forecast_uses_only_the_days_up_to_its_cut_off()
        {
            DailySeries series = WeeklyWithTrend(5, 200);

            BacktestReport report = new Backtester { CutoffDays = new[] { 10 } }.Run(series);

            BacktestOutcome june = report.Outcomes.Single(o => o.PeriodStart == Day(2024, 6, 1));
            PeriodForecast alone = new Forecaster().Forecast(series.Through(Day(2024, 6, 10)));
            Assert.Equal(alone.Forecast, june.Forecast);
            Assert.Equal(alone.Lower80, june.Lower80);
            Assert.Equal(alone.Upper95, june.Upper95);
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
        public void A_year_of_100_groups_backtests_in_a_few_seconds()
        {
            List<KeyValuePair<string, DailySeries>> groups = Enumerable.Range(1, 100)
                .Select(i => new KeyValuePair<string, DailySeries>("g" + i, WeeklyWithTrend(100 + i)))
                .ToList();
            var single = Stopwatch.StartNew();
            new Forecaster().Forecast(groups[0].Value);
            single.Stop();

            var timer = Stopwatch.StartNew();
            BacktestReport report = new Backtester().Run(groups);
            timer.Stop();

            _output.WriteLine($"{report.Outcomes.Count} forecasts in {timer.Elapsed.TotalSeconds:F2} s; one forecast {single.Elapsed.TotalMilliseconds:F1} ms");
            Assert.Equal(100 * 12, report.PeriodCount);
            Assert.True(timer.Elapsed < TimeSpan.FromSeconds(10), $"{timer.Elapsed}");
        }
    }
}
