using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// A damped trend on weekly totals: the totals of the last complete weeks (up to eight, since a level shift when
    /// there was one), a Theil-Sen slope through them (the median of pairwise slopes, so one odd week barely moves
    /// it), the latest week's total as the level, and the slope damped by a fifth a week so that a ramp that stops
    /// is not extrapolated to the end of the month. Weekly totals hide the weekly rhythm, so it needs none.
    /// </summary>
    internal sealed class DampedWeeklyTrend : IDailyPredictor
    {
        public const int MaximumWeeks = 8;
        public const int MinimumWeeks = 2;

        /// <summary>The slope kept from one week to the next.</summary>
        public const double WeeklyDamping = 0.8;

        private static readonly double DailyDamping = Math.Pow(WeeklyDamping, 1d / 7);

        private readonly int _origin;
        private readonly double _dailySlope;

        private DampedWeeklyTrend(int origin, double level, double dailySlope)
        {
            _origin = origin;
            Level = level;
            _dailySlope = dailySlope;
        }

        public double Level { get; }

        public double Predict(int index)
        {
            int ahead = index - _origin;
            if (ahead <= 0)
            {
                return Level + (_dailySlope * ahead);
            }

            // Sum of DailyDamping^i for i = 1..ahead.
            double damped = DailyDamping * (1d - Math.Pow(DailyDamping, ahead)) / (1d - DailyDamping);
            return Level + (_dailySlope * damped);
        }

        /// <summary>Fits at <paramref name="origin"/>; null with fewer than two complete weeks since <paramref name="regimeStart"/>.</summary>
        public static DampedWeeklyTrend? TryFit(double[] y, int origin, int regimeStart, double[] scratch)
        {
            var weeks = new double[MaximumWeeks];
            int count = 0;
            for (int w = 0; w < MaximumWeeks; w++)
            {
                int first = origin - (7 * w) - 6;
                if (first < 0 || first < regimeStart)
                {
                    break;
                }

                double mean = WeekMean(y, first);
                if (double.IsNaN(mean))
                {
                    break;
                }

                weeks[count++] = mean;
            }

            if (count < MinimumWeeks)
            {
                return null;
            }

            // weeks[0] is the latest; a slope per week from pairs (i, j), i later than j.
            int pairs = 0;
            for (int i = 0; i < count; i++)
            {
                for (int j = i + 1; j < count; j++)
                {
                    scratch[pairs++] = (weeks[i] - weeks[j]) / (j - i);
                }
            }

            double dailySlope = RobustStatistics.Median(scratch, pairs) / 7d;
            // The latest week's mean stands at its middle day, three days before the origin.
            return new DampedWeeklyTrend(origin, weeks[0] + (3 * dailySlope), dailySlope);
        }

        /// <summary>The mean of the seven days from <paramref name="first"/>; NaN with fewer than five of them.</summary>
        private static double WeekMean(double[] y, int first)
        {
            double sum = 0;
            int count = 0;
            for (int i = first; i < first + 7; i++)
            {
                if (!double.IsNaN(y[i]))
                {
                    sum += y[i];
                    count++;
                }
            }

            return count >= 5 ? sum / count : double.NaN;
        }
    }
}
