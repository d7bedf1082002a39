namespace AzBillingInsights
{
    /// <summary>The file format of Export-AzCostData (the cmdlet assembly's own type: parameters never use engine types).</summary>
    public enum CostDataFormat
    {
        Parquet,
        Csv,
    }

    /// <summary>The folder layout of Export-AzCostData.</summary>
    public enum CostDataLayout
    {
        /// <summary>BillingPeriod=yyyy-MM/SubscriptionId=id/.</summary>
        Hive,
        /// <summary>The FinOps hubs ingestion layout.</summary>
        Hubs,
    }

    /// <summary>The charge period of one Export-AzCostData row.</summary>
    public enum CostDataChargePeriod
    {
        Day,
        Hour,
    }
}
