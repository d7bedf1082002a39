using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>Medians and quantiles over the first <c>count</c> items of a scratch buffer (which they reorder).</summary>
    internal static class RobustStatistics
    {
        /// <summary>Scales a median absolute deviation to the standard deviation of a normal distribution.</summary>
        public const double MadToSigma = 1.4826;

        public static double Median(double[] buffer, int count)
        {
            if (count == 0)
            {
                return double.NaN;
            }

            Array.Sort(buffer, 0, count);
            int middle = count / 2;
            return count % 2 == 1 ? buffer[middle] : (buffer[middle - 1] + buffer[middle]) / 2d;
        }

        /// <summary>Quantile <paramref name="p"/> of sorted values, interpolating between order statistics (Hyndman-Fan type 7).</summary>
        public static double QuantileOfSorted(double[] sorted, int count, double p)
        {
            if (count == 1)
            {
                return sorted[0];
            }

            double position = p * (count - 1);
            int below = (int)Math.Floor(position);
            int above = Math.Min(below + 1, count - 1);
            double fraction = position - below;
            return sorted[below] + ((sorted[above] - sorted[below]) * fraction);
        }
    }
}
