using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.IO;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Reporting;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Writes one self-contained HTML cost report (inline CSS and SVG, no script, nothing fetched) from usage rows
    /// on the pipeline or from a subscription's usage window, priced through the same engine as Measure-AzEstimatedCost,
    /// or from Get-AzCostDetail rows, whose actual or amortized cost is reported as given.
    /// </summary>
    [Cmdlet(VerbsData.Export, "AzCostReport", SupportsShouldProcess = true, DefaultParameterSetName = PipelineSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAzCostReportCommand : RateCardPricingCmdlet
    {
        private const string PipelineSet = "Pipeline";
        private const string SubscriptionSet = "Subscription";

        private readonly List<string?> _subscriptions = new List<string?>();
        private CostReportBuilder? _builder;
        private bool _proceed;
        private bool _costRows;

        /// <summary>Parameters that choose the rate card of an estimate: meaningless for cost that is already charged.</summary>
        private static readonly string[] CardOnlyParameters = { nameof(OfferDurableId), nameof(Currency), nameof(Locale), nameof(RegionInfo), nameof(SubscriptionId) };
        private string _destination = string.Empty;

        /// <summary>A usage row from Get-AzUsageAggregate, or a cost row from Get-AzCostDetail.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PipelineSet)]
        public PSObject? InputObject { get; set; }

        [Parameter(ParameterSetName = PipelineSet)]
        [Parameter(Mandatory = true, ParameterSetName = SubscriptionSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SubscriptionSet)]
        public DateTime From { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SubscriptionSet)]
        public DateTime To { get; set; }

        [Parameter(ParameterSetName = SubscriptionSet)]
        [Alias("Granularity")]
        public AggregationGranularity AggregationGranularity { get; set; } = AggregationGranularity.Daily;

        /// <summary>Days after -To in which rows of the window may still be reported, and are read (late rows).</summary>
        [Parameter(ParameterSetName = SubscriptionSet)]
        [ValidateRange(0, UsagePeriodReader.MaxReportingLagDays)]
        public int ReportingLagDays { get; set; } = UsagePeriodReader.DefaultReportingLagDays;

        /// <summary>The HTML file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>A tag to break spend down by, e.g. CostCenter.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Tag { get; set; }

        [Parameter]
        [ValidateRange(1, 100)]
        public int Top { get; set; } = 10;

        /// <summary>The budget of one billing period, compared with the forecast.</summary>
        [Parameter]
        public decimal? Budget { get; set; }

        /// <summary>Formats money, numbers and dates; the session's culture by default.</summary>
        [Parameter]
        public CultureInfo Culture { get; set; } = CultureInfo.CurrentCulture;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = "Azure cost report";

        [Parameter]
        [ValidateRange(1, 28)]
        public int BillingPeriodStartDay { get; set; } = 1;

        /// <summary>Refuses to replace an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override async Task BeginProcessingAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            SubscriptionIdArgument.Ensure(SubscriptionId);
            // Only a culture given here: the session's own is the user's setting, whatever it is.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Culture)) && !PredefinedCultures.Contains(Culture))
            {
                throw new CmdletTerminatingException(ErrorFactory.Create(
                    new ArgumentException($"-Culture '{Culture.Name}' is not a culture this system defines: .NET made it up from the name, with no real formats. Give a predefined culture name such as en-US, de-DE or ja-JP."),
                    "InvalidCulture", ErrorCategory.InvalidArgument, Culture.Name, "Give -Culture a predefined culture name; [cultureinfo]::GetCultures('AllCultures') lists them. Leave -Culture out to use the session's culture."));
            }

            if (Budget < 0m)
            {
                throw new CmdletTerminatingException(ErrorFactory.Create(
                    new ArgumentOutOfRangeException(nameof(Budget), Budget, "The budget must not be negative."), "InvalidBudget", ErrorCategory.InvalidArgument, Budget, null));
            }

            // The pipeline thread is blocked waiting for this work, so reading session state here cannot race with it.
            _destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (Directory.Exists(_destination))
            {
                throw new CmdletTerminatingException(ErrorFactory.Create(
                    new IOException($"'{_destination}' is a folder."), "PathIsFolder", ErrorCategory.InvalidArgument, Path, "Give a file name, such as report.html."));
            }

            if (NoClobber && File.Exists(_destination))
            {
                throw new CmdletTerminatingException(ErrorFactory.Create(
                    new IOException($"The file '{_destination}' already exists."), "FileExists", ErrorCategory.ResourceExists, _destination, "Remove -NoClobber to replace it, or give another -Path."));
            }

            // Asked before anything is read: -WhatIf costs no request and writes nothing.
            _proceed = await pipeline.ShouldProcessAsync(_destination, "Write the cost report").ConfigureAwait(false);

            // Piped rows may be Cost Details rows, which are never priced: the card is read only once a row needs it.
            if (_proceed && ParameterSetName == SubscriptionSet)
            {
                await StartEstimateAsync(pipeline, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Runs on the first piped usage row: the card that prices it is read then.</summary>
        protected override Task ProcessRecordAsync(AsyncPipeline pipeline, CancellationToken cancellationToken) =>
            StartEstimateAsync(pipeline, cancellationToken);

        private async Task StartEstimateAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            PriceList card = await GetPricingCardAsync(pipeline, SubscriptionId, force: false, cancellationToken).ConfigureAwait(false);
            _builder = new CostReportBuilder(card, Options());
        }

        /// <summary>The report's options; made when the first row shows whether it reports an estimate or Cost Details rows.</summary>
        private CostReportOptions Options() => new CostReportOptions
        {
            Title = Title,
            Generator = $"AzBillingInsights {MyInvocation.MyCommand.Module?.Version}".TrimEnd(),
            GeneratedAt = BillingClock.Instance.GetUtcNow(),
            TagName = Tag,
            Top = Top,
            Budget = Budget,
            BillingPeriodStartDay = BillingPeriodStartDay,
            FirstDay = ParameterSetName == SubscriptionSet ? DateTime.SpecifyKind(From, DateTimeKind.Utc).Date : (DateTime?)null,
        };

        /// <summary>Adding a row is cheap and synchronous: no hand-off to another thread per pipeline object.</summary>
        protected override void ProcessRecord()
        {
            if (_builder is not null && ParameterSetName == SubscriptionSet)
            {
                AddSubscription();
                return;
            }

            if (!_proceed || InputObject is null)
            {
                return;
            }

            if (InputObject.BaseObject is CostDetail detail)
            {
                AddCostRow(detail);
                return;
            }

            if (InputObject.BaseObject is UsageAggregate usage)
            {
                if (_costRows)
                {
                    ThrowMixedBases();
                }

                if (_builder is null)
                {
                    base.ProcessRecord();
                }

                _builder!.Add(usage.Record);
                return;
            }

            WriteError(ErrorFactory.Create(
                new ArgumentException($"Export-AzCostReport takes usage rows from Get-AzUsageAggregate or cost rows from Get-AzCostDetail, not {InputObject.BaseObject.GetType().Name}."),
                "InvalidUsageRow", ErrorCategory.InvalidType, InputObject, "Pipe Get-AzUsageAggregate or Get-AzCostDetail into it, or use -SubscriptionId with -From and -To."));
        }

        /// <summary>Cost Details rows are reported with their cost as given; options that choose a rate card are refused, not ignored.</summary>
        private void AddCostRow(CostDetail detail)
        {
            if (!_costRows)
            {
                if (_builder is not null)
                {
                    ThrowMixedBases();
                }

                string? cardOnly = CardOnlyParameters.FirstOrDefault(MyInvocation.BoundParameters.ContainsKey);
                if (cardOnly is not null)
                {
                    ThrowTerminatingError(ErrorFactory.Create(
                        new ArgumentException($"-{cardOnly} chooses the rate card of an estimate; rows from Get-AzCostDetail carry actual or amortized cost, which is reported as given."),
                        "EstimateParameterOnCostRows", ErrorCategory.InvalidArgument, cardOnly, $"Leave out -{cardOnly}: the report is in the rows' billing currency."));
                }

                _builder = CostReportBuilder.ForCostRows(Options());
                _costRows = true;
            }

            try
            {
                _builder!.Add(detail.Row);
            }
            catch (CostRowMixException e)
            {
                bool currency = e.Conflict == CostRowConflict.Currency;
                ThrowTerminatingError(ErrorFactory.Create(e, currency ? "MixedCurrencies" : "MixedCostMetrics", ErrorCategory.InvalidData, InputObject,
                    currency ? "Report one billing currency at a time (Where-Object Currency -eq ...)." : "Report one metric at a time: read the rows with one Get-AzCostDetail -Metric."));
            }
        }

        private void ThrowMixedBases() => ThrowTerminatingError(ErrorFactory.Create(
            new ArgumentException("The input mixes Cost Details rows (actual or amortized cost) with usage to estimate: one report cannot be both."),
            "MixedCostBases", ErrorCategory.InvalidData, InputObject, "Report the Get-AzCostDetail rows and the usage rows in separate files."));

        /// <summary>
        /// Subscriptions piped by property name go into one report; each is checked as it arrives, so a bad one is
        /// reported and the others are still read.
        /// </summary>
        private void AddSubscription()
        {
            if (SubscriptionIdArgument.AcceptForThisInput(SubscriptionId, WriteError) && !_subscriptions.Contains(SubscriptionId))
            {
                _subscriptions.Add(SubscriptionId);
            }
        }

        protected override async Task EndProcessingAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            // Every piped subscription refused (and reported): there is nothing to report on.
            if (!_proceed || (ParameterSetName == SubscriptionSet && _subscriptions.Count == 0))
            {
                return;
            }

            if (_builder is null)
            {
                await StartEstimateAsync(pipeline, cancellationToken).ConfigureAwait(false); // nothing piped: an empty estimate, as before
            }

            CostReportBuilder builder = _builder!;

            UsageGranularity granularity = AggregationGranularity == AzBillingInsights.AggregationGranularity.Hourly ? UsageGranularity.Hourly : UsageGranularity.Daily;
            foreach (string? subscription in _subscriptions)
            {
                await new UsageWindowReader(pipeline).ReadAsync(subscription, From, To, granularity, builder.Add, cancellationToken, ReportingLagDays).ConfigureAwait(false);
            }

            Stopwatch clock = Stopwatch.StartNew();
            CostReport report = builder.Build();
            TimeSpan built = clock.Elapsed;
            if (report.Totals.UnratedRowCount > 0)
            {
                pipeline.WriteWarning($"{NotPriced(report.Totals.UnratedRowCount, report.Totals.UnratedMeterCount)}; the report says so and leaves them out of its totals.");
            }

            clock.Restart();
            var writer = new HtmlReportWriter(Culture);
            string written;
            try
            {
                written = AtomicFilePublisher.WriteText(_destination, overwrite: !NoClobber, w => writer.Write(report, w), cancellationToken);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new CmdletTerminatingException(ErrorFactory.Create(e, "ReportNotWritten", ErrorCategory.WriteError, _destination, null));
            }

            var file = new FileInfo(written);
            pipeline.WriteVerbose($"{(_costRows ? "Added" : "Priced")} {report.Totals.RowCount:N0} rows into the report in {built.TotalMilliseconds:N0} ms and rendered it in {clock.Elapsed.TotalMilliseconds:N0} ms ({file.Length:N0} bytes).");
            pipeline.WriteVerbose($"Cost report written to {written}.");
            if (PassThru)
            {
                pipeline.WriteObject(file);
            }
        }
    }
}
