namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>What a cost figure is: rated by this engine at list or offer prices, or charged by Cost Management.</summary>
    public enum CostBasis
    {
        /// <summary>Usage rated here against a rate card or Retail Prices.</summary>
        Estimate,

        /// <summary>Cost Details' actual cost, as invoiced.</summary>
        ActualCost,

        /// <summary>Cost Details' amortized cost: purchases spread over the usage they cover.</summary>
        AmortizedCost,
    }
}
