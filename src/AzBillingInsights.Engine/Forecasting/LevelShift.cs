using System;
using System.Collections.Generic;

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
            int best = -1;
            double bestShift = 0;
            for (int start = Math.Max(Side, origin - Lookback + 1); start <= origin - MinimumDaysAfter + 1; start++)
            {
                double shift = ShiftAt(start, Math.Min(origin, start + Side - 1));
                if (shift > bestShift)
                {
                    bestShift = shift;
                    best = start;
                }
            }

            return best;
        }

        /// <summary>
        /// Every level shift in the whole series, looking at up to two weeks after each day (at least one): where a
        /// later workload began or ended. Each is the largest shift within a week either side of it.
        /// </summary>
        public IReadOnlyList<int> All()
        {
            int n = _y.Length;
            var sizes = new double[n];
            for (int start = Side; start <= n - 7; start++)
            {
                sizes[start] = ShiftAt(start, Math.Min(n - 1, start + Side - 1));
            }

            var shifts = new List<int>();
            for (int start = Side; start <= n - 7; start++)
            {
                bool largest = sizes[start] > 0;
                for (int other = Math.Max(0, start - 7); largest && other <= Math.Min(n - 1, start + 7); other++)
                {
                    largest = sizes[other] < sizes[start] || (sizes[other] == sizes[start] && other >= start);
                }

                if (largest)
                {
                    shifts.Add(start);
                }
            }

            return shifts;
        }

        /// <summary>How far the level moved at <paramref name="start"/>, judged on the days to <paramref name="afterEnd"/>; 0 when that is no shift.</summary>
        private double ShiftAt(int start, int afterEnd)
        {
            double before = _medianBefore[start];
            // Two weeks after the start are the two weeks before start + 14: computed once for every origin.
            double after = afterEnd == start + Side - 1 ? _medianBefore[start + Side] : Median(_y, start, afterEnd, _scratch, out _);
            if (double.IsNaN(before) || double.IsNaN(after))
            {
                return 0;
            }

            double shift = Math.Abs(after - before);
            return shift > MinimumRelativeShift * Math.Abs(before) && shift > MinimumScore * _spreadBefore[start]
                && MostlyBeyond(_y, start, afterEnd, before, after) ? shift : 0;
        }

        /// <summary>
        /// At least four in five days after the shift moved by more than half of it, in its direction, from the same
        /// weekday before the shift, the first of them included: a level, not a few spikes, and it began on that day.
        /// </summary>
        private static bool MostlyBeyond(double[] y, int from, int to, double before, double after)
        {
            double half = (after - before) / 2;
            int beyond = 0;
            int count = 0;
            bool firstMoved = false;
            for (int i = from; i <= to; i++)
            {
                int same = i - (7 * (((i - from) / 7) + 1));
                if (same >= 0 && !double.IsNaN(y[i]) && !double.IsNaN(y[same]))
                {
                    count++;
                    double moved = y[i] - y[same];
                    if (half > 0 ? moved > half : moved < half)
                    {
                        beyond++;
                        firstMoved |= i == from;
                    }
                }
            }

            return count > 0 && beyond * 5 >= count * 4 && firstMoved;
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
