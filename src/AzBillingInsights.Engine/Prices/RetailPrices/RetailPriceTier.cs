namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>One graduated tier of a retail price: from <see cref="MinimumUnits"/> on (in the item's unit of measure), each unit costs <see cref="UnitPrice"/>.</summary>
    public sealed class RetailPriceTier
    {
        public RetailPriceTier(decimal minimumUnits, decimal unitPrice, decimal retailPrice)
        {
            MinimumUnits = minimumUnits;
            UnitPrice = unitPrice;
            RetailPrice = retailPrice;
        }

        /// <summary>The item's <c>tierMinimumUnits</c>.</summary>
        public decimal MinimumUnits { get; }

        public decimal UnitPrice { get; }

        /// <summary>The undiscounted list price; the same as <see cref="UnitPrice"/> for retail customers.</summary>
        public decimal RetailPrice { get; }

        public override string ToString() => $"{MinimumUnits}: {UnitPrice}";
    }
}
