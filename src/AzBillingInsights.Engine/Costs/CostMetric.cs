namespace AzBillingInsights.Engine.Costs
{
    /// <summary>Which cost a Cost Details report carries: as invoiced, or with purchases spread over the usage they cover.</summary>
    public enum CostMetric
    {
        ActualCost,
        AmortizedCost,
    }

    /// <summary>The column layout a cost CSV was written in, told apart by its header.</summary>
    public enum CostDetailsSchema
    {
        /// <summary>Enterprise Agreement: PascalCase names, <c>CostInBillingCurrency</c> or <c>Cost</c>.</summary>
        EnterpriseAgreement,

        /// <summary>Microsoft Customer Agreement: camelCase names with <c>costInUsd</c>, <c>paygCostInBillingCurrency</c>, <c>invoiceId</c>.</summary>
        MicrosoftCustomerAgreement,

        /// <summary>The legacy pay-as-you-go usage-details export: <c>UsageDateTime</c>, <c>PreTaxCost</c>.</summary>
        PayAsYouGoLegacy,
    }
}
