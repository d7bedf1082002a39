namespace AzBillingInsights
{
    /// <summary>What -CompareTo sets Cost Details rows' negotiated prices against.</summary>
    public enum ListPriceSource
    {
        /// <summary>The public pay-as-you-go prices of the Retail Prices API, in the rows' billing currency.</summary>
        RetailPrices,
    }

    /// <summary>Whether a meter's usage could be priced at list: without a list price, or in a unit that cannot be converted, it is not compared.</summary>
    public enum ListPriceStatus
    {
        Compared,
        NoListPrice,
        UnitMismatch,
    }

    /// <summary>
    /// One meter of Get-AzCostDetail rows (Measure-AzEstimatedCost -CompareTo RetailPrices): what was charged against
    /// the same usage at list price. Unit prices are per the rows' unit of measure. A meter that could not be
    /// compared has no list figures (never zero) and says why in Status.
    /// </summary>
    public sealed class ListPriceComparison
    {
        internal ListPriceComparison(Engine.Costs.ListPriceComparison comparison)
        {
            MeterId = comparison.MeterId;
            MeterName = comparison.MeterName;
            MeterCategory = comparison.MeterCategory;
            MeterRegion = comparison.MeterRegion;
            UnitOfMeasure = comparison.UnitOfMeasure;
            ListUnitOfMeasure = comparison.ListUnitOfMeasure;
            Quantity = comparison.Quantity;
            RowCount = comparison.RowCount;
            EffectiveUnitPrice = comparison.EffectiveUnitPrice;
            ListUnitPrice = comparison.ListUnitPrice;
            Cost = comparison.Cost;
            ListCost = comparison.ListCost;
            Saving = comparison.Saving;
            SavingPercent = comparison.SavingPercent;
            Currency = comparison.Currency;
            CostBasis = (CostBasis)(int)comparison.Basis;
            Status = (ListPriceStatus)(int)comparison.Status;
        }

        public string MeterId { get; }
        public string MeterName { get; }
        public string MeterCategory { get; }
        public string MeterRegion { get; }
        /// <summary>The rows' unit of measure: Quantity and both unit prices are in it.</summary>
        public string UnitOfMeasure { get; }
        /// <summary>The unit the list price is quoted in (converted from, never guessed); null without a list price.</summary>
        public string? ListUnitOfMeasure { get; }
        public decimal Quantity { get; }
        public long RowCount { get; }
        /// <summary>The negotiated price actually paid: Cost / Quantity.</summary>
        public decimal? EffectiveUnitPrice { get; }
        /// <summary>The list price of the same usage per unit (graduated tiers averaged): ListCost / Quantity.</summary>
        public decimal? ListUnitPrice { get; }
        /// <summary>What was charged, as Cost Details gives it (actual or amortized, see CostBasis).</summary>
        public decimal Cost { get; }
        /// <summary>The same usage at list price; null when not compared.</summary>
        public decimal? ListCost { get; }
        /// <summary>ListCost - Cost: positive when the negotiated price beats list.</summary>
        public decimal? Saving { get; }
        /// <summary>Saving as a percentage of ListCost.</summary>
        public decimal? SavingPercent { get; }
        public string Currency { get; }
        public CostBasis CostBasis { get; }
        public ListPriceStatus Status { get; }
    }
}
