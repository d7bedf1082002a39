using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Costs;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Actual or amortized cost rows of an EA or MCA scope from the Cost Details API, written as the report's blobs
    /// stream in. A window over a month becomes one report per month, run one after another.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AzCostDetail", DefaultParameterSetName = TimePeriodSet)]
    [OutputType(typeof(CostDetail))]
    public sealed class GetAzCostDetailCommand : AsyncPSCmdlet
    {
        private const string TimePeriodSet = "TimePeriod";
        private const string BillingPeriodSet = "BillingPeriod";
        private const string InvoiceSet = "Invoice";
        private const int ActivityId = 0x0C05;
        /// <summary>
        /// Rows handed to the pipeline thread at once; two hand-offs at most are in flight. Each hand-off wakes that
        /// thread, so a hand-off of one row costs more than the row. But the rows in flight are what every garbage
        /// collection finds alive and promotes: with 4,096 a hand-off nearly every collection of a month's read was a
        /// generation-1 one (42 of 43) and the pipeline thread was busy twice as long; with 256 it is 3 of 40.
        /// </summary>
        private const int RowsPerWrite = 256;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

        /// <summary>A subscription id, or a resource id: subscription, resource group, billing account, billing profile, ...</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SubscriptionId", "Id")]
        [ValidateNotNullOrEmpty]
        public string? Scope { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = TimePeriodSet)]
        [Alias("StartDate")]
        public DateTime From { get; set; }

        /// <summary>The last day of the window (inclusive).</summary>
        [Parameter(Mandatory = true, ParameterSetName = TimePeriodSet)]
        [Alias("EndDate")]
        public DateTime To { get; set; }

        [Parameter]
        public CostDetailMetric Metric { get; set; } = CostDetailMetric.ActualCost;

        /// <summary>EA: a billing period, yyyyMM.</summary>
        [Parameter(Mandatory = true, ParameterSetName = BillingPeriodSet)]
        [ValidatePattern(@"^\d{6}$")]
        public string? BillingPeriod { get; set; }

        /// <summary>MCA: an invoice id.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InvoiceSet)]
        [ValidateNotNullOrEmpty]
        public string? InvoiceId { get; set; }

        /// <summary>The longest throttling wait to sit out; a longer one ends the command with the time to come back.</summary>
        [Parameter]
        public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromMinutes(5);

        protected override async Task ProcessRecordAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            BillingConnection connection = BillingSession.Require();
            string scope = Scope ?? connection.ResolveSubscription(null);
            IReadOnlyList<CostReportSpec> reports;
            try
            {
                reports = CostReportSpec.Plan(scope, (CostMetric)(int)Metric,
                    ParameterSetName == TimePeriodSet ? From : (DateTime?)null, ParameterSetName == TimePeriodSet ? To : (DateTime?)null,
                    BillingPeriod, InvoiceId);
            }
            catch (ArgumentException e)
            {
                pipeline.WriteError(ErrorFactory.Create(e, "InvalidCostDetailRequest", ErrorCategory.InvalidArgument, scope, null));
                return;
            }

            var client = new CostDetailsClient(connection.Arm, new CostDetailsClientOptions { MaxThrottleWait = MaxThrottleWait });
            pipeline.WriteVerbose($"Reading {reports.Count} cost report(s) for {reports[0].Scope}.");
            var progress = new ProgressReporter(pipeline);
            var batch = new List<object>(RowsPerWrite);
            Task written = Task.CompletedTask;
            try
            {
                await foreach (CostRow row in client.ReadAsync(reports, progress.Report, cancellationToken).ConfigureAwait(false))
                {
                    batch.Add(new CostDetail(row));
                    if (batch.Count == RowsPerWrite)
                    {
                        // One batch is written while the next is read; waiting for the one before keeps memory flat
                        // when the pipeline is the slower side.
                        await written.ConfigureAwait(false);
                        pipeline.WriteEach(batch.ToArray());
                        written = pipeline.WhenWrittenAsync(cancellationToken);
                        batch.Clear();
                    }
                }

                pipeline.WriteEach(batch.ToArray());
            }
            catch (Exception e) when (e is CostDetailsException || e is CostDetailsFormatException || e is Engine.Http.ArmRequestException || e is Engine.Http.DownloadLinkException)
            {
                pipeline.WriteEach(batch.ToArray());
                pipeline.WriteError(ErrorFactory.FromException(e, reports[0].Scope));
            }
            finally
            {
                progress.Complete();
            }
        }

        /// <summary>Turns the client's notes into progress records: one activity, at most five updates a second, Completed at the end.</summary>
        private sealed class ProgressReporter
        {
            private readonly AsyncPipeline _pipeline;
            private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
            private CostDetailsStage? _lastStage;
            private bool _started;

            internal ProgressReporter(AsyncPipeline pipeline) => _pipeline = pipeline;

            internal void Report(CostDetailsProgress note)
            {
                if (note.Stage == _lastStage && _sinceLast.Elapsed < ProgressInterval)
                {
                    return;
                }

                _lastStage = note.Stage;
                _sinceLast.Restart();
                _started = true;
                string status = note.Stage switch
                {
                    CostDetailsStage.Requesting => "Requesting the report",
                    CostDetailsStage.Building => $"Cost Management is building the report; next check in {note.Wait?.TotalSeconds:0} s",
                    CostDetailsStage.Throttled => $"Throttled by Cost Management; waiting {note.Wait?.TotalSeconds:0} s",
                    _ => $"Downloading: {note.Rows:N0} rows so far",
                };
                _pipeline.WriteProgress(new ProgressRecord(ActivityId, $"Cost details {note.Report} of {note.ReportCount}: {note.Description}", status)
                {
                    PercentComplete = (int)(100.0 * (note.Report - 1) / note.ReportCount),
                });
            }

            internal void Complete()
            {
                if (_started)
                {
                    _pipeline.WriteProgress(new ProgressRecord(ActivityId, "Cost details", "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
        }
    }
}
