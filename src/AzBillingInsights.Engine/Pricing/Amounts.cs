using System;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Internal precision of quantities and money: 16 decimal places. Amounts on one scale, below
    /// about 10^12, add exactly in decimal, so group totals add up to the grand total to the last digit
    /// whatever the grouping; 10^-16 is far below any currency unit.
    /// </summary>
    internal static class Amounts
    {
        public const int Scale = 16;

        public static decimal Normalize(decimal value) => Math.Round(value, Scale, MidpointRounding.AwayFromZero);

        /// <summary>
        /// Splits <paramref name="total"/> over parts in proportion to their weights, each part on the
        /// internal scale and the last taking the remainder, so the parts add up to the total exactly.
        /// </summary>
        public static void SplitProportionally(decimal total, decimal[] weights, int count, decimal weightSum, decimal[] shares)
        {
            if (count == 1)
            {
                shares[0] = total;
                return;
            }

            decimal given = 0m;
            for (int i = 0; i < count - 1; i++)
            {
                decimal share = weightSum == 0m ? 0m : Normalize(total * (weights[i] / weightSum));
                shares[i] = share;
                given += share;
            }

            shares[count - 1] = total - given;
        }
    }
}
