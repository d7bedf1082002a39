using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Commands;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights
{
    /// <summary>
    /// Reads the usage of a usage-time window for a cmdlet that prices it as it arrives (no pipeline objects),
    /// with progress every 50,000 rows and a verbose summary.
    /// </summary>
    internal sealed class UsageWindowReader
    {
        private const int ProgressActivityId = 0x5A62;
        private const int RowsPerProgress = 50_000;

        private readonly AsyncPipeline _pipeline;

        public UsageWindowReader(AsyncPipeline pipeline) => _pipeline = pipeline;

        /// <summary>
        /// Hands each row of [<paramref name="from"/>, <paramref name="to"/>) (dates without a zone are UTC) to <paramref name="add"/>,
        /// reading rows reported up to <paramref name="reportingLagDays"/> days after the window; returns the row count.
        /// </summary>
        public async Task<long> ReadAsync(
            string? subscriptionId, DateTime from, DateTime to, UsageGranularity granularity, Action<UsageRecord> add, CancellationToken cancellationToken,
            int reportingLagDays = UsagePeriodReader.DefaultReportingLagDays)
        {
            BillingConnection connection = BillingSession.Require();
            string subscription = connection.ResolveSubscription(subscriptionId);
            var start = new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc));
            var end = new DateTimeOffset(DateTime.SpecifyKind(to, DateTimeKind.Utc));
            var progress = new ProgressRecord(ProgressActivityId, $"Reading usage of {subscription}", "Requesting the first page");
            long rows = 0;
            try
            {
                await foreach (UsageRecord record in new UsagePeriodReader(new UsageReader(connection.Arm), reportingLagDays)
                    .ReadAsync(subscription, start, end, granularity, BillingClock.Instance.GetUtcNow(), cancellationToken)
                    .ConfigureAwait(false))
                {
                    add(record);
                    if (++rows % RowsPerProgress == 0)
                    {
                        progress.StatusDescription = $"{rows:N0} rows priced";
                        _pipeline.WriteProgress(progress);
                    }
                }
            }
            finally
            {
                if (rows >= RowsPerProgress)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    _pipeline.WriteProgress(progress);
                }
            }

            _pipeline.WriteVerbose($"Read {rows:N0} usage rows of {subscription} from {start:u} to {end:u}.");
            return rows;
        }
    }
}
