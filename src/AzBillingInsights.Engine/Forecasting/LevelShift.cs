using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// Finds where the current regime of a series began: the most recent level shift (a workload added or removed,
    /// a storage reset) within the last four weeks. Spend after a shift says little about spend before it, so the
    /// simple forecasters use only the days since, and the intervals trust the series' older errors less.
    /// </summary>
    internal static class LevelShift
    {
        /// <summary>How far back a shift is looked for.</summary>
        public const int Lookback = 28;

        /// <summary>Days compared on each side of a candidate shift.</summary>
        private const int Side = 14;

        /// <summary>Days after a shift before it is believed: one odd day is a spike, three in a row a new level.</summary>
        private const int MinimumDaysAfter = 3;

        /// <summary>A shift must move the median by at least this fraction of the level before it.</summary>
        private const double MinimumRelativeShift = 0.15;

        /// <summary>And by this many robust standard deviations of the days before it.</summary>
        private const double MinimumScore = 5;

        /// <summary>The first day of the regime holding <paramref name="origin"/>, or -1 when there was no shift in the last four weeks.</summary>
        public static int RegimeStart(double[] y, int origin, double[] scratch)
        {
            int best = -1;
            double bestShift = 0;
            for (int start = Math.Max(Side, origin - Lookback + 1); start <= origin - MinimumDaysAfter + 1; start++)
            {
                double before = Median(y, start - Side, start - 1, scratch, out int beforeCount);
                double after = Median(y, start, Math.Min(origin, start + Side - 1), scratch, out int afterCount);
                if (beforeCount < Side / 2 || afterCount < MinimumDaysAfter)
                {
                    continue;
                }

                double spread = MadAround(y, start - Side, start - 1, before, scratch);
                double shift = Math.Abs(after - before);
                if (shift > MinimumRelativeShift * Math.Abs(before) && shift > MinimumScore * spread && shift > bestShift
                    && MostlyBeyond(y, start, Math.Min(origin, start + Side - 1), before, after))
                {
                    bestShift = shift;
                    best = start;
                }
            }

            return best;
        }

        /// <summary>At least four in five days after the shift lie beyond the midpoint between the two levels: a level, not a few spikes.</summary>
        private static bool MostlyBeyond(double[] y, int from, int to, double before, double after)
        {
            double middle = (before + after) / 2;
            int beyond = 0;
            int count = 0;
            for (int i = from; i <= to; i++)
            {
                if (!double.IsNaN(y[i]))
                {
                    count++;
                    if ((after > before) == (y[i] > middle))
                    {
                        beyond++;
                    }
                }
            }

            return beyond * 5 >= count * 4;
        }

        private static double Median(double[] y, int from, int to, double[] scratch, out int count)
        {
            count = 0;
            for (int i = Math.Max(0, from); i <= to; i++)
            {
                if (!double.IsNaN(y[i]))
                {
                    scratch[count++] = y[i];
                }
            }

            return RobustStatistics.Median(scratch, count);
        }

        private static double MadAround(double[] y, int from, int to, double centre, double[] scratch)
        {
            int count = 0;
            for (int i = Math.Max(0, from); i <= to; i++)
            {
                if (!double.IsNaN(y[i]))
                {
                    scratch[count++] = Math.Abs(y[i] - centre);
                }
            }

            return RobustStatistics.MadToSigma * RobustStatistics.Median(scratch, count);
        }
    }
}
