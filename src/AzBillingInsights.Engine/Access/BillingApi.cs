namespace AzBillingInsights.Engine.Access
{
    /// <summary>The billing APIs a first-run check reads, each with one cheap call.</summary>
    public enum BillingApi
    {
        Usage,
        RateCard,
        Invoices,
        BillingPeriods,
        /// <summary>The public Retail Prices API: anonymous, so its check is about reaching the endpoint, not about roles.</summary>
        RetailPrices,
    }
}
