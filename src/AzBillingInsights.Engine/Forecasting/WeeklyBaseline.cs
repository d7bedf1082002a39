using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// What each day of a series would have been without an anomaly, and how far days normally stray from it:
    /// a 21-day running median (three of each weekday, so the weekly rhythm does not bias it), plus the
    /// day's weekday effect (median of the same weekday's deviations in the nearest eight weeks, the day
    /// itself left out), and a local robust spread (MAD of the residuals over eight weeks). All medians, so
    /// the anomalies being looked for barely move the baseline they are measured against. The running median does
    /// not reach across a level shift (<see cref="LevelShift"/>): the new level is the baseline from its first day,
    /// and only that first day is measured against the old level, so a workload added or removed is news once.
    /// </summary>
    internal sealed class WeeklyBaseline
    {
        private const int TrendWindow = 21;
        private const int WeekdayNeighbours = 8;
        private const int SpreadWindow = 57;

        /// <summary>The spread is at least this fraction of the level, so a perfectly regular series does not
        /// turn rounding noise into huge scores.</summary>
        private const double MinimumRelativeSpread = 0.01;

        private WeeklyBaseline(double[] expected, double[] spread)
        {
            Expected = expected;
            Spread = spread;
        }

        /// <summary>The baseline of each day (NaN where the day is missing).</summary>
        public double[] Expected { get; }

        /// <summary>The robust standard deviation of the residuals around each day.</summary>
        public double[] Spread { get; }

        public static WeeklyBaseline Fit(double[] y)
        {
            int n = y.Length;
            IReadOnlyList<int> shifts = new LevelShift(y).All();
            var trend = new double[n];
            var scratch = new double[Math.Max(SpreadWindow, TrendWindow) + 1];
            int segment = 0;
            for (int t = 0; t < n; t++)
            {
                while (segment < shifts.Count && shifts[segment] <= t)
                {
                    segment++;
                }

                // The running median stays on its side of a level shift, so the days before and after are not half-way levels.
                int first = segment == 0 ? 0 : shifts[segment - 1];
                int last = segment < shifts.Count ? shifts[segment] - 1 : n - 1;
                int start = first + WindowStart(t - first, last - first + 1, TrendWindow);
                int count = 0;
                for (int s = start; s < Math.Min(last + 1, start + TrendWindow); s++)
                {
                    if (!double.IsNaN(y[s]))
                    {
                        scratch[count++] = y[s];
                    }
                }

                trend[t] = RobustStatistics.Median(scratch, count);
            }

            var expected = new double[n];
            var residual = new double[n];
            for (int t = 0; t < n; t++)
            {
                if (double.IsNaN(y[t]))
                {
                    expected[t] = residual[t] = double.NaN;
                    continue;
                }

                int count = 0;
                for (int k = 1; count < WeekdayNeighbours && (t - (7 * k) >= 0 || t + (7 * k) < n); k++)
                {
                    AddDeviation(y, trend, t - (7 * k), scratch, ref count);
                    AddDeviation(y, trend, t + (7 * k), scratch, ref count);
                }

                double weekday = count == 0 ? 0d : RobustStatistics.Median(scratch, count);
                // The first day of a new level is measured against the old one: a workload added is news once.
                double level = IsShift(shifts, t) && !double.IsNaN(trend[t - 1]) ? trend[t - 1] : trend[t];
                expected[t] = level + weekday;
                residual[t] = IsShift(shifts, t) ? y[t] - trend[t] - weekday : y[t] - expected[t];
            }

            var spread = new double[n];
            for (int t = 0; t < n; t++)
            {
                int start = WindowStart(t, n, SpreadWindow);
                int count = 0;
                for (int s = start; s < Math.Min(n, start + SpreadWindow); s++)
                {
                    if (!double.IsNaN(residual[s]))
                    {
                        scratch[count++] = Math.Abs(residual[s]);
                    }
                }

                double mad = count == 0 ? 0d : RobustStatistics.Median(scratch, count);
                spread[t] = Math.Max(RobustStatistics.MadToSigma * mad, (MinimumRelativeSpread * Math.Abs(trend[t])) + 1e-9);
            }

            return new WeeklyBaseline(expected, spread);
        }

        /// <summary>A window of <paramref name="width"/> days centred on <paramref name="t"/>, slid inwards at the ends.</summary>
        private static int WindowStart(int t, int n, int width) => Math.Max(0, Math.Min(t - (width / 2), n - width));

        private static bool IsShift(IReadOnlyList<int> shifts, int t)
        {
            for (int i = 0; i < shifts.Count; i++)
            {
                if (shifts[i] == t)
                {
                    return true;
                }
            }

            return false;
        }

        private static void AddDeviation(double[] y, double[] trend, int s, double[] scratch, ref int count)
        {
            if (s >= 0 && s < y.Length && !double.IsNaN(y[s]) && count < WeekdayNeighbours)
            {
                scratch[count++] = y[s] - trend[s];
            }
        }
    }
}
