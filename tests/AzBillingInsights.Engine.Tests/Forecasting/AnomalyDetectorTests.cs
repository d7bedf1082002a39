using System;
using System.Collections.Generic;
using System.Linq;
using AzBillingInsights.Engine.Forecasting;
using Xunit.Abstractions;
using static AzBillingInsights.Engine.Tests.Forecasting.SyntheticSeries;

namespace AzBillingInsights.Engine.Tests.Forecasting
{
    public class AnomalyDetectorTests
    {
        private static readonly DateTime Start = Day(2024, 1, 1);
        private readonly ITestOutputHelper _output;

        public AnomalyDetectorTests(ITestOutputHelper output)
        {
            _output = output;
        }

        /// <summary>Weekly rhythm (weekends 65%) on a growing level with 5% noise, and incidents multiplying given days.</summary>
        private static DailySeries Spend(Random random, double scale, IReadOnlyDictionary<int, double> incidents, int days = 240)
        {
            return DailySeries.From(Enumerable.Range(0, days).Select(i =>
            {
                DateTime day = Start.AddDays(i);
                double weekly = day.DayOfWeek == DayOfWeek.Saturday || day.DayOfWeek == DayOfWeek.Sunday ? 0.65 : 1.0;
                double value = scale * weekly * (1 + (0.001 * i)) * (1 + (0.05 * Gaussian(random)));
                return new DailyValue(day, (decimal)(value * (incidents.TryGetValue(i, out double factor) ? factor : 1d)));
            }));
        }

        [Fact]
        public void A_clean_weekly_series_raises_nothing_not_even_on_mondays()
        {
            DailySeries exact = Build(Start, Day(2024, 9, 30), Weekly);
            var random = new Random(11);
            var noisy = Enumerable.Range(0, 10).Select(g => Spend(random, 100 + (50 * g), new Dictionary<int, double>())).ToList();

            var detector = new AnomalyDetector();

            Assert.Empty(detector.Detect(exact));
            List<CostAnomaly> alarms = noisy.SelectMany(s => detector.Detect(s)).ToList();
            Assert.DoesNotContain(alarms, a => a.Date.DayOfWeek == DayOfWeek.Monday);
            Assert.True(alarms.Count <= 2, $"{alarms.Count} false alarms in 2,400 clean days");
        }

        [Fact]
        public void Injected_rises_and_drops_are_found_with_high_recall_and_precision()
        {
            var random = new Random(5);
            var injected = new HashSet<(string, DateTime)>();
            var groups = new Dictionary<string, DailySeries>();
            for (int g = 0; g < 20; g++)
            {
                var incidents = new Dictionary<int, double>();
                for (int k = 0; k < 3; k++)
                {
                    int day = random.Next(10, 230);
                    double factor = random.Next(0, 3) == 0 ? 0.3 : 1.6 + random.NextDouble() * 3;
                    incidents[day] = factor;
                }

                string name = "rg-" + g;
                groups[name] = Spend(random, 50 + random.Next(0, 500), incidents);
                foreach (int day in incidents.Keys)
                {
                    injected.Add((name, Start.AddDays(day)));
                }
            }

            IReadOnlyList<CostAnomaly> found = new AnomalyDetector().DetectByGroup(groups);

            int truePositives = found.Count(a => injected.Contains((a.Group, a.Date)));
            double recall = truePositives / (double)injected.Count;
            double precision = truePositives / (double)Math.Max(1, found.Count);
            _output.WriteLine($"recall {recall:P1} precision {precision:P1} ({found.Count} found, {injected.Count} injected)");
            Assert.True(recall >= 0.8, $"recall {recall}");
            Assert.True(precision >= 0.8, $"precision {precision}");
            Assert.Contains(found, a => a.Direction == AnomalyDirection.Drop && injected.Contains((a.Group, a.Date)));
            Assert.Contains(found, a => a.Direction == AnomalyDirection.Rise && injected.Contains((a.Group, a.Date)));
        }

