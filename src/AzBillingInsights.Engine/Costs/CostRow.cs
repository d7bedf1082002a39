using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// One row of a Cost Details report (or a cost export), in either schema, mapped to one set of names. Cost is
    /// what Cost Management charged (actual) or spread (amortized): it is never re-rated. Columns a schema lacks
    /// are null; every column as written stays readable through <see cref="Columns"/>.
    /// </summary>
    public sealed class CostRow
    {
        public CostDetailsSchema Schema { get; set; }
        /// <summary>Set when the row came from a Cost Details report (which says which metric it asked for).</summary>
        public CostMetric? Metric { get; set; }

        public DateTime Date { get; set; }
        public string? BillingAccountId { get; set; }
        public string? BillingAccountName { get; set; }
        public string? BillingProfileId { get; set; }
        public string? BillingProfileName { get; set; }
        public string? InvoiceSectionId { get; set; }
        public string? InvoiceSectionName { get; set; }
        /// <summary>MCA only; EA rows are invoiced by billing period.</summary>
        public string? InvoiceId { get; set; }
        public DateTime? BillingPeriodStartDate { get; set; }
        public DateTime? BillingPeriodEndDate { get; set; }
        /// <summary>The billing period as the API names it (<c>yyyyMM</c>), from its start date.</summary>
        public string? BillingPeriodId => BillingPeriodStartDate?.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);

        public string? SubscriptionId { get; set; }
        public string? SubscriptionName { get; set; }
        public string? ResourceGroup { get; set; }
        public string? ResourceId { get; set; }
        public string? ResourceName { get; set; }
        /// <summary>The resource's region as the export writes it (e.g. <c>EastUS2</c>, <c>uksouth</c>).</summary>
        public string? ResourceLocation { get; set; }

        public string? MeterId { get; set; }
        public string? MeterName { get; set; }
        public string? MeterCategory { get; set; }
        public string? MeterSubCategory { get; set; }
        public string? MeterRegion { get; set; }
        public string? ProductName { get; set; }
        public decimal Quantity { get; set; }
        public string? UnitOfMeasure { get; set; }

        /// <summary>The price actually paid per unit, after negotiated discounts (and, amortized, reservations).</summary>
        public decimal? EffectivePrice { get; set; }
        /// <summary>The price sheet's unit price for this agreement.</summary>
        public decimal? UnitPrice { get; set; }
        /// <summary>The retail (pay-as-you-go) price of the same meter.</summary>
        public decimal? PayGPrice { get; set; }
        /// <summary>Cost in the billing currency, as given by Cost Management.</summary>
        public decimal Cost { get; set; }
        /// <summary>MCA: the same cost in US dollars.</summary>
        public decimal? CostInUsd { get; set; }
        /// <summary>MCA: the cost at retail prices in the billing currency.</summary>
        public decimal? PayGCost { get; set; }
        public string? Currency { get; set; }

        public string? ChargeType { get; set; }
        public string? Frequency { get; set; }
        public string? PricingModel { get; set; }
        public string? ReservationId { get; set; }
        public string? ReservationName { get; set; }
        public string? BenefitId { get; set; }
        public string? BenefitName { get; set; }

        /// <summary>The resource's tags, case-insensitive keys; empty when none.</summary>
        public IReadOnlyDictionary<string, string> Tags { get; set; } = CostFieldParser.NoEntries;
        public IReadOnlyDictionary<string, string> AdditionalInfo { get; set; } = CostFieldParser.NoEntries;

        /// <summary>Every column of the row as written, by header name (case-insensitive), the schema-specific ones included.</summary>
        public IReadOnlyDictionary<string, string> Columns { get; set; } = CostFieldParser.NoEntries;
    }
}
