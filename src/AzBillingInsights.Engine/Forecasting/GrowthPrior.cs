using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// What real daily spend does when a series has too little past of its own to say: each day strays from the level
    /// by about a quarter of it, and the level itself drifts, by up to a few per cent a day (a ramp, a workload
    /// wound down) in either direction. A drift of g a day puts day k off by k·g, so the total of h days by
    /// g·h(h+1)/2: uncertainty that grows much faster than the horizon, as it does on young series. The quantiles
    /// are those of a Student t with four degrees of freedom (heavy tails: spend jumps). In units of the level;
    /// <see cref="ForecastErrorHistory"/> shrinks them towards the series' own errors as those accumulate.
    /// </summary>
    internal static class GrowthPrior
    {
        /// <summary>The typical day's deviation from the level, as a fraction of it.</summary>
        public const double DailyVariation = 0.25;

        /// <summary>The standard deviation of the level's drift per day, as a fraction of the level.</summary>
        public const double DriftPerDay = 0.01;

        /// <summary>Student t (4 degrees of freedom) quantiles at 2.5%, 10%, 90%, 97.5%.</summary>
        private static readonly double[] Critical = { -2.776, -1.533, 1.533, 2.776 };

        /// <summary>Quantiles of the error of an <paramref name="horizon"/>-day total, in units of the level.</summary>
        public static void TotalQuantiles(int horizon, double[] quantiles)
        {
            double h = horizon;
            double drift = DriftPerDay * h * (h + 1) / 2;
            Fill(Math.Sqrt((h * DailyVariation * DailyVariation) + (drift * drift)), quantiles);
        }

        /// <summary>Quantiles of the error of the day <paramref name="step"/> days ahead, in units of the level.</summary>
        public static void DayQuantiles(int step, double[] quantiles)
        {
            double drift = DriftPerDay * step;
            Fill(Math.Sqrt((DailyVariation * DailyVariation) + (drift * drift)), quantiles);
        }

        private static void Fill(double sd, double[] quantiles)
        {
            for (int i = 0; i < quantiles.Length; i++)
            {
                quantiles[i] = Critical[i] * sd;
            }
        }
    }
}
