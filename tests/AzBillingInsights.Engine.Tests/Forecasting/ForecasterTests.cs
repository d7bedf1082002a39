using System;
using System.Linq;
using AzBillingInsights.Engine.Forecasting;
using AzBillingInsights.Engine.Pricing;
using static AzBillingInsights.Engine.Tests.Forecasting.SyntheticSeries;

namespace AzBillingInsights.Engine.Tests.Forecasting
{
    public class ForecasterTests
    {
        private static readonly DateTime Start = Day(2024, 1, 1);

        [Fact]
        public void A_pure_weekly_pattern_is_forecast_almost_exactly_with_narrow_intervals()
        {
            // Nineteen days left: not whole weeks, so only the weekly model predicts them exactly.
            DailySeries history = Build(Day(2023, 3, 1), Day(2024, 3, 12), Weekly);

            PeriodForecast forecast = new Forecaster().Forecast(history);

            decimal truth = Total(Day(2024, 3, 1), Day(2024, 3, 31), Weekly);
            Assert.Equal(ForecastMethod.SeasonalTrend, forecast.Method);
            Assert.Contains("SeasonalTrend 0.0%", forecast.MethodReason);
            Assert.False(forecast.IsHistoryShort);
            Assert.Equal(Day(2024, 3, 1), forecast.PeriodStart);
            Assert.Equal(Day(2024, 3, 31), forecast.PeriodEnd);
            Assert.Equal(Day(2024, 3, 12), forecast.AsOf);
            Assert.Equal(Total(Day(2024, 3, 1), Day(2024, 3, 12), Weekly), forecast.ActualToDate);
            Assert.InRange(forecast.Forecast, truth * 0.999m, truth * 1.001m);
            Assert.True(forecast.Interval.Upper95 - forecast.Interval.Lower95 < truth * 0.03m, $"95% interval {forecast.Interval.Lower95}..{forecast.Interval.Upper95}");
            Assert.True(forecast.Interval.IsCoherent(forecast.Forecast));
        }

        [Fact]
        public void The_daily_path_predicts_the_weekend_dip_and_runs_a_cumulative_total_to_the_forecast()
        {
            DailySeries history = Build(Start, Day(2024, 3, 12), Weekly);

            PeriodForecast forecast = new Forecaster().Forecast(history);

            Assert.Equal(31, forecast.DailyPath.Count);
            Assert.All(forecast.DailyPath.Take(12), d => Assert.True(d.IsActual));
            Assert.All(forecast.DailyPath.Skip(12), d => Assert.True(d.Interval.IsCoherent(d.Predicted!.Value), $"{d.Date:d}"));
            ForecastDay saturday = forecast.DailyPath.Single(d => d.Date == Day(2024, 3, 16));
            ForecastDay monday = forecast.DailyPath.Single(d => d.Date == Day(2024, 3, 18));
            Assert.InRange(saturday.Predicted!.Value, 59m, 61m);
            Assert.InRange(monday.Predicted!.Value, 99m, 101m);
            Assert.Equal(forecast.Forecast, forecast.DailyPath[30].Cumulative);
        }

        [Fact]
        public void A_trend_is_followed_where_the_run_rate_falls_behind()
        {
            var random = new Random(3);
            var noise = Enumerable.Range(0, 200).Select(_ => 2 * Gaussian(random)).ToArray();
            Func<DateTime, double> trending = d => Weekly(d) + (0.8 * (d - Start).Days) + noise[(d - Start).Days];
            DailySeries history = Build(Start, Day(2024, 4, 10), trending);

            PeriodForecast forecast = new Forecaster().Forecast(history);

            decimal truth = Total(Day(2024, 4, 1), Day(2024, 4, 30), trending);
            decimal runRate = forecast.ActualToDate / 10m * 30m;
            decimal error = Math.Abs(forecast.Forecast - truth) / truth;
            Assert.True(error < 0.02m, $"forecast {forecast.Forecast} vs truth {truth} ({forecast.MethodReason})");
            Assert.True(error < Math.Abs(runRate - truth) / truth, $"run-rate {runRate} was as good as {forecast.Forecast} ({forecast.MethodReason})");
            Assert.True(truth >= forecast.Interval.Lower95 && truth <= forecast.Interval.Upper95, $"truth {truth} forecast {forecast.Forecast} 95% {forecast.Interval.Lower95}..{forecast.Interval.Upper95} {forecast.IntervalSource}");
        }

        [Fact]
        public void A_level_shift_mid_month_moves_the_forecast_to_the_new_level()
        {
            Func<DateTime, double> shifted = d => Weekly(d) * (d >= Day(2024, 3, 15) ? 1.5 : 1.0);
            DailySeries history = Build(Start, Day(2024, 3, 21), shifted);

            PeriodForecast forecast = new Forecaster().Forecast(history);

            decimal truth = Total(Day(2024, 3, 1), Day(2024, 3, 31), shifted);
            Assert.True(forecast.Forecast > truth * 0.98m && forecast.Forecast < truth * 1.02m, $"truth {truth} forecast {forecast.Forecast} path {string.Join(",", forecast.DailyPath.Select(d => d.Value.ToString("0")))}");
            Assert.True(truth >= forecast.Interval.Lower95 && truth <= forecast.Interval.Upper95, $"truth {truth} forecast {forecast.Forecast} 95% {forecast.Interval.Lower95}..{forecast.Interval.Upper95} {forecast.IntervalSource}");
        }

