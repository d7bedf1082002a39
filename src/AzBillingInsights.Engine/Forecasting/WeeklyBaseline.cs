using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// What each day of a series would have been without an anomaly, and how far days normally stray from it:
    /// a 21-day running median (three of each weekday, so the weekly rhythm does not bias it), plus the
    /// day's weekday effect (median of the same weekday's deviations in the nearest eight weeks, the day
    /// itself left out), and a local robust spread (MAD of the residuals over eight weeks). All medians, so
    /// the anomalies being looked for barely move the baseline they are measured against.
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
            var trend = new double[n];
            var scratch = new double[Math.Max(SpreadWindow, TrendWindow) + 1];
            for (int t = 0; t < n; t++)
            {
                int start = WindowStart(t, n, TrendWindow);
                int count = 0;
                for (int s = start; s < Math.Min(n, start + TrendWindow); s++)
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
                expected[t] = trend[t] + weekday;
                residual[t] = y[t] - expected[t];
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

        private static void AddDeviation(double[] y, double[] trend, int s, double[] scratch, ref int count)
        {
            if (s >= 0 && s < y.Length && !double.IsNaN(y[s]) && count < WeekdayNeighbours)
            {
                scratch[count++] = y[s] - trend[s];
            }
        }
    }
}
