using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Exports;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Exports the estimated cost of many subscriptions to FOCUS 1.2-shaped files, one partition per billing period
    /// and subscription, several subscriptions at a time; finished partitions are kept, so a re-run resumes.
    /// </summary>
    [Cmdlet(VerbsData.Export, "AzCostData", SupportsShouldProcess = true)]
    [OutputType(typeof(CostExportPartition))]
    public sealed class ExportAzCostDataCommand : RateCardPricingCmdlet
    {
        private const int ProgressActivityId = 0x5A64;
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly List<string> _subscriptions = new List<string>();

        /// <summary>The folder the partitions go under; created when missing.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Subscriptions to export, from the pipeline (objects with SubscriptionId) or listed; the connection's default when none.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? SubscriptionId { get; set; }

        /// <summary>Start (inclusive) of the usage-time window, midnight UTC.</summary>
        [Parameter(Mandatory = true)]
        public DateTime From { get; set; }

        /// <summary>End (exclusive) of the usage-time window, midnight UTC.</summary>
        [Parameter(Mandatory = true)]
        public DateTime To { get; set; }

        [Parameter]
        public CostDataFormat Format { get; set; } = CostDataFormat.Parquet;

        [Parameter]
        public CostDataLayout Layout { get; set; } = CostDataLayout.Hive;

        /// <summary>The usage buckets read: Daily, or Hourly (tiers crossed within a day priced exactly); Hourly by default only for -ChargePeriod Hour.</summary>
        [Parameter]
        [Alias("Granularity")]
        public AggregationGranularity? AggregationGranularity { get; set; }

        /// <summary>One row per resource, meter and day (default), or per hour.</summary>
        [Parameter]
        public CostDataChargePeriod ChargePeriod { get; set; } = CostDataChargePeriod.Day;

        [Parameter]
        [ValidateRange(1, 28)]
        public int BillingPeriodStartDay { get; set; } = 1;

        /// <summary>Prices at the card's rates only, without the offer's credit or commitment discount.</summary>
        [Parameter]
        public SwitchParameter ExcludeOfferTerms { get; set; }

        /// <summary>How many subscriptions are read and written at once; they share the process's ARM read budget and token.</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Exports Cost Management's actual or amortized cost rows (Cost Details API, EA and MCA) instead of usage priced at the card's rates.</summary>
        [Parameter]
        public CostDetailMetric? Metric { get; set; }

        /// <summary>Rewrites partitions an earlier run finished.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            foreach (string subscription in SubscriptionId ?? Array.Empty<string>())
            {
                if (SubscriptionIdArgument.AcceptForThisInput(this, subscription) && !_subscriptions.Contains(subscription.Trim(), StringComparer.OrdinalIgnoreCase))
                {
                    _subscriptions.Add(subscription.Trim());
                }
            }

            return Task.CompletedTask;
        }

        protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
        {
            if (SubscriptionId is not null && _subscriptions.Count == 0)
            {
                return; // every subscription given was refused, and said so
            }

            bool hourlyCharges = ChargePeriod == CostDataChargePeriod.Hour;
            if (hourlyCharges && AggregationGranularity == AzBillingInsights.AggregationGranularity.Daily)
            {
                throw new ArgumentException("-ChargePeriod Hour needs hourly usage: leave out -AggregationGranularity Daily.", nameof(AggregationGranularity));
            }

            BillingConnection connection = BillingSession.Require();
            if (_subscriptions.Count == 0)
            {
                _subscriptions.Add(connection.ResolveSubscription(null));
            }

            string root = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!await ShouldProcessAsync(root, $"Export the estimated cost of {_subscriptions.Count} subscriptions, {From:yyyy-MM-dd} to {To:yyyy-MM-dd}, as {Format} ({Layout} layout)").ConfigureAwait(false))
            {
                return;
            }

            var request = new CostExportRequest
            {
                Root = root,
                Format = Format == CostDataFormat.Csv ? ExportFormat.Csv : ExportFormat.Parquet,
                Layout = Layout == CostDataLayout.Hubs ? ExportLayout.Hubs : ExportLayout.Hive,
                Force = Force,
                IngestionId = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
                ModuleVersion = MyInvocation.MyCommand.Module?.Version.ToString() ?? string.Empty,
            };
            IFocusRowSource source = Metric is CostDetailMetric metric
                ? CostDetailsSource(connection, metric)
                : await EstimateSourceAsync(connection, hourlyCharges, cancellationToken).ConfigureAwait(false);
            var exporter = new SubscriptionCostExporter(request, source, TimeProvider.System);

            var progress = new ExportProgress(this, _subscriptions.Count);
            using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task reporting = progress.ReportUntilAsync(stopProgress.Token);
            try
            {
                var from = new DateTimeOffset(DateTime.SpecifyKind(From, DateTimeKind.Utc));
                var to = new DateTimeOffset(DateTime.SpecifyKind(To, DateTimeKind.Utc));
                await Parallel.ForEachAsync(_subscriptions, new ParallelOptions { MaxDegreeOfParallelism = ThrottleLimit, CancellationToken = cancellationToken },
                    (subscription, token) => ExportSubscriptionAsync(exporter, subscription, from, to, progress, token)).ConfigureAwait(false);
            }
            finally
            {
                stopProgress.Cancel();
                await reporting.ConfigureAwait(false);
                progress.Complete();
            }
        }

        private async Task<IFocusRowSource> EstimateSourceAsync(BillingConnection connection, bool hourlyCharges, CancellationToken cancellationToken)
        {
            PriceList card = await GetPricingCardAsync(_subscriptions[0], force: false, cancellationToken).ConfigureAwait(false);
            UsageGranularity granularity = hourlyCharges || AggregationGranularity == AzBillingInsights.AggregationGranularity.Hourly
                ? UsageGranularity.Hourly
                : UsageGranularity.Daily;
            var reader = new UsagePeriodReader(new UsageReader(connection.Arm));
            return new EstimatedFocusRowSource(card, "RateCard",
                (subscription, from, to, token) => reader.ReadAsync(subscription, from, to, granularity, DateTimeOffset.UtcNow, token),
                hourlyCharges, BillingPeriodStartDay, !ExcludeOfferTerms);
        }

        private IFocusRowSource CostDetailsSource(BillingConnection connection, CostDetailMetric metric)
        {
            if (ChargePeriod == CostDataChargePeriod.Hour || BillingPeriodStartDay != 1)
            {
                throw new ArgumentException("-Metric exports Cost Details rows, which are daily and follow calendar months: leave out -ChargePeriod Hour and -BillingPeriodStartDay.", nameof(Metric));
            }

            var client = new CostDetailsClient(connection.Arm);
            return new CostDetailsFocusRowSource((CostMetric)(int)metric, (report, token) => client.ReadAsync(new[] { report }, null, token));
        }

        /// <summary>One subscription's partitions; a failure is reported for that subscription and the others go on.</summary>
        private async ValueTask ExportSubscriptionAsync(SubscriptionCostExporter exporter, string subscription, DateTimeOffset from, DateTimeOffset to, ExportProgress progress, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (PartitionOutcome outcome in exporter.ExportAsync(subscription, from, to, progress.RowRead, cancellationToken).ConfigureAwait(false))
                {
                    WriteVerbose(outcome.Skipped
                        ? $"{subscription} {outcome.BillingPeriodStart:yyyy-MM}: finished by an earlier run, kept (-Force rewrites it)."
                        : $"{subscription} {outcome.BillingPeriodStart:yyyy-MM}: {outcome.Manifest!.RowCount:N0} rows written to {outcome.Paths.DataFile}.");
                    if (outcome.Manifest is { UnratedRowCount: > 0 } manifest)
                    {
                        WriteWarning($"{subscription} {outcome.BillingPeriodStart:yyyy-MM}: {manifest.UnratedRowCount:N0} usage rows on meters missing from the {OfferDurableId} {Currency} rate card were not priced and are not in the export; the partition's manifest counts them.");
                    }

                    WriteObject(new CostExportPartition(outcome));
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                WriteError(ErrorFactory.FromException(e, subscription));
            }
            finally
            {
                progress.SubscriptionDone();
            }
        }

        /// <summary>Subscriptions done, rows read per second and the time left, at most four times a second.</summary>
        private sealed class ExportProgress
        {
            private readonly AsyncPSCmdlet _cmdlet;
            private readonly int _total;
            private readonly Stopwatch _elapsed = Stopwatch.StartNew();
            private readonly ProgressRecord _record = new ProgressRecord(ProgressActivityId, "Exporting cost data", "Starting");
            private long _rows;
            private int _done;

            public ExportProgress(AsyncPSCmdlet cmdlet, int total)
            {
                _cmdlet = cmdlet;
                _total = total;
            }

            public void RowRead() => Interlocked.Increment(ref _rows);

            public void SubscriptionDone() => Interlocked.Increment(ref _done);

            public async Task ReportUntilAsync(CancellationToken stop)
            {
                try
                {
                    while (true)
                    {
                        await Task.Delay(ProgressInterval, stop).ConfigureAwait(false);
                        int done = Volatile.Read(ref _done);
                        double seconds = _elapsed.Elapsed.TotalSeconds;
                        _record.PercentComplete = 100 * done / _total;
                        _record.StatusDescription = $"{done} of {_total} subscriptions, {Interlocked.Read(ref _rows):N0} usage rows ({Interlocked.Read(ref _rows) / Math.Max(seconds, 0.001):N0} rows/s)";
                        _record.SecondsRemaining = done == 0 ? -1 : (int)(seconds / done * (_total - done));
                        _cmdlet.WriteProgress(_record);
                    }
                }
                catch (OperationCanceledException)
                {
                    // The export ended.
                }
            }

            public void Complete()
            {
                _record.RecordType = ProgressRecordType.Completed;
                _cmdlet.WriteProgress(_record);
            }
        }
    }
}
