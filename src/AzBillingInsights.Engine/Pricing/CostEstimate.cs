using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>The result of rating usage against a card (or of totalling Cost Details rows): groups, totals, and what could not be priced.</summary>
    public sealed class CostEstimate
    {
        internal CostEstimate(
            IReadOnlyList<GroupDimension> groupBy,
            IReadOnlyList<CostGroup> groups,
            string currency,
            long rowCount,
            IReadOnlyList<UnratedMeter> unratedMeters,
            IReadOnlyList<DeprecatedMeterUsage> deprecatedMeters,
            IReadOnlyList<CreditUsage> credits,
            IReadOnlyList<RecurringChargeDue> recurringCharges,
            CostBasis basis = CostBasis.Estimate)
        {
            Basis = basis;
            GroupBy = groupBy;
            Groups = groups;
            Currency = currency;
            RowCount = rowCount;
            UnratedMeters = unratedMeters;
            DeprecatedMeters = deprecatedMeters;
            Credits = credits;
            RecurringCharges = recurringCharges;
            foreach (CostGroup group in groups)
            {
                if (group.Unrated)
                {
                    UnratedRowCount += group.RowCount;
                    continue;
                }

                TotalCost += group.Cost!.Value;
                TotalCostBeforeOfferTerms += group.CostBeforeOfferTerms!.Value;
                TotalDiscount += group.Discount;
                TotalCreditApplied += group.CreditApplied;
            }
        }

        /// <summary>Estimate for rated usage; ActualCost or AmortizedCost for Cost Details rows totalled as given.</summary>
        public CostBasis Basis { get; }
        public IReadOnlyList<GroupDimension> GroupBy { get; }
        /// <summary>Ordered by key values, then time, rated before unrated.</summary>
        public IReadOnlyList<CostGroup> Groups { get; }
        public string Currency { get; }
        /// <summary>Sum of the rated groups' costs: exactly what the groups add up to. Unrounded.</summary>
        public decimal TotalCost { get; }
        public decimal TotalCostBeforeOfferTerms { get; }
        public decimal TotalDiscount { get; }
        public decimal TotalCreditApplied { get; }
        /// <summary><see cref="TotalCost"/> rounded to the currency's minor unit for display.</summary>
        public decimal RoundedTotalCost => CurrencyRounding.Round(TotalCost, Currency);
        public long RowCount { get; }
        /// <summary>Rows whose meter the card lacks; their cost is not in <see cref="TotalCost"/>.</summary>
        public long UnratedRowCount { get; }
        public IReadOnlyList<UnratedMeter> UnratedMeters { get; }
        public IReadOnlyList<DeprecatedMeterUsage> DeprecatedMeters { get; }
        /// <summary>Monetary credit per subscription and billing period with usage.</summary>
        public IReadOnlyList<CreditUsage> Credits { get; }
        /// <summary>Recurring charges of the offer per subscription and billing period with usage; not in <see cref="TotalCost"/>.</summary>
        public IReadOnlyList<RecurringChargeDue> RecurringCharges { get; }
    }

    /// <summary>A meter used by the rows but missing from the card, with what was used.</summary>
    public sealed class UnratedMeter
    {
        internal UnratedMeter(string meterId, string meterName, string meterCategory, string meterSubCategory, string meterRegion, string unit, decimal quantity, long rowCount)
        {
            MeterId = meterId;
            MeterName = meterName;
            MeterCategory = meterCategory;
            MeterSubCategory = meterSubCategory;
            MeterRegion = meterRegion;
            Unit = unit;
            Quantity = quantity;
            RowCount = rowCount;
        }

        public string MeterId { get; }
        public string MeterName { get; }
        public string MeterCategory { get; }
        public string MeterSubCategory { get; }
        public string MeterRegion { get; }
        public string Unit { get; }
        public decimal Quantity { get; }
        public long RowCount { get; }
    }

    /// <summary>Usage on a meter the card marks Deprecated: priced, but worth a warning.</summary>
    public sealed class DeprecatedMeterUsage
    {
        internal DeprecatedMeterUsage(Meter meter, decimal quantity, long rowCount)
        {
            Meter = meter;
            Quantity = quantity;
            RowCount = rowCount;
        }

        public Meter Meter { get; }
        public decimal Quantity { get; }
        public long RowCount { get; }
    }

    /// <summary>The monetary credit of one subscription in one billing period and how much of it the usage drew.</summary>
    public sealed class CreditUsage
    {
        internal CreditUsage(string subscriptionId, DateTimeOffset periodStart, DateTimeOffset periodEnd, decimal credit, decimal applied)
        {
            SubscriptionId = subscriptionId;
            PeriodStart = periodStart;
            PeriodEnd = periodEnd;
            Credit = credit;
            Applied = applied;
        }

        public string SubscriptionId { get; }
        public DateTimeOffset PeriodStart { get; }
        public DateTimeOffset PeriodEnd { get; }
        public decimal Credit { get; }
        public decimal Applied { get; }
        public decimal Remaining => Credit - Applied;
    }

    /// <summary>An offer's recurring charge for one subscription and billing period.</summary>
    public sealed class RecurringChargeDue
    {
        internal RecurringChargeDue(string subscriptionId, DateTimeOffset periodStart, DateTimeOffset periodEnd, decimal amount)
        {
            SubscriptionId = subscriptionId;
            PeriodStart = periodStart;
            PeriodEnd = periodEnd;
            Amount = amount;
        }

        public string SubscriptionId { get; }
        public DateTimeOffset PeriodStart { get; }
        public DateTimeOffset PeriodEnd { get; }
        public decimal Amount { get; }
    }
}
