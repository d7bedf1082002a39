using System;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Puts a usage row's quantity in its price's unit of measure before tiers and rates apply: usage in <c>Hours</c>
    /// priced per <c>100 Hours</c> counts a hundredth per hour. Tiers are in the price's unit too, as Retail Prices
    /// states <c>tierMinimumUnits</c>.
    /// </summary>
    internal static class UsageUnits
    {
        /// <summary>
        /// What one unit of <paramref name="usageUnit"/> is in <paramref name="meter"/>'s unit; null when they count different
        /// things. A row that states no unit, or the meter's own unit, is already in the price's unit.
        /// </summary>
        public static decimal? FactorTo(Meter meter, string usageUnit)
        {
            if (usageUnit.Length == 0 || string.Equals(usageUnit, meter.Unit, StringComparison.OrdinalIgnoreCase))
            {
                return 1m;
            }

            return UnitOfMeasure.Parse(meter.Unit).FactorFrom(UnitOfMeasure.Parse(usageUnit));
        }
    }
}
