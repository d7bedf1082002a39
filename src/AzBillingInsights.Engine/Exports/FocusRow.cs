using System;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>
    /// One cost row in FOCUS 1.2 terms: what was charged, for what, when and where. Money is decimal and
    /// unrounded. <see cref="FocusSchema"/> says which column each property becomes.
    /// </summary>
    public sealed class FocusRow
    {
        public decimal BilledCost { get; set; }
        public decimal EffectiveCost { get; set; }
        public decimal ListCost { get; set; }
        public decimal ContractedCost { get; set; }
        public decimal? ListUnitPrice { get; set; }
        public decimal? ContractedUnitPrice { get; set; }
        public string BillingAccountId { get; set; } = string.Empty;
        public string BillingAccountName { get; set; } = string.Empty;
        public string BillingCurrency { get; set; } = string.Empty;
        public DateTimeOffset BillingPeriodStart { get; set; }
        /// <summary>Exclusive, as FOCUS and Microsoft's conversion write it.</summary>
        public DateTimeOffset BillingPeriodEnd { get; set; }
        public string ChargeCategory { get; set; } = "Usage";
        /// <summary>Null for a regular charge; "Correction" for one that corrects an earlier period.</summary>
        public string? ChargeClass { get; set; }
        public string ChargeDescription { get; set; } = string.Empty;
        public string ChargeFrequency { get; set; } = "Usage-Based";
        public DateTimeOffset ChargePeriodStart { get; set; }
        public DateTimeOffset ChargePeriodEnd { get; set; }
        public decimal? ConsumedQuantity { get; set; }
        public string? ConsumedUnit { get; set; }
        public decimal? PricingQuantity { get; set; }
        public string? PricingUnit { get; set; }
        public string? RegionId { get; set; }
        public string? RegionName { get; set; }
        public string? ResourceId { get; set; }
        public string? ResourceName { get; set; }
        public string? ResourceType { get; set; }
        public string ServiceCategory { get; set; } = "Other";
        public string ServiceName { get; set; } = string.Empty;
        public string? SkuId { get; set; }
        public string? SkuPriceId { get; set; }
        public string? SubAccountId { get; set; }
        public string? SubAccountName { get; set; }
        /// <summary>The resource's tags as a JSON object; "{}" when it has none.</summary>
        public string Tags { get; set; } = "{}";
        public string? ResourceGroupName { get; set; }
        public string SubscriptionId { get; set; } = string.Empty;
        public string MeterId { get; set; } = string.Empty;
        public string? MeterCategory { get; set; }
        public string? MeterSubCategory { get; set; }
        public string? MeterRegion { get; set; }
        /// <summary>Where the cost came from, e.g. Estimate:RateCard; an estimate is never passed off as billed.</summary>
        public string CostSource { get; set; } = string.Empty;
    }
}
