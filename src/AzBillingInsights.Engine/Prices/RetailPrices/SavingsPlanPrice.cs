namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>The price per unit of measure (an hour for compute) under a savings plan of one term.</summary>
    public sealed class SavingsPlanPrice
    {
        public SavingsPlanPrice(string term, decimal unitPrice, decimal retailPrice)
        {
            Term = term;
            Years = CommitmentTerm.YearsOf(term);
            UnitPrice = unitPrice;
            RetailPrice = retailPrice;
        }

        /// <summary>As the service spells it: <c>1 Year</c>, <c>3 Years</c>.</summary>
        public string Term { get; }

        public int? Years { get; }

        public decimal UnitPrice { get; }

        public decimal RetailPrice { get; }

        public override string ToString() => $"{Term}: {UnitPrice}";
    }
}
