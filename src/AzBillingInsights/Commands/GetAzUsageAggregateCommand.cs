using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Commands
{
    [Cmdlet(VerbsCommon.Get, "AzUsageAggregate")]
    [OutputType(typeof(UsageAggregate))]
    public sealed class GetAzUsageAggregateCommand : SubscriptionScopedCmdlet
    {
        private const int ProgressActivityId = 0x5A61;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        [Parameter(Mandatory = true, Position = 0)]
        [Alias("StartTime")]
        public DateTime ReportedStartTime { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [Alias("EndTime")]
        public DateTime ReportedEndTime { get; set; }

        [Parameter]
        [Alias("Granularity")]
        public AggregationGranularity AggregationGranularity { get; set; } = AggregationGranularity.Daily;

        /// <summary>Alias ShowDetail: Az.Billing's Get-AzUsageAggregate spells it so, with ShowDetails as its alias.</summary>
        [Parameter]
        [Alias("ShowDetail")]
        public bool ShowDetails { get; set; } = true;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContinuationToken { get; set; }

        protected override async Task ProcessSubscriptionAsync(AsyncPipeline pipeline, BillingConnection connection, string subscriptionId, CancellationToken cancellationToken)
        {
            var query = new UsageQuery(subscriptionId, AsUtc(ReportedStartTime), AsUtc(ReportedEndTime))
            {
                Granularity = AggregationGranularity == AggregationGranularity.Hourly ? UsageGranularity.Hourly : UsageGranularity.Daily,
                ShowDetails = ShowDetails,
                ContinuationToken = ContinuationToken,
            };
            try
            {
                query.Validate(BillingClock.Instance.GetUtcNow());
            }
            catch (ArgumentException e)
            {
                // Bad input for this subscription only: the next piped subscription may still be fine.
                pipeline.WriteError(ErrorFactory.Create(e, "InvalidUsageQuery", ErrorCategory.InvalidArgument, query.SubscriptionId, null));
                return;
            }

            pipeline.WriteVerbose($"Reading {query.Granularity} usage of {query.SubscriptionId} reported from {UsageQueryText(query.ReportedStartTime)} to {UsageQueryText(query.ReportedEndTime)}.");
            var progress = new ProgressRecord(ProgressActivityId, $"Reading usage of {query.SubscriptionId}", "Requesting the first page");
            var clock = Stopwatch.StartNew();
            TimeSpan lastProgress = TimeSpan.Zero;
            int pages = 0;
            long rows = 0;
            try
            {
                await pipeline.WritePagesAsync(
                    new UsageReader(connection.Arm).ReadPagesAsync(query, cancellationToken),
                    RowsOf,
                    page =>
                    {
                        pages++;
                        rows += page.Records.Count;
                        if (clock.Elapsed - lastProgress >= ProgressInterval)
                        {
                            lastProgress = clock.Elapsed;
                            progress.StatusDescription = $"{rows:N0} rows in {pages} pages, {(int)clock.Elapsed.TotalSeconds} s";
                            pipeline.WriteProgress(progress);
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ArmRequestException e)
            {
                pipeline.WriteError(ErrorFactory.FromException(e, query.SubscriptionId));
            }
            finally
            {
                if (lastProgress > TimeSpan.Zero)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    pipeline.WriteProgress(progress);
                }
            }

            pipeline.WriteVerbose($"Read {rows:N0} rows in {pages} pages in {clock.Elapsed.TotalSeconds:N1} s.");
        }

        private static object[] RowsOf(UsagePage page)
        {
            var rows = new object[page.Records.Count];
            for (int i = 0; i < rows.Length; i++)
            {
                rows[i] = new UsageAggregate(page.Records[i]);
            }

            return rows;
        }

        /// <summary>A DateTime without a kind is taken as UTC, the API's own clock, not the machine's zone.</summary>
        private static DateTimeOffset AsUtc(DateTime time) => time.Kind switch
        {
            DateTimeKind.Local => new DateTimeOffset(time).ToUniversalTime(),
            _ => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        };

        private static string UsageQueryText(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm 'UTC'");
    }
}
