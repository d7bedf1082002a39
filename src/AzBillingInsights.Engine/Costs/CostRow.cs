using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.IO;
using AzBillingInsights.Engine.Json;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// One row of a Cost Details report (or a cost export), in either schema, mapped to one set of names. Cost is
    /// what Cost Management charged (actual) or spread (amortized): it is never re-rated. Columns a schema lacks
    /// are null; every column as written stays readable through <see cref="Columns"/>.
    /// Numbers, dates, tags and additional info are parsed as the row is read, so a bad value is an error of the read;
    /// text columns are kept as the report's bytes and decoded when asked for, as most rows are counted, summed or
    /// filtered on a few columns and never shown whole.
    /// </summary>
    public sealed class CostRow
    {
        private readonly CostColumnMap _map;
        private readonly CsvRecord _record;

        internal CostRow(CostColumnMap map, CsvRecord record)
        {
            _map = map;
            _record = record;
        }

        public CostDetailsSchema Schema => _map.Schema;
        /// <summary>Set when the row came from a Cost Details report (which says which metric it asked for).</summary>
        public CostMetric? Metric { get; internal init; }

        public DateTime Date { get; internal init; }
        public string? BillingAccountId => Text(CostColumn.BillingAccountId);
        public string? BillingAccountName => Text(CostColumn.BillingAccountName);
        public string? BillingProfileId => Text(CostColumn.BillingProfileId);
        public string? BillingProfileName => Text(CostColumn.BillingProfileName);
        public string? InvoiceSectionId => Text(CostColumn.InvoiceSectionId);
        public string? InvoiceSectionName => Text(CostColumn.InvoiceSectionName);
        /// <summary>MCA only; EA rows are invoiced by billing period.</summary>
        public string? InvoiceId => Text(CostColumn.InvoiceId);
        public DateTime? BillingPeriodStartDate { get; internal init; }
        public DateTime? BillingPeriodEndDate { get; internal init; }
        /// <summary>The billing period as the API names it (<c>yyyyMM</c>), from its start date.</summary>
        public string? BillingPeriodId => BillingPeriodStartDate?.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);

        public string? SubscriptionId => Text(CostColumn.SubscriptionId);
        public string? SubscriptionName => Text(CostColumn.SubscriptionName);
        public string? ResourceGroup => Text(CostColumn.ResourceGroup);
        public string? ResourceId => Text(CostColumn.ResourceId);
        public string? ResourceName => Text(CostColumn.ResourceName);
        /// <summary>The resource's region as the export writes it (e.g. <c>EastUS2</c>, <c>uksouth</c>).</summary>
        public string? ResourceLocation => Text(CostColumn.ResourceLocation);

        public string? MeterId => Text(CostColumn.MeterId);
        public string? MeterName => Text(CostColumn.MeterName);
        public string? MeterCategory => Text(CostColumn.MeterCategory);
        public string? MeterSubCategory => Text(CostColumn.MeterSubCategory);
        public string? MeterRegion => Text(CostColumn.MeterRegion);
        public string? ProductName => Text(CostColumn.ProductName);
        public decimal Quantity { get; internal init; }
        public string? UnitOfMeasure => Text(CostColumn.UnitOfMeasure);

        /// <summary>The price actually paid per unit, after negotiated discounts (and, amortized, reservations).</summary>
        public decimal? EffectivePrice { get; internal init; }
        /// <summary>The price sheet's unit price for this agreement.</summary>
        public decimal? UnitPrice { get; internal init; }
        /// <summary>The retail (pay-as-you-go) price of the same meter.</summary>
        public decimal? PayGPrice { get; internal init; }
        /// <summary>Cost in the billing currency, as given by Cost Management.</summary>
        public decimal Cost { get; internal init; }
        /// <summary>MCA: the same cost in US dollars.</summary>
        public decimal? CostInUsd { get; internal init; }
        /// <summary>MCA: the cost at retail prices in the billing currency.</summary>
        public decimal? PayGCost { get; internal init; }
        public string? Currency => Text(CostColumn.Currency);

        public string? ChargeType => Text(CostColumn.ChargeType);
        public string? Frequency => Text(CostColumn.Frequency);
        public string? PricingModel => Text(CostColumn.PricingModel);
        public string? ReservationId => Text(CostColumn.ReservationId);
        public string? ReservationName => Text(CostColumn.ReservationName);
        public string? BenefitId => Text(CostColumn.BenefitId);
        public string? BenefitName => Text(CostColumn.BenefitName);

        /// <summary>The resource's tags, case-insensitive keys; empty when none.</summary>
        public IReadOnlyDictionary<string, string> Tags { get; internal init; } = JsonStringMap.Empty;
        public IReadOnlyDictionary<string, string> AdditionalInfo { get; internal init; } = JsonStringMap.Empty;

        /// <summary>Every column of the row as written, by header name (case-insensitive), the schema-specific ones included.</summary>
        public IReadOnlyDictionary<string, string> Columns => new CostRowColumns(_map, _record);

        /// <summary>The column's text; null when the layout has no such column or the cell is empty (or NULL).</summary>
        private string? Text(CostColumn column)
        {
            int ordinal = _map[column];
            if (ordinal < 0)
            {
                return null;
            }

            string text = _record.Text(ordinal);
            return CostFieldParser.IsEmpty(text) ? null : text;
        }
    }
}
