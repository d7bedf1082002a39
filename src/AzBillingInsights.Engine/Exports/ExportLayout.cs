using System;
using System.Globalization;
using System.IO;

namespace AzBillingInsights.Engine.Exports
{
    public enum ExportFormat
    {
        Parquet,
        Csv,
    }

    public enum ExportLayout
    {
        /// <summary>BillingPeriod=yyyy-MM/SubscriptionId=.../part-00000.parquet: DuckDB, Spark and Polars read it with hive partitioning.</summary>
        Hive,
        /// <summary>The FinOps hubs ingestion layout: Costs/yyyy/mm/subscriptions/{id}/{ingestion id}__part-00000.parquet and manifest.json.</summary>
        Hubs,
    }

    /// <summary>Where one partition (a billing period of one subscription) is written, in a layout.</summary>
    public sealed class PartitionPaths
    {
        /// <summary>Our record of a finished partition; the leading underscore keeps Spark and hive readers from taking it for data.</summary>
        public const string ManifestName = "_manifest.json";

        /// <summary>The empty file whose arrival starts a FinOps hub's ingestion of the folder.</summary>
        public const string HubsTriggerName = "manifest.json";

        private PartitionPaths(string folder, string dataFileName, bool writesHubsTrigger)
        {
            Folder = folder;
            DataFile = Path.Combine(folder, dataFileName);
            Manifest = Path.Combine(folder, ManifestName);
            HubsTrigger = writesHubsTrigger ? Path.Combine(folder, HubsTriggerName) : null;
        }

        public string Folder { get; }
        public string DataFile { get; }
        public string Manifest { get; }
        public string? HubsTrigger { get; }

        /// <param name="ingestionId">Names the Hubs data file; a new id replaces the folder's data in a hub.</param>
        public static PartitionPaths For(string root, ExportLayout layout, ExportFormat format, string subscriptionId, DateTimeOffset periodStart, string ingestionId)
        {
            string extension = format == ExportFormat.Parquet ? ".parquet" : ".csv";
            string subscription = subscriptionId.ToLowerInvariant();
            return layout switch
            {
                ExportLayout.Hive => new PartitionPaths(
                    Path.Combine(root, "BillingPeriod=" + periodStart.ToString("yyyy-MM", CultureInfo.InvariantCulture), "SubscriptionId=" + subscription),
                    "part-00000" + extension, writesHubsTrigger: false),
                ExportLayout.Hubs => new PartitionPaths(
                    Path.Combine(root, "Costs", periodStart.ToString("yyyy", CultureInfo.InvariantCulture), periodStart.ToString("MM", CultureInfo.InvariantCulture), "subscriptions", subscription),
                    ingestionId + "__part-00000" + extension, writesHubsTrigger: true),
                _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown layout."),
            };
        }
    }
}
