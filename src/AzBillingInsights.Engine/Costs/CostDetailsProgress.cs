using System;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>Where a Cost Details read stands.</summary>
    public enum CostDetailsStage
    {
        Requesting,
        Building,
        Throttled,
        Downloading,
    }

    /// <summary>A progress note from <see cref="CostDetailsClient"/>: which report of how many, what it is doing, how many rows so far.</summary>
    public sealed class CostDetailsProgress
    {
        public CostDetailsProgress(int report, int reportCount, string description, CostDetailsStage stage, TimeSpan? wait, long rows)
        {
            Report = report;
            ReportCount = reportCount;
            Description = description;
            Stage = stage;
            Wait = wait;
            Rows = rows;
        }

        /// <summary>1-based.</summary>
        public int Report { get; }
        public int ReportCount { get; }
        public string Description { get; }
        public CostDetailsStage Stage { get; }
        /// <summary>How long the client now waits (building: the next poll; throttled: the service's Retry-After).</summary>
        public TimeSpan? Wait { get; }
        /// <summary>Rows read so far over all reports.</summary>
        public long Rows { get; }
    }
}
