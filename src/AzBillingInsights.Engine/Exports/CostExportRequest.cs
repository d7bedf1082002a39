namespace AzBillingInsights.Engine.Exports
{
    /// <summary>What an export writes and how: the folder, format and layout, and whether finished partitions are rewritten.</summary>
    public sealed class CostExportRequest
    {
        public string Root { get; set; } = string.Empty;
        public ExportFormat Format { get; set; } = ExportFormat.Parquet;
        public ExportLayout Layout { get; set; } = ExportLayout.Hive;
        /// <summary>Rewrites partitions that are already finished.</summary>
        public bool Force { get; set; }
        /// <summary>Names the data files of the Hubs layout; one per run.</summary>
        public string IngestionId { get; set; } = string.Empty;
        public string ModuleVersion { get; set; } = string.Empty;
    }
}
