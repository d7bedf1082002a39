namespace AzBillingInsights.Engine.Access
{
    /// <summary>The billing APIs a first-run check reads, each with one cheap call.</summary>
    public enum BillingApi
    {
        Usage,
        RateCard,
        Invoices,
        BillingPeriods,
    }
}
