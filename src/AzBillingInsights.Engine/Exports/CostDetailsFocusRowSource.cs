using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Costs;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>
    /// Cost Management's own cost rows (Cost Details API, EA and MCA), one report per partition's calendar month, mapped to
    /// FOCUS as Microsoft's conversion does: ChargeType to ChargeCategory, the EA billing account or the MCA billing profile
    /// as BillingAccountId, and in amortized data usage covered by a reservation or savings plan billed at 0.
    /// </summary>
    public sealed class CostDetailsFocusRowSource : IFocusRowSource
    {
        /// <summary>Reads the rows of one report.</summary>
        public delegate IAsyncEnumerable<CostRow> ReportSource(CostReportSpec report, CancellationToken cancellationToken);

        private readonly CostMetric _metric;
        private readonly ReportSource _read;

        public CostDetailsFocusRowSource(CostMetric metric, ReportSource read)
        {
            _metric = metric;
            _read = read;
            Name = "CostDetails:" + metric;
        }

        public string Name { get; }

        /// <summary>Cost Details reports cover calendar months.</summary>
        public int BillingPeriodStartDay => 1;

        public async IAsyncEnumerable<FocusRow> ReadAsync(PartitionManifest partition, Action? rowRead, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            // The API's end date is the last day, inclusive.
            IReadOnlyList<CostReportSpec> reports = CostReportSpec.Plan(
                "/subscriptions/" + partition.SubscriptionId, _metric, partition.From.UtcDateTime, partition.To.UtcDateTime.AddDays(-1), null, null);
            foreach (CostReportSpec report in reports)
            {
                await foreach (CostRow row in _read(report, cancellationToken).ConfigureAwait(false))
                {
                    rowRead?.Invoke();
                    yield return ToFocus(row, partition);
                }
            }
        }

        internal FocusRow ToFocus(CostRow row, PartitionManifest partition)
        {
            var chargeStart = new DateTimeOffset(DateTime.SpecifyKind(row.Date.Date, DateTimeKind.Utc));
            DateTimeOffset periodStart = row.BillingPeriodStartDate is DateTime start ? new DateTimeOffset(DateTime.SpecifyKind(start.Date, DateTimeKind.Utc)) : partition.BillingPeriodStart;
            DateTimeOffset periodEnd = row.BillingPeriodEndDate is DateTime end ? new DateTimeOffset(DateTime.SpecifyKind(end.Date, DateTimeKind.Utc)).AddDays(1) : partition.BillingPeriodEnd;
            bool coveredByCommitment = _metric == CostMetric.AmortizedCost
                && (IsCommitment(row.PricingModel) || string.Equals(row.ChargeType, "UnusedReservation", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(row.ChargeType, "UnusedSavingsPlan", StringComparison.OrdinalIgnoreCase));
            decimal listCost = row.PayGPrice is decimal payg ? payg * row.Quantity : row.PayGCost ?? row.Cost;
            decimal contractedCost = row.UnitPrice is decimal unit ? unit * row.Quantity : row.Cost;
            string subscription = row.SubscriptionId ?? partition.SubscriptionId;
            return new FocusRow
            {
                BilledCost = coveredByCommitment ? 0m : row.Cost,
                EffectiveCost = row.Cost,
                ListCost = listCost,
                ContractedCost = contractedCost,
                ListUnitPrice = row.PayGPrice,
                ContractedUnitPrice = row.UnitPrice,
                BillingAccountId = row.BillingProfileId ?? row.BillingAccountId ?? "/subscriptions/" + subscription,
                BillingAccountName = row.BillingProfileName ?? row.BillingAccountName ?? subscription,
                BillingCurrency = row.Currency ?? string.Empty,
                BillingPeriodStart = periodStart,
                BillingPeriodEnd = periodEnd,
                ChargeCategory = ChargeCategoryOf(row.ChargeType),
                ChargeClass = string.Equals(row.ChargeType, "Refund", StringComparison.OrdinalIgnoreCase) ? "Correction" : null,
                ChargeDescription = row.MeterName ?? row.ProductName ?? row.ChargeType ?? string.Empty,
                ChargeFrequency = ChargeFrequencyOf(row.Frequency),
                ChargePeriodStart = chargeStart,
                ChargePeriodEnd = chargeStart.AddDays(1),
                ConsumedQuantity = row.Quantity,
                ConsumedUnit = row.UnitOfMeasure,
                PricingQuantity = row.Quantity,
                PricingUnit = row.UnitOfMeasure,
                RegionId = row.ResourceLocation?.ToLowerInvariant(),
                RegionName = row.MeterRegion,
                ResourceId = row.ResourceId,
                ResourceName = row.ResourceName,
                ServiceCategory = ServiceCategories.Of(row.MeterCategory),
                ServiceName = row.MeterCategory ?? string.Empty,
                SkuId = row.MeterId,
                SkuPriceId = row.MeterId,
                SubAccountId = "/subscriptions/" + subscription,
                SubAccountName = row.SubscriptionName ?? subscription,
                Tags = JsonSerializer.Serialize(row.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)),
                ResourceGroupName = row.ResourceGroup,
                SubscriptionId = subscription,
                MeterId = row.MeterId ?? string.Empty,
                MeterCategory = row.MeterCategory,
                MeterSubCategory = row.MeterSubCategory,
                MeterRegion = row.MeterRegion,
                CostSource = Name,
            };
        }

        private static bool IsCommitment(string? pricingModel) =>
            string.Equals(pricingModel, "Reservation", StringComparison.OrdinalIgnoreCase) || string.Equals(pricingModel, "SavingsPlan", StringComparison.OrdinalIgnoreCase);

        // FOCUS 1.2 charge categories: Usage, Purchase, Tax, Credit, Adjustment.
        private static string ChargeCategoryOf(string? chargeType) => chargeType?.ToLowerInvariant() switch
        {
            "purchase" or "refund" => "Purchase",
            "tax" => "Tax",
            "roundingadjustment" => "Adjustment",
            "credit" => "Credit",
            _ => "Usage",
        };

        private static string ChargeFrequencyOf(string? frequency) => frequency?.ToLowerInvariant() switch
        {
            "onetime" => "One-Time",
            "recurring" => "Recurring",
            _ => "Usage-Based",
        };
    }
}
