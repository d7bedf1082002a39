namespace AzBillingInsights
{
    /// <summary>
    /// Usage bucket size for -AggregationGranularity. The engine has its own copy: a parameter type must load
    /// before the module's resolver is registered, so it cannot live in the engine assembly.
    /// </summary>
    public enum AggregationGranularity
    {
        Daily,
        Hourly,
    }
}
