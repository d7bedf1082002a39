using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// The spend of one group: the rows sharing the group key values (and time bucket). Rows whose meter is
    /// missing from the card form separate groups with <see cref="Unrated"/> set and no cost.
    /// </summary>
    public sealed class CostGroup
    {
        internal CostGroup(
            IReadOnlyList<string> keys,
            DateTimeOffset? bucketStart,
            bool unrated,
            decimal quantity,
            decimal costBeforeOfferTerms,
            decimal discount,
            decimal creditApplied,
            string currency,
            DateTimeOffset periodStart,
            DateTimeOffset periodEnd,
            long rowCount,
            bool hasDeprecatedMeters,
            IReadOnlyList<TierUsage>? tiers)
        {
            Keys = keys;
            BucketStart = bucketStart;
            Unrated = unrated;
            Quantity = quantity;
            CostBeforeOfferTerms = unrated ? (decimal?)null : costBeforeOfferTerms;
            Discount = discount;
            CreditApplied = creditApplied;
            Cost = unrated ? (decimal?)null : costBeforeOfferTerms - discount - creditApplied;
            Currency = currency;
            PeriodStart = periodStart;
            PeriodEnd = periodEnd;
            RowCount = rowCount;
            HasDeprecatedMeters = hasDeprecatedMeters;
            Tiers = tiers;
        }

        /// <summary>The group key values, in the order of <see cref="CostEstimate.GroupBy"/>. Time keys read
        /// yyyy-MM-ddTHH:00Z (Hour), yyyy-MM-dd (Day), yyyy-MM (Month).</summary>
        public IReadOnlyList<string> Keys { get; }
        /// <summary>Start of the finest time bucket grouped by; null without time grouping.</summary>
        public DateTimeOffset? BucketStart { get; }
        /// <summary>True for rows whose meter the card lacks: their cost is unknown, not zero.</summary>
        public bool Unrated { get; }
        public decimal Quantity { get; }
        /// <summary>Tiered cost at the card's rates, before discount and credit; null when unrated.</summary>
        public decimal? CostBeforeOfferTerms { get; }
        /// <summary>Monetary commitment discount.</summary>
        public decimal Discount { get; }
        /// <summary>Monetary credit drawn by this group's usage.</summary>
        public decimal CreditApplied { get; }
        /// <summary>What is owed: cost before offer terms, less discount and credit. Unrounded; null when unrated.</summary>
        public decimal? Cost { get; }
        public string Currency { get; }
        /// <summary>Earliest usage start of the group's rows.</summary>
        public DateTimeOffset PeriodStart { get; }
        /// <summary>Latest usage end of the group's rows.</summary>
        public DateTimeOffset PeriodEnd { get; }
        public long RowCount { get; }
        /// <summary>Some of the group's usage is on meters the card marks Deprecated.</summary>
        public bool HasDeprecatedMeters { get; }
        /// <summary>With Explain: the quantity and cost per meter and tier, for audit; otherwise null.</summary>
        public IReadOnlyList<TierUsage>? Tiers { get; }

        /// <summary>The key value for a dimension name such as "ResourceGroup" or "Tag:CostCenter".</summary>
        public string? KeyOf(CostEstimate estimate, string dimensionName)
        {
            for (int i = 0; i < estimate.GroupBy.Count; i++)
            {
                if (string.Equals(estimate.GroupBy[i].Name, dimensionName, StringComparison.OrdinalIgnoreCase))
                {
                    return Keys[i];
                }
            }

            return null;
        }
    }

    /// <summary>A group's usage of one tier of one meter.</summary>
    public sealed class TierUsage
    {
        internal TierUsage(string meterId, string meterName, bool isIncludedQuantity, decimal tierStart, decimal unitPrice, decimal quantity, decimal cost)
        {
            MeterId = meterId;
            MeterName = meterName;
            IsIncludedQuantity = isIncludedQuantity;
            TierStart = tierStart;
            UnitPrice = unitPrice;
            Quantity = quantity;
            Cost = cost;
        }

        public string MeterId { get; }
        public string MeterName { get; }
        /// <summary>The free included quantity rather than a priced tier.</summary>
        public bool IsIncludedQuantity { get; }
        public decimal TierStart { get; }
        public decimal UnitPrice { get; }
        public decimal Quantity { get; }
        public decimal Cost { get; }
    }
}
