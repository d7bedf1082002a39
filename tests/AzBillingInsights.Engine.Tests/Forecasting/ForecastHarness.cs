using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AzBillingInsights.Engine.Forecasting;

namespace AzBillingInsights.Engine.Tests.Forecasting
{
    /// <summary>
    /// The forecast harness: series the forecaster was not built on, backtested at days 5, 10, 15, 20 and 25 of each
    /// month against the run-rate and the 7-day pace. Real series come from Fixtures/daily-cost-series (see its README
    /// for provenance); stress series are generated here with the shapes real spend has.
    /// </summary>
    internal static class ForecastHarness
    {
        public static readonly int[] CutoffDays = { 5, 10, 15, 20, 25 };

        private static readonly DateTime Start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        public static IReadOnlyList<KeyValuePair<string, DailySeries>> RealSeries() =>
            new[] { "mybinder-gcp", "mybinder-storage-gcp" }
                .Select(name => new KeyValuePair<string, DailySeries>(name, ReadCsv(Path.Combine(AppContext.BaseDirectory, "Fixtures", "daily-cost-series", name + ".csv"))))
                .ToList();

        /// <summary>Two years each (so every shape has a year of past behind it) with 8% daily noise and a weekly rhythm.</summary>
        public static IReadOnlyList<KeyValuePair<string, DailySeries>> StressSeries() => new[]
        {
            Stress("step-up", 1, i => i < 500 ? 100 : 160),
            Stress("step-down", 2, i => i < 500 ? 100 : 55),
            Stress("ramp-that-stops", 3, i => i < 420 ? 100 : i < 520 ? 100 + ((i - 420) * 1.2) : 220),
            Stress("single-spike", 4, i => i == 510 ? 900 : 100),
            Stress("holiday-month", 5, i => Start.AddDays(i).Month == 12 ? 45 : 100),
        };

        public static BacktestReport Run(DailySeries series, Forecaster? forecaster = null) =>
            new Backtester(forecaster) { CutoffDays = CutoffDays }.Run(series);

        /// <summary>
        /// Forecasts from young histories: at each cut-off day of each month, only the last 7, 14 or 21 days are given,
        /// as for a subscription or workload that just started. Each outcome is the total from the first day given (or
        /// the period's start) to the period's end, which is what such a forecast predicts.
        /// </summary>
        public static IReadOnlyList<(PeriodForecast Forecast, decimal Actual)> YoungHistories(DailySeries series)
        {
            var outcomes = new List<(PeriodForecast, decimal)>();
            var forecaster = new Forecaster();
            DateTime month = new DateTime(series.FirstDay.Year, series.FirstDay.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
            for (; month.AddMonths(1).AddDays(-1) <= series.LastDay; month = month.AddMonths(1))
            {
                DateTime end = month.AddMonths(1).AddDays(-1);
                foreach (int day in CutoffDays)
                {
                    DateTime asOf = month.AddDays(day - 1);
                    foreach (int length in new[] { 7, 14, 21 })
                    {
                        DateTime first = asOf.AddDays(1 - length);
                        PeriodForecast forecast = forecaster.Forecast(series.Between(first, asOf));
                        DateTime from = first > month ? first : month;
                        outcomes.Add((forecast, series.Between(from, end).Values.Sum(v => v.Value)));
                    }
                }
            }

            return outcomes;
        }

        public static string Describe(string name, BacktestReport report)
        {
            BacktestScore o = report.Overall;
            string byDay = string.Join(" ", report.ByCutoffDay.Select(s => string.Format(CultureInfo.InvariantCulture, "d{0}:{1:0.0}/{2:0.0}/{3:0.0}", s.CutoffDay, s.Mape, s.RunRateMape, s.PaceMape)));
            return string.Format(
                CultureInfo.InvariantCulture,
                "{0,-22} n={1,3} MAPE {2,5:0.00}% run-rate {3,5:0.00}% pace7 {4,5:0.00}% cover80 {5,5:P0} cover95 {6,5:P0} width95 {7,5:P0} incoherent {8} | {9}",
                name, o.Count, o.Mape, o.RunRateMape, o.PaceMape, o.Coverage80, o.Coverage95, o.MeanRelativeWidth95, o.IncoherentCount, byDay);
        }

        private static KeyValuePair<string, DailySeries> Stress(string name, int seed, Func<int, double> level)
        {
            var random = new Random(seed);
            DailySeries series = DailySeries.From(Enumerable.Range(0, 731).Select(i =>
            {
                DateTime day = Start.AddDays(i);
                double value = level(i) * (SyntheticSeries.Weekly(day) / 90) * (1 + (0.08 * SyntheticSeries.Gaussian(random)));
                return new DailyValue(day, (decimal)Math.Max(0, value));
            }));
            return new KeyValuePair<string, DailySeries>(name, series);
        }

        private static DailySeries ReadCsv(string path) =>
            DailySeries.From(File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
            {
                string[] parts = line.Split(',');
                return new DailyValue(
                    DateTime.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                    decimal.Parse(parts[1], CultureInfo.InvariantCulture));
            }));
    }
}
