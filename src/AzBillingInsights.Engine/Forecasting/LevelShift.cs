using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// Finds where the current regime of a series began: the most recent level shift (a workload added or removed,
    /// a storage reset) within the last four weeks. Spend after a shift says little about spend before it, so the
    /// simple forecasters use only the days since, and the intervals trust the series' older errors less.
    /// </summary>
    internal sealed class LevelShift
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

        private readonly double[] _y;
        private readonly double[] _scratch = new double[Side];

        /// <summary>For each day, the median of the <see cref="Side"/> days before it and their robust spread (NaN with too few).</summary>
        private readonly double[] _medianBefore;
        private readonly double[] _spreadBefore;

        public LevelShift(double[] y)
        {
            _y = y;
            _medianBefore = new double[y.Length + 1];
            _spreadBefore = new double[y.Length + 1];
            for (int day = 0; day <= y.Length; day++)
            {
                double median = Median(y, day - Side, day - 1, _scratch, out int count);
                _medianBefore[day] = count < Side / 2 ? double.NaN : median;
                _spreadBefore[day] = count < Side / 2 ? double.NaN : MadAround(y, day - Side, day - 1, median, _scratch);
            }
        }

        /// <summary>The first day of the regime holding <paramref name="origin"/>, or -1 when there was no shift in the last four weeks.</summary>
        public int RegimeStart(int origin)
        {
            double[] y = _y;
            int best = -1;
            double bestShift = 0;
            for (int start = Math.Max(Side, origin - Lookback + 1); start <= origin - MinimumDaysAfter + 1; start++)
            {
                double before = _medianBefore[start];
                int afterEnd = Math.Min(origin, start + Side - 1);
                // Two weeks after the start are the two weeks before start + 14: computed once for every origin.
                double after = afterEnd == start + Side - 1 ? _medianBefore[start + Side] : Median(y, start, afterEnd, _scratch, out int afterCount);
                if (double.IsNaN(before) || double.IsNaN(after))
                {
                    continue;
                }

                double spread = _spreadBefore[start];
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
