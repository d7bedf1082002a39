using System;
using System.Runtime.CompilerServices;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>Turns one row's raw values into a <see cref="CostRow"/> through the header's <see cref="CostColumnMap"/>.</summary>
    internal static class CostRowMapper
    {
        /// <exception cref="CostDetailsFormatException">A value is not what its column holds; the message names the row and the column.</exception>
        [MethodImpl(JitHints.HotPath)]
        internal static CostRow Map(CostColumnMap map, string[] values, CostMetric? metric, long line, CostValueCache cache)
        {
            CostColumn current = CostColumn.Date;
            try
            {
                [MethodImpl(JitHints.HotPath)]
                string? Text(CostColumn column)
                {
                    int ordinal = map[column];
                    return ordinal < 0 || CostFieldParser.IsEmpty(values[ordinal]) ? null : values[ordinal];
                }

                [MethodImpl(JitHints.HotPath)]
                string Raw(CostColumn column)
                {
                    current = column;
                    int ordinal = map[column];
                    return ordinal < 0 ? string.Empty : values[ordinal];
                }

                return new CostRow
                {
                    Schema = map.Schema,
                    Metric = metric,
                    Date = cache.Date(CostColumn.Date, Raw(CostColumn.Date)),
                    BillingAccountId = Text(CostColumn.BillingAccountId),
                    BillingAccountName = Text(CostColumn.BillingAccountName),
                    BillingProfileId = Text(CostColumn.BillingProfileId),
                    BillingProfileName = Text(CostColumn.BillingProfileName),
                    InvoiceSectionId = Text(CostColumn.InvoiceSectionId),
                    InvoiceSectionName = Text(CostColumn.InvoiceSectionName),
                    InvoiceId = Text(CostColumn.InvoiceId),
                    BillingPeriodStartDate = cache.OptionalDate(CostColumn.BillingPeriodStartDate, Raw(CostColumn.BillingPeriodStartDate)),
                    BillingPeriodEndDate = cache.OptionalDate(CostColumn.BillingPeriodEndDate, Raw(CostColumn.BillingPeriodEndDate)),
                    SubscriptionId = Text(CostColumn.SubscriptionId),
                    SubscriptionName = Text(CostColumn.SubscriptionName),
                    ResourceGroup = Text(CostColumn.ResourceGroup),
                    ResourceId = Text(CostColumn.ResourceId),
                    ResourceName = Text(CostColumn.ResourceName),
                    ResourceLocation = Text(CostColumn.ResourceLocation),
                    MeterId = Text(CostColumn.MeterId),
                    MeterName = Text(CostColumn.MeterName),
                    MeterCategory = Text(CostColumn.MeterCategory),
                    MeterSubCategory = Text(CostColumn.MeterSubCategory),
                    MeterRegion = Text(CostColumn.MeterRegion),
                    ProductName = Text(CostColumn.ProductName),
                    Quantity = CostFieldParser.ParseOptionalDecimal(Raw(CostColumn.Quantity)) ?? 0m,
                    UnitOfMeasure = Text(CostColumn.UnitOfMeasure),
                    EffectivePrice = CostFieldParser.ParseOptionalDecimal(Raw(CostColumn.EffectivePrice)),
                    UnitPrice = CostFieldParser.ParseOptionalDecimal(Raw(CostColumn.UnitPrice)),
                    PayGPrice = CostFieldParser.ParseOptionalDecimal(Raw(CostColumn.PayGPrice)),
                    Cost = CostFieldParser.ParseDecimal(Raw(CostColumn.Cost)),
                    CostInUsd = CostFieldParser.ParseOptionalDecimal(Raw(CostColumn.CostInUsd)),
                    PayGCost = CostFieldParser.ParseOptionalDecimal(Raw(CostColumn.PayGCost)),
                    Currency = Text(CostColumn.Currency),
                    ChargeType = Text(CostColumn.ChargeType),
                    Frequency = Text(CostColumn.Frequency),
                    PricingModel = Text(CostColumn.PricingModel),
                    ReservationId = Text(CostColumn.ReservationId),
                    ReservationName = Text(CostColumn.ReservationName),
                    BenefitId = Text(CostColumn.BenefitId),
                    BenefitName = Text(CostColumn.BenefitName),
                    Tags = cache.Object(CostColumn.Tags, Raw(CostColumn.Tags)),
                    AdditionalInfo = cache.Object(CostColumn.AdditionalInfo, Raw(CostColumn.AdditionalInfo)),
                    Columns = new CostRowColumns(map, values),
                };
            }
            catch (FormatException e)
            {
                int ordinal = map[current];
                string column = ordinal < 0 ? current.ToString() : map.Header[ordinal];
                throw new CostDetailsFormatException($"Row {line} of the cost report, column {column}: {e.Message}");
            }
        }
    }
}
