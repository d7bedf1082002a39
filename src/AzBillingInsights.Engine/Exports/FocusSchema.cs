using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Exports
{
    public enum FocusColumnKind
    {
        String,
        /// <summary>Money and quantities: DECIMAL(38, 18) in Parquet, never float.</summary>
        Decimal,
        /// <summary>A UTC instant.</summary>
        Timestamp,
    }

    /// <summary>One column of the export: its FOCUS (or x_-prefixed Azure) name, its kind and how a row fills it.</summary>
    public sealed class FocusColumn
    {
        private FocusColumn(string name, FocusColumnKind kind, bool isMandatory, Func<FocusRow, object?> value)
        {
            Name = name;
            Kind = kind;
            IsMandatory = isMandatory;
            Value = value;
        }

        public string Name { get; }
        public FocusColumnKind Kind { get; }
        /// <summary>Mandatory in FOCUS 1.2; the others are Conditional columns the data supports, or Azure's x_ columns.</summary>
        public bool IsMandatory { get; }
        internal Func<FocusRow, object?> Value { get; }

        internal string? StringOf(FocusRow row) => (string?)Value(row);
        internal decimal? DecimalOf(FocusRow row) => (decimal?)Value(row);
        internal DateTimeOffset? TimestampOf(FocusRow row) => (DateTimeOffset?)Value(row);

        internal static FocusColumn Text(string name, bool mandatory, Func<FocusRow, string?> value) =>
            new FocusColumn(name, FocusColumnKind.String, mandatory, value);

        internal static FocusColumn Money(string name, bool mandatory, Func<FocusRow, decimal?> value) =>
            new FocusColumn(name, FocusColumnKind.Decimal, mandatory, r => value(r));

        internal static FocusColumn Time(string name, bool mandatory, Func<FocusRow, DateTimeOffset?> value) =>
            new FocusColumn(name, FocusColumnKind.Timestamp, mandatory, r => value(r));
    }

    /// <summary>
    /// The exported columns, in file order: every FOCUS 1.2 Mandatory column, the Conditional ones usage data
    /// supports, and Azure's own columns with the x_ prefix as Microsoft's FOCUS conversion writes them. The one
    /// place the FOCUS mapping lives (FOCUS 1.3 renames ProviderName and PublisherName).
    /// </summary>
    public static class FocusSchema
    {
        /// <summary>The FOCUS version the columns follow.</summary>
        public const string Version = "1.2";

        public static IReadOnlyList<FocusColumn> Columns { get; } = new[]
        {
            FocusColumn.Money("BilledCost", true, r => r.BilledCost),
            FocusColumn.Text("BillingAccountId", true, r => r.BillingAccountId),
            FocusColumn.Text("BillingAccountName", true, r => r.BillingAccountName),
            FocusColumn.Text("BillingCurrency", true, r => r.BillingCurrency),
            FocusColumn.Time("BillingPeriodEnd", true, r => r.BillingPeriodEnd),
            FocusColumn.Time("BillingPeriodStart", true, r => r.BillingPeriodStart),
            FocusColumn.Text("ChargeCategory", true, r => r.ChargeCategory),
            FocusColumn.Text("ChargeClass", true, r => r.ChargeClass),
            FocusColumn.Text("ChargeDescription", true, r => r.ChargeDescription),
            FocusColumn.Text("ChargeFrequency", false, r => r.ChargeFrequency),
            FocusColumn.Time("ChargePeriodEnd", true, r => r.ChargePeriodEnd),
            FocusColumn.Time("ChargePeriodStart", true, r => r.ChargePeriodStart),
            FocusColumn.Money("ConsumedQuantity", false, r => r.ConsumedQuantity),
            FocusColumn.Text("ConsumedUnit", false, r => r.ConsumedUnit),
            FocusColumn.Money("ContractedCost", true, r => r.ContractedCost),
            FocusColumn.Money("ContractedUnitPrice", false, r => r.ContractedUnitPrice),
            FocusColumn.Money("EffectiveCost", true, r => r.EffectiveCost),
            FocusColumn.Text("InvoiceIssuerName", true, _ => "Microsoft"),
            FocusColumn.Money("ListCost", true, r => r.ListCost),
            FocusColumn.Money("ListUnitPrice", false, r => r.ListUnitPrice),
            FocusColumn.Money("PricingQuantity", true, r => r.PricingQuantity),
            FocusColumn.Text("PricingUnit", true, r => r.PricingUnit),
            FocusColumn.Text("ProviderName", true, _ => "Microsoft"),
            FocusColumn.Text("PublisherName", true, _ => "Microsoft"),
            FocusColumn.Text("RegionId", false, r => r.RegionId),
            FocusColumn.Text("RegionName", false, r => r.RegionName),
            FocusColumn.Text("ResourceId", false, r => r.ResourceId),
            FocusColumn.Text("ResourceName", false, r => r.ResourceName),
            FocusColumn.Text("ResourceType", false, r => r.ResourceType),
            FocusColumn.Text("ServiceCategory", true, r => r.ServiceCategory),
            FocusColumn.Text("ServiceName", true, r => r.ServiceName),
            FocusColumn.Text("SkuId", false, r => r.SkuId),
            FocusColumn.Text("SkuPriceId", false, r => r.SkuPriceId),
            FocusColumn.Text("SubAccountId", false, r => r.SubAccountId),
            FocusColumn.Text("SubAccountName", false, r => r.SubAccountName),
            FocusColumn.Text("Tags", false, r => r.Tags),
            FocusColumn.Text("x_CostSource", false, r => r.CostSource),
            FocusColumn.Text("x_MeterCategory", false, r => r.MeterCategory),
            FocusColumn.Text("x_MeterId", false, r => r.MeterId),
            FocusColumn.Text("x_MeterRegion", false, r => r.MeterRegion),
            FocusColumn.Text("x_MeterSubCategory", false, r => r.MeterSubCategory),
            FocusColumn.Text("x_ResourceGroupName", false, r => r.ResourceGroupName),
            FocusColumn.Text("x_SubscriptionId", false, r => r.SubscriptionId),
        };
    }
}
