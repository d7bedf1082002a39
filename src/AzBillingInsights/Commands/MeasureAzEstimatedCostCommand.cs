using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Commands.Estimating;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Prices usage (from Get-AzUsageAggregate, from -SubscriptionId, or planned usage such as Import-Csv rows)
    /// against a rate card from the shared store: graduated tiers, included quantities, billing periods and offer
    /// terms, grouped as asked; optionally compared with other regions or offers. Rows from Get-AzCostDetail are
    /// totalled as given (actual or amortized cost), never re-rated.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "AzEstimatedCost", DefaultParameterSetName = PipelineSet)]
    [OutputType(typeof(EstimatedCost), typeof(CostComparison), typeof(ListPriceComparison))]
    public sealed class MeasureAzEstimatedCostCommand : RateCardPricingCmdlet
    {
        private const string PipelineSet = "Pipeline";
        private const string SubscriptionSet = "Subscription";

        private readonly List<GroupDimension> _groupBy = new List<GroupDimension>();
        private Action<UsageRecord> _add = null!;
        private EstimateRun? _run;
        private MeterResolver? _meters;
        private DateTimeOffset _plannedStart;
        private long _rowNumber;
        private CostEstimateOptions _options = null!;
        private RetailPricesEstimate? _retail;
        private bool _pricingStarted;
        private CostRowMeasure? _costRows;

        /// <summary>Parameters that choose prices or shape the rating: meaningless for cost that is already charged.</summary>
        private static readonly string[] EstimateOnlyParameters =
        {
            nameof(Explain), nameof(ExcludeOfferTerms), nameof(CompareRegion), nameof(CompareOffer), nameof(CompareSku), nameof(CompareCommitment),
            nameof(PriceSource), nameof(OfferDurableId), nameof(Currency), nameof(Locale), nameof(RegionInfo), nameof(BillingPeriodStartDay), nameof(SubscriptionId),
        };

        /// <summary>A usage row from Get-AzUsageAggregate, or a planned-usage row (MeterId or MeterName + MeterRegion, and Quantity).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PipelineSet)]
        public PSObject? InputObject { get; set; }

        /// <summary>Reads the usage itself (no pipeline overhead); the connection's subscription when omitted. Also the subscription whose RateCard is read.</summary>
        [Parameter(ParameterSetName = PipelineSet)]
        [Parameter(ParameterSetName = SubscriptionSet)]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        /// <summary>Start (inclusive) of the usage-time window read (of -SubscriptionId, or the connection's subscription).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SubscriptionSet)]
        public DateTime From { get; set; }

        /// <summary>End (exclusive) of the usage-time window read with -SubscriptionId.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SubscriptionSet)]
        public DateTime To { get; set; }

        /// <summary>Days after -To in which rows of the window may still be reported, and are read (late rows).</summary>
        [Parameter(ParameterSetName = SubscriptionSet)]
        [ValidateRange(0, UsagePeriodReader.MaxReportingLagDays)]
        public int ReportingLagDays { get; set; } = UsagePeriodReader.DefaultReportingLagDays;

        /// <summary>Buckets read with -SubscriptionId; Hourly by default only when grouping by Hour.</summary>
        [Parameter(ParameterSetName = SubscriptionSet)]
        [Alias("Granularity")]
        public AggregationGranularity? AggregationGranularity { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(GroupByCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] GroupBy { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateRange(1, 28)]
        public int BillingPeriodStartDay { get; set; } = 1;

        /// <summary>Adds the per-tier breakdown to each group.</summary>
        [Parameter]
        public SwitchParameter Explain { get; set; }

        /// <summary>Prices at the card's rates only, without the offer's credit or commitment discount.</summary>
        [Parameter]
        public SwitchParameter ExcludeOfferTerms { get; set; }

        /// <summary>Re-prices the same usage with each region's equivalent meter.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CompareRegion { get; set; }

        /// <summary>Re-prices the same usage with other offers' rate cards, their terms included.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(OfferDurableIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string[]? CompareOffer { get; set; }

        /// <summary>With -PriceSource RetailPrices: re-prices the same usage with one SKU's meters priced as another's (Standard_D4s_v3=Standard_D4s_v5).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CompareSku { get; set; }

        /// <summary>With -PriceSource RetailPrices: the same usage on 1- and 3-year savings plans and reservations, as CostComparison rows.</summary>
        [Parameter]
        public SwitchParameter CompareCommitment { get; set; }

        /// <summary>RateCard (the subscription's offer, the default) or RetailPrices (public list prices; no sign-in for planned usage).</summary>
        [Parameter]
        public PriceSourceName PriceSource { get; set; } = PriceSourceName.RateCard;

        /// <summary>With Get-AzCostDetail rows: each meter's negotiated price against its list price, as ListPriceComparison rows.</summary>
        [Parameter(ParameterSetName = PipelineSet)]
        public ListPriceSource? CompareTo { get; set; }

        /// <summary>Downloads the rate card (or the Retail Prices) even when the store has a fresh copy.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override async Task BeginProcessingAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            SubscriptionIdArgument.Ensure(SubscriptionId);
            foreach (string dimension in GroupBy)
            {
                try
                {
                    _groupBy.Add(GroupDimension.Parse(dimension));
                }
                catch (FormatException e)
                {
                    throw new ArgumentException(e.Message, nameof(GroupBy), e);
                }
                catch (ArgumentException e)
                {
                    throw new ArgumentException($"-GroupBy '{dimension}' names no tag: use Tag:<name>, e.g. Tag:CostCenter.", nameof(GroupBy), e);
                }
            }

            _options = new CostEstimateOptions
            {
                GroupBy = _groupBy,
                BillingPeriodStartDay = BillingPeriodStartDay,
                Explain = Explain,
                ApplyOfferTerms = !ExcludeOfferTerms,
            };
            _plannedStart = new BillingPeriodCalendar(BillingPeriodStartDay).PeriodOf(BillingClock.Instance.GetUtcNow()).Start;
            if (PriceSource == PriceSourceName.RateCard && (CompareCommitment || CompareSku is not null))
            {
                throw new ArgumentException("-CompareCommitment and -CompareSku price with Retail Prices: add -PriceSource RetailPrices.", CompareSku is null ? nameof(CompareCommitment) : nameof(CompareSku));
            }

            if (CompareTo is not null && GroupBy.Length > 0)
            {
                throw new ArgumentException("-CompareTo compares prices meter by meter; leave out -GroupBy.", nameof(GroupBy));
            }

            // Piped rows may be Cost Details rows, which are never priced: prices are read only once a row needs them.
            if (ParameterSetName == SubscriptionSet)
            {
                await StartPricingAsync(pipeline, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Runs on the first piped row that is priced (not a Cost Details row): the prices it needs are read then.</summary>
        protected override Task ProcessRecordAsync(AsyncPipeline pipeline, CancellationToken cancellationToken) =>
            StartPricingAsync(pipeline, cancellationToken);

        private async Task StartPricingAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            _pricingStarted = true;
            if (PriceSource == PriceSourceName.RetailPrices)
            {
                var whatIf = new RetailPricesWhatIf { CompareRegion = CompareRegion, CompareOffer = CompareOffer, CompareSku = CompareSku, CompareCommitment = CompareCommitment };
                var retail = new RetailPricesEstimate(Currency, Force, whatIf);
                _retail = retail;
                _add = retail.Add;
                return;
            }

            PriceList card = await GetPricingCardAsync(pipeline, SubscriptionId, Force, cancellationToken).ConfigureAwait(false);
            _meters = new MeterResolver(card);
            _run = new EstimateRun(card, _options, await ScenariosAsync(card, cancellationToken).ConfigureAwait(false));
            _add = _run.Add;
        }

        /// <summary>Adding a row is cheap and synchronous: no hand-off to another thread per pipeline object.</summary>
        protected override void ProcessRecord()
        {
            if (InputObject is null)
            {
                return;
            }

            _rowNumber++;
            if (InputObject.BaseObject is CostDetail detail)
            {
                AddCostRow(detail);
                return;
            }

            if (_costRows is not null)
            {
                ThrowMixedBases();
            }

            if (CompareTo is not null)
            {
                ThrowTerminatingError(ErrorFactory.Create(
                    new ArgumentException("-CompareTo RetailPrices sets the negotiated prices of Get-AzCostDetail rows against list prices; usage rows have no negotiated price."),
                    "CompareToNeedsCostRows", ErrorCategory.InvalidArgument, InputObject,
                    "Pipe Get-AzCostDetail rows, or estimate the usage at list prices with -PriceSource RetailPrices."));
            }

            if (!_pricingStarted)
            {
                base.ProcessRecord();
            }

            if (InputObject.BaseObject is UsageAggregate usage)
            {
                _add(usage.Record);
                return;
            }

            try
            {
                ExpectedUsage planned = PlannedUsageReader.Read(InputObject, _rowNumber);
                if (_retail is not null)
                {
                    _retail.AddPlanned(InputObject, planned); // resolved once its prices are read
                    return;
                }

                MeterResolution resolution = _meters!.Resolve(planned);
                if (!resolution.IsResolved)
                {
                    WriteError(PlannedRowErrors.Unresolved(resolution, InputObject));
                    return;
                }

                _add(resolution.ToUsageRecord(_plannedStart));
            }
            catch (ArgumentException e)
            {
                // One bad row is reported and skipped; the valid rows around it are still priced.
                WriteError(ErrorFactory.Create(e, "InvalidUsageRow", ErrorCategory.InvalidData, InputObject, null));
            }
        }

        /// <summary>
        /// Cost Details rows carry what was charged: they are totalled as given, never priced again, and the output
        /// says which cost they are. Options that only shape an estimate are refused rather than silently ignored.
        /// </summary>
        private void AddCostRow(CostDetail detail)
        {
            if (_pricingStarted)
            {
                ThrowMixedBases();
            }

            if (_costRows is null)
            {
                // -Force refreshes prices: the card of an estimate, or the list prices of -CompareTo.
                string? estimateOnly = EstimateOnlyParameters.FirstOrDefault(MyInvocation.BoundParameters.ContainsKey)
                    ?? (CompareTo is null && Force ? nameof(Force) : null);
                if (estimateOnly is not null)
                {
                    ThrowTerminatingError(ErrorFactory.Create(
                        new ArgumentException($"-{estimateOnly} shapes an estimate; rows from Get-AzCostDetail carry actual or amortized cost, which is taken as given and never re-rated."),
                        "EstimateParameterOnCostRows", ErrorCategory.InvalidArgument, estimateOnly,
                        $"Leave out -{estimateOnly}: the cost rows are totalled by -GroupBy in their billing currency."));
                }

                try
                {
                    _costRows = new CostRowMeasure(_groupBy, compareToListPrices: CompareTo is not null);
                }
                catch (ArgumentException e)
                {
                    ThrowTerminatingError(ErrorFactory.Create(e, "InvalidGroupBy", ErrorCategory.InvalidArgument, GroupBy, "Group Cost Details rows by Day or Month."));
                }
            }

            try
            {
                _costRows!.Add(detail.Row);
            }
            catch (CostRowMixException e)
            {
                bool currency = e.Conflict == CostRowConflict.Currency;
                ThrowTerminatingError(ErrorFactory.Create(e, currency ? "MixedCurrencies" : "MixedCostMetrics", ErrorCategory.InvalidData, InputObject,
                    currency
                        ? "Total one billing currency at a time (Where-Object Currency -eq ...)."
                        : "Total one metric at a time: read the rows with one Get-AzCostDetail -Metric."));
            }
        }

        private void ThrowMixedBases() => ThrowTerminatingError(ErrorFactory.Create(
            new ArgumentException("The input mixes Cost Details rows (actual or amortized cost) with usage to estimate: one total cannot be both."),
            "MixedCostBases", ErrorCategory.InvalidData, InputObject,
            "Measure the Get-AzCostDetail rows and the usage rows in separate calls."));

        protected override async Task EndProcessingAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            if (_costRows is not null)
            {
                await _costRows.WriteAsync(pipeline, Force, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (!_pricingStarted)
            {
                return; // nothing was piped
            }

            if (ParameterSetName == SubscriptionSet)
            {
                await ReadUsageAsync(pipeline, cancellationToken).ConfigureAwait(false);
            }

            EstimateRun run = _retail is null ? _run! : await _retail.PriceAsync(pipeline, _options, _plannedStart, cancellationToken).ConfigureAwait(false);
            CostEstimate estimate = run.Complete();
            ReportWhatWasNotPriced(pipeline, estimate);
            if (run.Comparisons() is { } comparisons)
            {
                foreach (Engine.Pricing.CostComparison comparison in comparisons)
                {
                    pipeline.WriteObject(CostComparison.Create(comparison, estimate.GroupBy));
                }

                return;
            }

            foreach (CostGroup group in estimate.Groups)
            {
                pipeline.WriteObject(EstimatedCost.Create(group, estimate.GroupBy, estimate.Basis));
            }
        }

        private Task ReadUsageAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            bool hourly = AggregationGranularity == AzBillingInsights.AggregationGranularity.Hourly
                || (AggregationGranularity is null && _groupBy.Any(d => d.Kind == GroupDimensionKind.Hour));
            UsageGranularity granularity = hourly ? UsageGranularity.Hourly : UsageGranularity.Daily;
            return new UsageWindowReader(pipeline).ReadAsync(SubscriptionId, From, To, granularity, _add, cancellationToken, ReportingLagDays);
        }

        private void ReportWhatWasNotPriced(AsyncPipeline pipeline, CostEstimate estimate)
        {
            ReportUnitMismatches(pipeline, estimate);
            List<UnratedMeter> withoutPrice = estimate.UnratedMeters.Where(m => !m.IsUnitMismatch).ToList();
            if (withoutPrice.Count > 0)
            {
                long rows = withoutPrice.Sum(m => m.RowCount);
                string meters = string.Join(", ", withoutPrice.Take(10).Select(m => $"{m.MeterId} ({m.RowCount} rows)"));
                string notPriced = _retail is null
                    ? NotPriced(rows, withoutPrice.Count)
                    : $"{rows:N0} rows on {withoutPrice.Count} meters without a pay-as-you-go retail price in {Currency} were not priced";
                pipeline.WriteWarning($"{notPriced}; they are in groups marked Unrated with no cost: {meters}.");
            }

            if (estimate.DeprecatedMeters.Count > 0)
            {
                pipeline.WriteWarning($"{estimate.DeprecatedMeters.Count} meters in use are marked Deprecated in the rate card: {string.Join(", ", estimate.DeprecatedMeters.Take(10).Select(m => m.Meter.MeterId))}.");
            }
        }

        /// <summary>Usage in a unit its price does not count (hours priced per GB) is an error per meter: converting it would be a guess.</summary>
        private static void ReportUnitMismatches(AsyncPipeline pipeline, CostEstimate estimate)
        {
            foreach (UnratedMeter meter in estimate.UnratedMeters.Where(m => m.IsUnitMismatch))
            {
                pipeline.WriteError(ErrorFactory.Create(
                    new InvalidDataException($"Meter {meter.MeterId} ({meter.MeterName}): {meter.RowCount:N0} rows report usage in '{meter.Unit}', which does not convert to the price's unit '{meter.PriceUnit}'. They are in groups marked Unrated with no cost."),
                    "UsageUnitMismatch", ErrorCategory.InvalidData, meter.MeterId,
                    $"Check that the rows name the meter they mean; or give their Quantity in '{meter.PriceUnit}' and set Unit to it."));
            }
        }

        private async Task<List<WhatIfScenario>> ScenariosAsync(PriceList card, CancellationToken cancellationToken)
        {
            var scenarios = new List<WhatIfScenario>();
            foreach (string region in CompareRegion ?? Array.Empty<string>())
            {
                // A misspelt region would otherwise price every row as unrated there.
                if (!card.Meters.Any(m => string.Equals(m.MeterRegion, region.Trim(), StringComparison.OrdinalIgnoreCase)))
                {
                    string known = string.Join(", ", card.Meters.Select(m => m.MeterRegion).Where(r => r.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(r => r, StringComparer.Ordinal).Take(12));
                    throw new ArgumentException($"-CompareRegion '{region}' is not a meter region of the {card.Offer} {card.Currency} rate card. Regions include: {known}.", nameof(CompareRegion));
                }

                scenarios.Add(WhatIfScenario.InRegion(region));
            }

            foreach (string offer in CompareOffer ?? Array.Empty<string>())
            {
                scenarios.Add(WhatIfScenario.WithCard(await GetRateCardAsync(offer, SubscriptionId, Force, cancellationToken).ConfigureAwait(false)));
            }

            return scenarios;
        }
    }
}
