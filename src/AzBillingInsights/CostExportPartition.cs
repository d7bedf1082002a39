using System;
using AzBillingInsights.Engine.Exports;

namespace AzBillingInsights
{
    /// <summary>One partition of Export-AzCostData: a billing period of one subscription, written or skipped.</summary>
    public sealed class CostExportPartition
    {
        internal CostExportPartition(PartitionOutcome outcome)
        {
            SubscriptionId = outcome.SubscriptionId;
            BillingPeriod = outcome.BillingPeriodStart.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            Path = outcome.Paths.DataFile;
            Skipped = outcome.Skipped;
            PartitionManifest? manifest = outcome.Manifest;
            if (manifest is not null)
            {
                RowCount = manifest.RowCount;
                UnratedRowCount = manifest.UnratedRowCount;
                BilledCost = manifest.BilledCost;
                Currency = manifest.Currency;
                Source = manifest.Source;
            }
        }

        public string SubscriptionId { get; }
        /// <summary>yyyy-MM of the billing period's start.</summary>
        public string BillingPeriod { get; }
        public string Path { get; }
        /// <summary>True when an earlier run had finished the partition and it was left as it was (-Force rewrites it).</summary>
        public bool Skipped { get; }
        public long? RowCount { get; }
        /// <summary>Usage rows whose meter the rate card lacks: not exported, because their cost is unknown.</summary>
        public long? UnratedRowCount { get; }
        public decimal? BilledCost { get; }
        public string? Currency { get; }
        public string? Source { get; }
    }
}
