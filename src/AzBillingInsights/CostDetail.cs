using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Costs;

namespace AzBillingInsights
{
    /// <summary>Which cost a Cost Details report carries.</summary>
    public enum CostDetailMetric
    {
        /// <summary>Cost as invoiced: purchases on their purchase date.</summary>
        ActualCost,

        /// <summary>Reservation and savings-plan purchases spread over the usage they cover.</summary>
        AmortizedCost,
    }

    /// <summary>
    /// One row of a Cost Details report as Get-AzCostDetail emits it, in the EA and the MCA schema alike. Cost is
    /// what Cost Management charged (actual) or spread (amortized), never an estimate: nothing here is re-rated.
    /// Columns one schema has and the other lacks are null; every column as written is in <see cref="Columns"/>.
    /// </summary>
    public sealed class CostDetail
    {
        private TagCollection? _tags;
        private TagCollection? _additionalInfo;

        internal CostDetail(CostRow row) => Row = row;

        internal CostRow Row { get; }

        /// <summary>"actual cost" or "amortized cost": what the Cost figure is, for reports.</summary>
        public string CostKind => Row.Metric == CostMetric.AmortizedCost ? "amortized cost" : "actual cost";
        public CostDetailMetric? Metric => Row.Metric is CostMetric metric ? (CostDetailMetric)(int)metric : (CostDetailMetric?)null;
        /// <summary>EnterpriseAgreement, MicrosoftCustomerAgreement or PayAsYouGoLegacy: the layout the row came in.</summary>
        public string Schema => Row.Schema.ToString();

        public DateTime Date => Row.Date;
        public string? SubscriptionId => Row.SubscriptionId;
        public string? SubscriptionName => Row.SubscriptionName;
        public string? ResourceGroup => Row.ResourceGroup;
        public string? ResourceId => Row.ResourceId;
        public string? ResourceName => Row.ResourceName;
        public string? ResourceLocation => Row.ResourceLocation;

        public string? MeterId => Row.MeterId;
        public string? MeterName => Row.MeterName;
        public string? MeterCategory => Row.MeterCategory;
        public string? MeterSubCategory => Row.MeterSubCategory;
        public string? MeterRegion => Row.MeterRegion;
        public string? ProductName => Row.ProductName;
        public decimal Quantity => Row.Quantity;
        public string? UnitOfMeasure => Row.UnitOfMeasure;

        public decimal? EffectivePrice => Row.EffectivePrice;
        public decimal? UnitPrice => Row.UnitPrice;
        public decimal? PayGPrice => Row.PayGPrice;
        /// <summary>Cost in the billing currency, as Cost Management gives it.</summary>
        public decimal Cost => Row.Cost;
        public decimal? CostInUsd => Row.CostInUsd;
        public decimal? PayGCost => Row.PayGCost;
        public string? Currency => Row.Currency;

        public string? ChargeType => Row.ChargeType;
        public string? Frequency => Row.Frequency;
        public string? PricingModel => Row.PricingModel;
        public string? ReservationId => Row.ReservationId;
        public string? ReservationName => Row.ReservationName;
        public string? BenefitId => Row.BenefitId;
        public string? BenefitName => Row.BenefitName;

        public TagCollection Tags => _tags ??= new TagCollection(Row.Tags);
        public TagCollection AdditionalInfo => _additionalInfo ??= new TagCollection(Row.AdditionalInfo);

        public string? InvoiceId => Row.InvoiceId;
        public string? BillingPeriodId => Row.BillingPeriodId;
        public DateTime? BillingPeriodStartDate => Row.BillingPeriodStartDate;
        public DateTime? BillingPeriodEndDate => Row.BillingPeriodEndDate;
        public string? BillingAccountId => Row.BillingAccountId;
        public string? BillingAccountName => Row.BillingAccountName;
        public string? BillingProfileId => Row.BillingProfileId;
        public string? BillingProfileName => Row.BillingProfileName;
        public string? InvoiceSectionId => Row.InvoiceSectionId;
        public string? InvoiceSectionName => Row.InvoiceSectionName;

        /// <summary>Every column of the report as written, by name (case-insensitive), the schema-specific ones included.</summary>
        public IReadOnlyDictionary<string, string> Columns => Row.Columns;
    }
}