        [Fact]
        public void A_spike_is_scored_with_its_impact_and_the_minimum_impact_filters_small_ones()
        {
            DailySeries series = DailySeries.From(Build(Start, Day(2024, 6, 30), Weekly).Values
                .Select(v => v.Date == Day(2024, 4, 10) ? new DailyValue(v.Date, 400m) : v.Date == Day(2024, 5, 7) ? new DailyValue(v.Date, 130m) : v));

            CostAnomaly[] all = new AnomalyDetector().Detect(series, "sub").ToArray();
            CostAnomaly[] large = new AnomalyDetector(new AnomalyDetectorOptions { MinimumImpact = 50m }).Detect(series, "sub").ToArray();

            Assert.Equal(new[] { Day(2024, 4, 10), Day(2024, 5, 7) }, all.Select(a => a.Date));
            CostAnomaly spike = all[0];
            Assert.Equal(AnomalyDirection.Rise, spike.Direction);
            Assert.Equal(100m, spike.Expected);
            Assert.Equal(300m, spike.Impact);
            Assert.True(spike.Score > 4);
            Assert.Equal(Day(2024, 4, 10), Assert.Single(large).Date);
        }

        [Fact]
        public void A_small_change_on_a_very_steady_series_is_not_reported_by_default()
        {
            // 0.1 % noise: a 6 % rise scores far beyond the threshold, yet it is no incident.
            var random = new Random(3);
            DailySeries steady = DailySeries.From(Enumerable.Range(0, 120).Select(i =>
                new DailyValue(Start.AddDays(i), (decimal)(100 * (1 + (0.001 * Gaussian(random))) * (i == 90 ? 1.06 : 1d)))));

            CostAnomaly wobble = Assert.Single(new AnomalyDetector(new AnomalyDetectorOptions { MinimumRelativeImpact = 0 }).Detect(steady));
            Assert.Equal(Start.AddDays(90), wobble.Date);
            Assert.Empty(new AnomalyDetector().Detect(steady));
        }

        [Theory]
        [InlineData(1.6)]
        [InlineData(0.5)]
        public void A_level_shift_is_news_once_not_every_day_after_it(double factor)
        {
            // A workload added (or removed) on day 150 and kept: the following four weeks are the new normal.
            var shift = Enumerable.Range(150, 90).ToDictionary(i => i, _ => factor);
            DailySeries series = Spend(new Random(11), 100, shift);

            IReadOnlyList<CostAnomaly> found = new AnomalyDetector().Detect(series);

            List<CostAnomaly> after = found.Where(a => a.Date >= Start.AddDays(150)).ToList();
            _output.WriteLine(string.Join(", ", after.Select(a => $"{a.Date:MM-dd} {a.Score}")));
            Assert.InRange(after.Count, 1, 3);
            Assert.All(after, a => Assert.True(a.Date < Start.AddDays(157), $"{a.Date:yyyy-MM-dd} is a week after the shift"));
        }

        [Fact]
        public void Missing_days_are_skipped_not_read_as_drops()
        {
            DailySeries series = DailySeries.From(Build(Start, Day(2024, 6, 30), Weekly).Values
                .Where(v => v.Date != Day(2024, 3, 5) && v.Date != Day(2024, 3, 6)));

            Assert.Empty(new AnomalyDetector().Detect(series));
            Assert.Empty(new AnomalyDetector().Detect(Build(Start, Day(2024, 1, 15), Weekly)));
        }

        [Fact]
        public void An_anomaly_of_the_total_is_attributed_to_the_groups_that_moved()
        {
            var random = new Random(9);
            var groups = new Dictionary<string, DailySeries>
            {
                ["rg-web"] = Spend(random, 300, new Dictionary<int, double> { [120] = 3.0 }),
                ["rg-data"] = Spend(random, 500, new Dictionary<int, double>()),
                ["rg-batch"] = Spend(random, 200, new Dictionary<int, double> { [120] = 2.0 }),
                ["rg-tiny"] = Spend(random, 5, new Dictionary<int, double> { [120] = 5.0 }),
            };

            CostAnomaly anomaly = Assert.Single(new AnomalyDetector().DetectInTotal(groups), a => a.Date == Start.AddDays(120));

            Assert.Equal("Total", anomaly.Group);
            Assert.Equal(AnomalyDirection.Rise, anomaly.Direction);
            Assert.Equal(new[] { "rg-web", "rg-batch" }, anomaly.Contributions.Select(c => c.Group));
            Assert.InRange(anomaly.Contributions[0].Share, 0.5, 0.9);
            Assert.InRange(anomaly.Contributions.Sum(c => c.Share), 0.85, 1.15);
        }
    }
}
