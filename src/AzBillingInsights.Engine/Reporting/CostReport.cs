using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Forecasting;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>
    /// Everything a cost report shows, already computed: the renderer only formats it. Amounts are the unrounded
    /// costs after offer terms (what <c>Measure-AzEstimatedCost</c> reports), or Cost Details' cost as given, so
    /// every breakdown adds up to the total.
    /// </summary>
    public sealed class CostReport
    {
        internal CostReport(
            CostReportOptions options,
            CostBasis basis,
            string currency,
            PriceList? rateCard,
            IReadOnlyList<string> subscriptionIds,
            DateTime firstDay,
            DateTime lastDay,
            CostTotals totals,
            PeriodForecast? forecast,
            IReadOnlyList<ForecastDay> daily,
            IReadOnlyList<SpendShare> byMeterCategory,
            IReadOnlyList<SpendShare> byResourceGroup,
            IReadOnlyList<SpendShare> byTag,
            IReadOnlyList<ResourceSpend> topResources,
            IReadOnlyList<SpendMover> movers,
            int moverDays,
            IReadOnlyList<CostAnomaly> anomalies)
        {
            Title = options.Title;
            Generator = options.Generator;
            GeneratedAt = options.GeneratedAt;
            Budget = options.Budget;
            TagName = options.TagName;
            Basis = basis;
            Currency = currency;
            RateCard = rateCard;
            SubscriptionIds = subscriptionIds;
            FirstDay = firstDay;
            LastDay = lastDay;
            Totals = totals;
            Forecast = forecast;
            Daily = daily;
            ByMeterCategory = byMeterCategory;
            ByResourceGroup = byResourceGroup;
            ByTag = byTag;
            TopResources = topResources;
            Movers = movers;
            MoverDays = moverDays;
            Anomalies = anomalies;
        }

        public string Title { get; }
        public string Generator { get; }
        public DateTimeOffset GeneratedAt { get; }
        public decimal? Budget { get; }
        /// <summary>The tag spend is broken down by; null when none was asked for.</summary>
        public string? TagName { get; }
        /// <summary>Estimate for usage priced here; ActualCost or AmortizedCost for Cost Details rows taken as given.</summary>
        public CostBasis Basis { get; }
        /// <summary>The card the usage was priced with; null for Cost Details rows, which are never priced.</summary>
        public PriceList? RateCard { get; }
        /// <summary>The card's currency, or the Cost Details rows' billing currency.</summary>
        public string Currency { get; }
        public IReadOnlyList<string> SubscriptionIds { get; }
        /// <summary>First and last UTC day of usage in the report.</summary>
        public DateTime FirstDay { get; }
        public DateTime LastDay { get; }
        public CostTotals Totals { get; }
        /// <summary>The billing period holding <see cref="LastDay"/>; null without usage.</summary>
        public PeriodForecast? Forecast { get; }
        /// <summary>Every day of the report, then the predicted days left in the forecast period.</summary>
        public IReadOnlyList<ForecastDay> Daily { get; }
        public IReadOnlyList<SpendShare> ByMeterCategory { get; }
        public IReadOnlyList<SpendShare> ByResourceGroup { get; }
        /// <summary>Empty when no tag was asked for.</summary>
        public IReadOnlyList<SpendShare> ByTag { get; }
        public IReadOnlyList<ResourceSpend> TopResources { get; }
        public IReadOnlyList<SpendMover> Movers { get; }
        /// <summary>Days in each of the two runs the movers compare (the latest days against as many before).</summary>
        public int MoverDays { get; }
        /// <summary>Anomalous days of single resources, largest impact first; their Group is the resource id.</summary>
        public IReadOnlyList<CostAnomaly> Anomalies { get; }
    }

    /// <summary>The report's sums and what could not be priced.</summary>
    public sealed class CostTotals
    {
        internal CostTotals(decimal total, decimal beforeOfferTerms, decimal discount, decimal creditApplied, decimal recurringCharges, long rowCount, long unratedRowCount, int unratedMeterCount)
        {
            Total = total;
            BeforeOfferTerms = beforeOfferTerms;
            Discount = discount;
            CreditApplied = creditApplied;
            RecurringCharges = recurringCharges;
            RowCount = rowCount;
            UnratedRowCount = unratedRowCount;
            UnratedMeterCount = unratedMeterCount;
        }

        /// <summary>Cost after offer terms, unrounded; equals Measure-AzEstimatedCost's total for the same rows.</summary>
        public decimal Total { get; }
        public decimal BeforeOfferTerms { get; }
        public decimal Discount { get; }
        public decimal CreditApplied { get; }
        /// <summary>The offer's recurring charges for the periods with usage; not in <see cref="Total"/>.</summary>
        public decimal RecurringCharges { get; }
        public long RowCount { get; }
        public long UnratedRowCount { get; }
        public int UnratedMeterCount { get; }
    }

    /// <summary>A group's spend and its share of the total; <see cref="IsRest"/> marks "the rest" after the top groups.</summary>
    public sealed class SpendShare
    {
        internal SpendShare(string label, decimal cost, double share, bool isRest, int groupCount)
        {
            Label = label;
            Cost = cost;
            Share = share;
            IsRest = isRest;
            GroupCount = groupCount;
        }

        public string Label { get; }
        public decimal Cost { get; }
        /// <summary>Fraction of the report's total (0 when the total is zero).</summary>
        public double Share { get; }
        public bool IsRest { get; }
        /// <summary>1 for a group; the number of groups folded into "the rest".</summary>
        public int GroupCount { get; }
    }

    /// <summary>One resource's spend in the report.</summary>
    public sealed class ResourceSpend
    {
        internal ResourceSpend(string resourceId, string name, string resourceGroup, string mainMeterCategory, decimal cost, double share)
        {
            ResourceId = resourceId;
            Name = name;
            ResourceGroup = resourceGroup;
            MainMeterCategory = mainMeterCategory;
            Cost = cost;
            Share = share;
        }

        public string ResourceId { get; }
        public string Name { get; }
        public string ResourceGroup { get; }
        /// <summary>The meter category of most of the resource's cost.</summary>
        public string MainMeterCategory { get; }
        public decimal Cost { get; }
        public double Share { get; }
    }

    /// <summary>A resource whose spend changed most between two equal runs of days at the end of the report.</summary>
    public sealed class SpendMover
    {
        internal SpendMover(string resourceId, string name, string resourceGroup, decimal previous, decimal current)
        {
            ResourceId = resourceId;
            Name = name;
            ResourceGroup = resourceGroup;
            Previous = previous;
            Current = current;
        }

        public string ResourceId { get; }
        public string Name { get; }
        public string ResourceGroup { get; }
        public decimal Previous { get; }
        public decimal Current { get; }
        public decimal Change => Current - Previous;
        /// <summary>Relative change; null when there was no spend before.</summary>
        public double? ChangeRatio => Previous == 0m ? (double?)null : (double)(Change / Previous);
    }
}