        [Fact]
        public void Missing_days_are_predicted_not_taken_as_zero()
        {
            DateTime[] missing = { Day(2024, 2, 7), Day(2024, 2, 20), Day(2024, 3, 4), Day(2024, 3, 5), Day(2024, 3, 9) };
            DailySeries history = DailySeries.From(Build(Start, Day(2024, 3, 12), Weekly).Values.Where(v => !missing.Contains(v.Date)));

            PeriodForecast forecast = new Forecaster().Forecast(history);

            decimal truth = Total(Day(2024, 3, 1), Day(2024, 3, 31), Weekly);
            Assert.Equal(ForecastMethod.SeasonalTrend, forecast.Method);
            Assert.Equal(19 + 3, forecast.PredictedDays);
            Assert.Equal(Total(Day(2024, 3, 1), Day(2024, 3, 12), Weekly) - 100m - 100m - 60m, forecast.ActualToDate);
            Assert.InRange(forecast.Forecast, truth * 0.995m, truth * 1.005m);
            Assert.False(forecast.DailyPath.Single(d => d.Date == Day(2024, 3, 4)).IsActual);
        }

        [Fact]
        public void A_single_day_of_history_gives_a_pace_with_wide_intervals_from_the_prior()
        {
            DailySeries history = DailySeries.From(new[] { new DailyValue(Day(2024, 3, 1), 100m) });

            PeriodForecast forecast = new Forecaster().Forecast(history);

            Assert.Equal(ForecastMethod.TrailingPace, forecast.Method);
            Assert.Equal(IntervalSource.GrowthPrior, forecast.IntervalSource);
            Assert.True(forecast.IsHistoryShort);
            Assert.Equal(3100m, forecast.Forecast);
            Assert.True(forecast.Interval.Upper95 > 4300m && forecast.Interval.Lower95 < 1900m, $"{forecast.Interval.Lower95}..{forecast.Interval.Upper95}");
            Assert.True(forecast.Interval.Lower95 >= forecast.ActualToDate);
        }

        [Fact]
        public void Under_two_weeks_of_history_the_pace_is_used_and_the_history_is_short()
        {
            DailySeries history = Build(Day(2024, 3, 1), Day(2024, 3, 9), Weekly);

            PeriodForecast forecast = new Forecaster().Forecast(history);

            Assert.Equal(ForecastMethod.TrailingPace, forecast.Method);
            Assert.True(forecast.IsHistoryShort);
            Assert.Equal(9, forecast.HistoryDays);
            decimal pace = history.Values.Skip(2).Average(v => v.Value);
            Assert.True(forecast.Interval.Upper80 > forecast.Forecast && forecast.Interval.Lower80 < forecast.Forecast);
            // The pace, corrected by the little its few past errors say.
            decimal projected = forecast.ActualToDate + (pace * 22m);
            Assert.InRange(forecast.Forecast, projected * 0.95m, projected * 1.05m);
        }

        [Fact]
        public void Four_weeks_of_history_is_no_longer_short()
        {
            Assert.True(new Forecaster().Forecast(Build(Day(2024, 2, 4), Day(2024, 3, 1), Weekly)).IsHistoryShort);
            Assert.False(new Forecaster().Forecast(Build(Day(2024, 2, 3), Day(2024, 3, 1), Weekly)).IsHistoryShort);
        }

        [Fact]
        public void Through_a_date_and_a_billing_period_start_day_set_the_period()
        {
            DailySeries history = Build(Start, Day(2024, 3, 20), Weekly);

            PeriodForecast byStartDay = new Forecaster(new BillingPeriodCalendar(15)).Forecast(history);
            PeriodForecast through = new Forecaster().Forecast(history, through: Day(2024, 4, 30));

            Assert.Equal(Day(2024, 3, 15), byStartDay.PeriodStart);
            Assert.Equal(Day(2024, 4, 14), byStartDay.PeriodEnd);
            Assert.InRange(byStartDay.Forecast, Total(Day(2024, 3, 15), Day(2024, 4, 14), Weekly) - 1m, Total(Day(2024, 3, 15), Day(2024, 4, 14), Weekly) + 1m);
            Assert.Equal(Day(2024, 4, 30), through.PeriodEnd);
            Assert.InRange(through.Forecast, Total(Day(2024, 3, 1), Day(2024, 4, 30), Weekly) - 2m, Total(Day(2024, 3, 1), Day(2024, 4, 30), Weekly) + 2m);
        }

        [Fact]
        public void The_80_percent_interval_covers_about_80_percent_of_noisy_outcomes()
        {
            var random = new Random(7);
            int covered80 = 0;
            int covered95 = 0;
            const int Simulations = 150;
            for (int s = 0; s < Simulations; s++)
            {
                // Weekly rhythm, a small trend and autocorrelated noise: errors of a total are not independent days.
                double noise = 0;
                var values = new double[300];
                for (int i = 0; i < values.Length; i++)
                {
                    noise = (0.5 * noise) + (8 * Gaussian(random));
                    values[i] = Weekly(Start.AddDays(i)) + (0.05 * i) + noise;
                }

                DailySeries series = DailySeries.From(values.Select((v, i) => new DailyValue(Start.AddDays(i), (decimal)v)));
                DateTime periodStart = Day(2024, 9, 1);
                DateTime asOf = periodStart.AddDays(random.Next(0, 25));
                PeriodForecast forecast = new Forecaster().Forecast(series, asOf);
                decimal truth = series.Between(periodStart, Day(2024, 9, 30)).Values.Sum(v => v.Value);
                covered80 += truth >= forecast.Interval.Lower80 && truth <= forecast.Interval.Upper80 ? 1 : 0;
                covered95 += truth >= forecast.Interval.Lower95 && truth <= forecast.Interval.Upper95 ? 1 : 0;
            }

            Assert.InRange(covered80 / (double)Simulations, 0.70, 0.90);
            Assert.InRange(covered95 / (double)Simulations, 0.88, 0.995);
        }
    }
}
