using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>How a <see cref="UsageRater"/> groups and prices.</summary>
    public sealed class CostEstimateOptions
    {
        /// <summary>Group keys, in output order. Empty gives one group per unrated/rated split (the total).</summary>
        public IReadOnlyList<GroupDimension> GroupBy { get; set; } = Array.Empty<GroupDimension>();

        /// <summary>Day of the month (1-28) on which billing periods start; tier totals and credits reset then.</summary>
        public int BillingPeriodStartDay { get; set; } = 1;

        /// <summary>Adds the per-tier breakdown to every group.</summary>
        public bool Explain { get; set; }

        /// <summary>Applies the card's monetary credit and commitment discount. On by default.</summary>
        public bool ApplyOfferTerms { get; set; } = true;
    }
}
