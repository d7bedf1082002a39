using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights
{
    /// <summary>What a Cost figure is: an estimate rated here, or Cost Details' actual or amortized cost taken as given.</summary>
    public enum CostBasis
    {
        Estimate,
        ActualCost,
        AmortizedCost,
    }

    /// <summary>
    /// The spend of one group as Measure-AzEstimatedCost emits it. Each -GroupBy key is also a property of its
    /// own (ResourceGroup, Day, CostCenter for Tag:CostCenter, ...), so Sort-Object, Group-Object and Export-Csv
    /// work on it directly; the default display shows the keys, Quantity, Cost and Currency.
    /// </summary>
    public sealed class EstimatedCost
    {
        private EstimatedCost(CostGroup group, IReadOnlyList<GroupDimension> groupBy, CostBasis basis)
        {
            CostBasis = basis;
            Keys = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < groupBy.Count; i++)
            {
                Keys[PropertyName(groupBy[i])] = group.Keys[i];
            }

            Date = group.BucketStart?.UtcDateTime;
            Quantity = group.Quantity;
            Cost = group.Cost;
            CostBeforeOfferTerms = group.CostBeforeOfferTerms;
            Discount = group.Discount;
            CreditApplied = group.CreditApplied;
            Currency = group.Currency;
            PeriodStart = group.PeriodStart;
            PeriodEnd = group.PeriodEnd;
            RowCount = group.RowCount;
            Unrated = group.Unrated;
            HasDeprecatedMeters = group.HasDeprecatedMeters;
            Tiers = group.Tiers is null ? null : TierBreakdown.From(group.Tiers);
        }

        /// <summary>The group key values by dimension (a tag dimension under the tag's name).</summary>
        public OrderedDictionary Keys { get; }
        /// <summary>Estimate (usage rated here), or ActualCost / AmortizedCost (Cost Details rows totalled as given).</summary>
        public CostBasis CostBasis { get; }
        /// <summary>Start (UTC) of the Hour, Day or Month bucket; null without time grouping. Get-AzCostForecast reads it.</summary>
        public DateTime? Date { get; }
        public decimal Quantity { get; }
        /// <summary>What is owed after offer terms (or, for Cost Details rows, their cost as given), unrounded; null when the meter is missing from the rate card.</summary>
        public decimal? Cost { get; }
        public decimal? CostBeforeOfferTerms { get; }
        public decimal Discount { get; }
        public decimal CreditApplied { get; }
        public string Currency { get; }
        public DateTimeOffset PeriodStart { get; }
        public DateTimeOffset PeriodEnd { get; }
        public long RowCount { get; }
        /// <summary>The rows' meter is missing from the rate card: the cost is unknown, not zero.</summary>
        public bool Unrated { get; }
        public bool HasDeprecatedMeters { get; }
        /// <summary>With -Explain: quantity and cost per meter and tier.</summary>
        public TierBreakdown[]? Tiers { get; }

        internal static PSObject Create(CostGroup group, IReadOnlyList<GroupDimension> groupBy, Engine.Pricing.CostBasis basis)
        {
            var cost = new EstimatedCost(group, groupBy, (CostBasis)(int)basis);
            return KeyedOutput.Wrap(cost, cost.Keys, group.Unrated
                ? new[] { nameof(Quantity), nameof(Cost), nameof(Currency), nameof(CostBasis), nameof(Unrated) }
                : new[] { nameof(Quantity), nameof(Cost), nameof(Currency), nameof(CostBasis) });
        }

        internal static string PropertyName(GroupDimension dimension) =>
            dimension.Kind == GroupDimensionKind.Tag ? dimension.TagName! : dimension.Name;
    }

    /// <summary>Outputs whose group keys depend on -GroupBy: each key becomes a property, and the default display shows them first.</summary>
    internal static class KeyedOutput
    {
        internal static PSObject Wrap(object output, OrderedDictionary keys, params string[] shownAfterKeys)
        {
            var wrapped = PSObject.AsPSObject(output);
            var shown = new List<string>();
            foreach (System.Collections.DictionaryEntry key in keys)
            {
                wrapped.Properties.Add(new PSNoteProperty((string)key.Key, key.Value));
                shown.Add((string)key.Key);
            }

            shown.AddRange(shownAfterKeys);
            wrapped.Members.Add(new PSMemberSet("PSStandardMembers", new PSMemberInfo[] { new PSPropertySet("DefaultDisplayPropertySet", shown) }));
            return wrapped;
        }
    }

    /// <summary>A group's usage of one tier of one meter (-Explain), for audit.</summary>
    public sealed class TierBreakdown
    {
        private TierBreakdown(TierUsage tier)
        {
            MeterId = tier.MeterId;
            MeterName = tier.MeterName;
            IsIncludedQuantity = tier.IsIncludedQuantity;
            TierStart = tier.TierStart;
            UnitPrice = tier.UnitPrice;
            Quantity = tier.Quantity;
            Cost = tier.Cost;
        }

        public string MeterId { get; }
        public string MeterName { get; }
        /// <summary>The free included quantity at the start of the period, priced at zero.</summary>
        public bool IsIncludedQuantity { get; }
        public decimal TierStart { get; }
        public decimal UnitPrice { get; }
        public decimal Quantity { get; }
        public decimal Cost { get; }

        internal static TierBreakdown[] From(IReadOnlyList<TierUsage> tiers)
        {
            var breakdown = new TierBreakdown[tiers.Count];
            for (int i = 0; i < breakdown.Length; i++)
            {
                breakdown[i] = new TierBreakdown(tiers[i]);
            }

            return breakdown;
        }
    }

    /// <summary>What-if: one group's cost now and under an alternative region or offer.</summary>
    public sealed class CostComparison
    {
        internal static PSObject Create(Engine.Pricing.CostComparison comparison, IReadOnlyList<GroupDimension> groupBy)
        {
            var result = new CostComparison(comparison, groupBy);
            return KeyedOutput.Wrap(result, result.Keys, nameof(Alternative), nameof(Cost), nameof(AlternativeCost), nameof(Difference), nameof(Currency), nameof(IsAvailable));
        }

        private CostComparison(Engine.Pricing.CostComparison comparison, IReadOnlyList<GroupDimension> groupBy)
        {
            Alternative = comparison.Alternative;
            Keys = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < groupBy.Count; i++)
            {
                Keys[EstimatedCost.PropertyName(groupBy[i])] = comparison.Keys[i];
            }

            Cost = comparison.Cost;
            Currency = comparison.Currency;
            AlternativeCost = comparison.AlternativeCost;
            AlternativeCurrency = comparison.AlternativeCurrency;
            Difference = comparison.Difference;
            IsAvailable = comparison.IsAvailable;
            UnavailableQuantity = comparison.UnavailableQuantity;
        }

        /// <summary>The alternative, e.g. "Region EU West" or "Offer MS-AZR-0059P".</summary>
        public string Alternative { get; }
        public OrderedDictionary Keys { get; }
        public decimal? Cost { get; }
        public string Currency { get; }
        public decimal? AlternativeCost { get; }
        public string AlternativeCurrency { get; }
        /// <summary>AlternativeCost - Cost; null when either is unknown or the currencies differ.</summary>
        public decimal? Difference { get; }
        /// <summary>False when some meters have no equivalent in the alternative.</summary>
        public bool IsAvailable { get; }
        public decimal UnavailableQuantity { get; }
    }
}
