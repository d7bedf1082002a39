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
    /// with progress (rows read and the usage day reached, at most four updates a second) and a verbose summary.
    /// </summary>
    internal sealed class UsageWindowReader
    {
        private const int ProgressActivityId = 0x5A62;
        private const long ProgressIntervalMilliseconds = 250;

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
            string activity = $"Reading usage of {subscription}";
            long rows = 0;
            long lastProgress = Environment.TickCount64;
            bool progressShown = false;
            try
            {
                await foreach (UsageRecord record in new UsagePeriodReader(new UsageReader(connection.Arm), reportingLagDays)
                    .ReadAsync(subscription, start, end, granularity, BillingClock.Instance.GetUtcNow(), cancellationToken)
                    .ConfigureAwait(false))
                {
                    add(record);
                    rows++;
                    long now = Environment.TickCount64;
                    if (now - lastProgress >= ProgressIntervalMilliseconds)
                    {
                        lastProgress = now;
                        // A record of its own each time: the write is queued to the pipeline thread and must not change meanwhile.
                        _pipeline.WriteProgress(new ProgressRecord(ProgressActivityId, activity, $"{rows:N0} rows read, at usage day {record.UsageStartTime.UtcDateTime:yyyy-MM-dd}"));
                        progressShown = true;
                    }
                }
            }
            finally
            {
                if (progressShown)
                {
                    _pipeline.WriteProgress(new ProgressRecord(ProgressActivityId, activity, $"{rows:N0} rows read") { RecordType = ProgressRecordType.Completed });
                }
            }

            _pipeline.WriteVerbose($"Read {rows:N0} usage rows of {subscription} from {start:u} to {end:u}.");
            return rows;
        }
    }
}
