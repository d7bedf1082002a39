using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// Two-sided Student-t critical values for the 80% and 95% intervals: with a handful of days the spread is
    /// itself uncertain and normal quantiles would make the intervals too narrow.
    /// </summary>
    internal static class StudentT
    {
        private static readonly double[] Upper90 =
        {
            3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.350, 1.345, 1.341,
            1.337, 1.333, 1.330, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.310,
        };

        private static readonly double[] Upper975 =
        {
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
            2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        };

        /// <summary>The critical value of a central interval of <paramref name="coverage"/> 0.80 or 0.95.</summary>
        public static double Critical(double coverage, int degreesOfFreedom)
        {
            bool is95 = coverage > 0.9;
            double normal = is95 ? 1.959964 : 1.281552;
            if (degreesOfFreedom <= 0)
            {
                return normal;
            }

            double[] table = is95 ? Upper975 : Upper90;
            if (degreesOfFreedom <= table.Length)
            {
                return table[degreesOfFreedom - 1];
            }

            // Beyond 30 the excess over the normal value shrinks roughly as 1/df.
            return normal + ((table[table.Length - 1] - normal) * table.Length / degreesOfFreedom);
        }
    }
}
