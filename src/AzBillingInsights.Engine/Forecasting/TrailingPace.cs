using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// The trailing pace: every coming day costs the mean of the last seven days given (of the days since a level
    /// shift, when one happened this week). No rhythm and no trend, which is why it is hard to beat on real spend: it
    /// follows a new level within a week and never extrapolates a slope that stops.
    /// </summary>
    internal sealed class TrailingPace : IDailyPredictor
    {
        public const int Days = 7;

        private TrailingPace(double level)
        {
            Level = level;
        }

        public double Level { get; }

        public double Predict(int index) => Level;

        /// <summary>Fits at <paramref name="origin"/> on the days from <paramref name="regimeStart"/> (-1: none); null without a day.</summary>
        public static TrailingPace? TryFit(double[] y, int origin, int regimeStart)
        {
            double sum = 0;
            int count = 0;
            for (int i = origin; i >= 0 && i >= regimeStart && count < Days; i--)
            {
                if (!double.IsNaN(y[i]))
                {
                    sum += y[i];
                    count++;
                }
            }

            return count == 0 ? null : new TrailingPace(sum / count);
        }
    }
}
