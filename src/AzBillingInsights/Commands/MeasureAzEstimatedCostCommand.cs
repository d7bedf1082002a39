using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Prices.RetailPrices;
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
        private const int ListPriceProgressId = 0x5A65;

        private readonly List<GroupDimension> _groupBy = new List<GroupDimension>();
        private Action<UsageRecord> _add = null!;
        private Func<CostEstimate> _complete = null!;
        private Func<IReadOnlyList<Engine.Pricing.CostComparison>>? _comparisons;
        private MeterResolver? _meters;
        private DateTimeOffset _plannedStart;
        private long _rowNumber;
        private CostEstimateOptions _options = null!;
        private List<RetailRow>? _retailRows;
        private bool _pricingStarted;
        private CostRowAggregator? _costRows;
        private ListPriceComparer? _listPrices;

        /// <summary>Parameters that choose prices or shape the rating: meaningless for cost that is already charged.</summary>
        private static readonly string[] EstimateOnlyParameters =
        {
            nameof(Explain), nameof(ExcludeOfferTerms), nameof(CompareRegion), nameof(CompareOffer), nameof(CompareSku), nameof(CompareCommitment),
            nameof(PriceSource), nameof(OfferDurableId), nameof(Currency), nameof(Locale), nameof(RegionInfo), nameof(BillingPeriodStartDay), nameof(SubscriptionId),
        };

        /// <summary>A usage row from Get-AzUsageAggregate, or a planned-usage row (MeterId or MeterName + MeterRegion, and Quantity).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = PipelineSet)]
        public PSObject? InputObject { get; set; }

        /// <summary>Reads the usage itself (no pipeline overhead). Also the subscription whose RateCard is read.</summary>
        [Parameter(ParameterSetName = PipelineSet)]
        [Parameter(Mandatory = true, ParameterSetName = SubscriptionSet)]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        /// <summary>Start (inclusive) of the usage-time window read with -SubscriptionId.</summary>
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
            CostEstimateOptions options = _options;
            if (PriceSource == PriceSourceName.RetailPrices)
            {
                StartRetailPricing();
                return;
            }

            PriceList card = await GetPricingCardAsync(pipeline, SubscriptionId, Force, cancellationToken).ConfigureAwait(false);
            _meters = new MeterResolver(card);

            List<WhatIfScenario> scenarios = await ScenariosAsync(card, cancellationToken).ConfigureAwait(false);
            if (scenarios.Count == 0)
            {
                var rater = new UsageRater(card, options);
                _add = rater.Add;
                _complete = rater.Complete;
            }
            else
            {
                var comparer = new WhatIfComparer(card, options, scenarios);
                _add = comparer.Add;
                WhatIfResult? result = null;
                _complete = () => (result ??= comparer.Complete()).Current;
                _comparisons = () => (result ??= comparer.Complete()).Comparisons;
            }
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

            if (_costRows is not null || _listPrices is not null)
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

            if (_retailRows is not null)
            {
                CollectRetailRow(InputObject);
                return;
            }

            if (InputObject.BaseObject is UsageAggregate usage)
            {
                _add(usage.Record);
                return;
            }

            try
            {
                MeterResolution resolution = _meters!.Resolve(PlannedUsageReader.Read(InputObject, _rowNumber));
                if (!resolution.IsResolved)
                {
                    // No meter is a missing object; several is a row that says too little to pick one.
                    bool ambiguous = resolution.Candidates.Count > 1;
                    WriteError(ErrorFactory.Create(new ArgumentException(resolution.Error), ambiguous ? "AmbiguousMeter" : "UnknownMeter",
                        ambiguous ? ErrorCategory.InvalidData : ErrorCategory.ObjectNotFound, InputObject, null));
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

            if (_costRows is null && _listPrices is null)
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
                    if (CompareTo is null)
                    {
                        _costRows = new CostRowAggregator(_groupBy);
                    }
                    else
                    {
                        _listPrices = new ListPriceComparer();
                    }
                }
                catch (ArgumentException e)
                {
                    ThrowTerminatingError(ErrorFactory.Create(e, "InvalidGroupBy", ErrorCategory.InvalidArgument, GroupBy, "Group Cost Details rows by Day or Month."));
                }
            }

            try
            {
                if (_listPrices is not null)
                {
                    _listPrices.Add(detail.Row);
                }
                else
                {
                    _costRows!.Add(detail.Row);
                }
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
            if (_listPrices is not null)
            {
                await CompareWithRetailPricesAsync(pipeline, _listPrices, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (_costRows is not null)
            {
                CostEstimate actual = _costRows.Complete();
                foreach (CostGroup group in actual.Groups)
                {
                    pipeline.WriteObject(EstimatedCost.Create(group, actual.GroupBy, actual.Basis));
                }

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

            if (_retailRows is not null)
            {
                await PriceWithRetailPricesAsync(pipeline, cancellationToken).ConfigureAwait(false);
            }

            CostEstimate estimate = _complete();
            ReportWhatWasNotPriced(pipeline, estimate);
            if (_comparisons is not null)
            {
                foreach (Engine.Pricing.CostComparison comparison in _comparisons())
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

        /// <summary>
        /// Reads the list price of each meter in the rows from Retail Prices (through the price store, so cached), in
        /// the rows' billing currency, and writes one comparison per meter. Meters that could not be compared are
        /// written too, flagged, and counted in a warning; rows that are not usage are counted in another.
        /// </summary>
        private async Task CompareWithRetailPricesAsync(AsyncPipeline pipeline, ListPriceComparer comparer, CancellationToken cancellationToken)
        {
            string currency = comparer.Currency!;
            var book = new RetailPriceBook(PriceStore.Shared, new RetailPricesClient(RetailPricesEndpoint.Resolve()), currency);
            string activity = $"Reading list prices in {currency}";
            var shown = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<Engine.Costs.ListPriceComparison> comparisons;
            try
            {
                // The bar moves at most five times a second.
                comparisons = await comparer.CompareAsync(book, Force, (read, all) =>
                {
                    if (shown.ElapsedMilliseconds >= 200)
                    {
                        shown.Restart();
                        pipeline.WriteProgress(new ProgressRecord(ListPriceProgressId, activity, $"{read:N0} of {all:N0} meters") { PercentComplete = read * 100 / all });
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                pipeline.WriteProgress(new ProgressRecord(ListPriceProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            pipeline.WriteVerbose($"Compared with Retail Prices in {currency} from {book.Prices.Origin} ({book.Prices.Meters.Count:N0} pay-as-you-go prices).");
            foreach (Engine.Costs.ListPriceComparison comparison in comparisons)
            {
                pipeline.WriteObject(new ListPriceComparison(comparison));
            }

            var notCompared = comparisons.Where(c => c.Status != Engine.Costs.ListPriceStatus.Compared).ToList();
            if (notCompared.Count > 0)
            {
                int noPrice = notCompared.Count(c => c.Status == Engine.Costs.ListPriceStatus.NoListPrice);
                pipeline.WriteWarning(
                    $"{notCompared.Count} meters ({notCompared.Sum(c => c.RowCount):N0} rows, {currency} {notCompared.Sum(c => c.Cost):N2}) were not compared: " +
                    $"{noPrice} have no pay-as-you-go retail price in {currency}, {notCompared.Count - noPrice} are in a unit the retail price cannot be converted from. They are marked in Status, with no list cost.");
            }

            if (comparer.OtherChargeRowCount > 0)
            {
                pipeline.WriteWarning($"{comparer.OtherChargeRowCount:N0} rows that are not usage (purchases, refunds, adjustments; {currency} {comparer.OtherChargeCost:N2}) have no list price and are not in the comparison.");
            }
        }

        /// <summary>
        /// Retail Prices are read per meter and per SKU, so the rows are kept until the input ends and then priced
        /// with what they need. No sign-in is needed unless usage is read with -SubscriptionId.
        /// </summary>
        private void StartRetailPricing()
        {
            if (CompareOffer is not null)
            {
                throw new ArgumentException("-CompareOffer compares offers' rate cards; Retail Prices has one price list for everyone. Use -PriceSource RateCard.", nameof(CompareOffer));
            }

            foreach (string pair in CompareSku ?? Array.Empty<string>())
            {
                _ = SkuPair(pair);
            }

            var rows = new List<RetailRow>();
            _retailRows = rows;
            _add = record => rows.Add(new RetailRow(null, null, record));
        }

        private void CollectRetailRow(PSObject input)
        {
            if (input.BaseObject is UsageAggregate usage)
            {
                _add(usage.Record);
                return;
            }

            try
            {
                _retailRows!.Add(new RetailRow(input, PlannedUsageReader.Read(input, _rowNumber), null));
            }
            catch (ArgumentException e)
            {
                WriteError(ErrorFactory.Create(e, "InvalidUsageRow", ErrorCategory.InvalidData, input, null));
            }
        }

        private async Task PriceWithRetailPricesAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            List<RetailRow> rows = _retailRows!;
            var client = new RetailPricesClient(RetailPricesEndpoint.Resolve());
            var book = new RetailPriceBook(PriceStore.Shared, client, Currency);
            IEnumerable<string> meterIds = rows.Select(r => r.Usage?.MeterId ?? r.Planned?.MeterId).Where(id => !string.IsNullOrWhiteSpace(id))!;
            await book.LoadAsync(meterIds!, rows.Where(r => r.Planned is not null).Select(r => r.Planned!), Force, cancellationToken).ConfigureAwait(false);
            pipeline.WriteVerbose($"Pricing with Retail Prices in {Currency} from {book.Prices.Origin} ({book.Prices.Meters.Count:N0} pay-as-you-go prices).");
            pipeline.WriteWarning("Retail Prices states no included (free) quantities, so none were applied; offer terms (credits, commitment discounts) do not apply either.");

            List<WhatIfScenario> scenarios = await RetailScenariosAsync(pipeline, client, book, cancellationToken).ConfigureAwait(false);
            Action<UsageRecord> add;
            if (scenarios.Count > 0)
            {
                var comparer = new WhatIfComparer(book.Prices, _options, scenarios);
                add = comparer.Add;
                WhatIfResult? result = null;
                _complete = () => (result ??= comparer.Complete()).Current;
                _comparisons = () => (result ??= comparer.Complete()).Comparisons;
            }
            else
            {
                var rater = new UsageRater(book.Prices, _options);
                add = rater.Add;
                _complete = rater.Complete;
            }

            foreach (RetailRow row in rows)
            {
                if (row.Usage is not null)
                {
                    add(row.Usage);
                    continue;
                }

                MeterResolution resolution = book.Resolve(row.Planned!);
                if (resolution.IsResolved)
                {
                    add(resolution.ToUsageRecord(_plannedStart));
                    continue;
                }

                bool ambiguous = resolution.Candidates.Count > 1;
                pipeline.WriteError(ErrorFactory.Create(new ArgumentException(resolution.Error), ambiguous ? "AmbiguousMeter" : "UnknownMeter",
                    ambiguous ? ErrorCategory.InvalidData : ErrorCategory.ObjectNotFound, row.Input, null));
            }
        }

        /// <summary>Other regions (the same meters there), other SKUs and commitments, in that order.</summary>
        private async Task<List<WhatIfScenario>> RetailScenariosAsync(AsyncPipeline pipeline, RetailPricesClient client, RetailPriceBook book, CancellationToken cancellationToken)
        {
            var scenarios = new List<WhatIfScenario>();
            if (CompareRegion is not null)
            {
                await book.LoadInLocationsAsync(CompareRegion, Force, cancellationToken).ConfigureAwait(false);
                foreach (string region in CompareRegion.Select(r => r.Trim()))
                {
                    if (!book.Prices.Meters.Any(m => string.Equals(m.MeterRegion, region, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new ArgumentException($"-CompareRegion '{region}': Retail Prices has none of these meters in that location. Give the location as Retail Prices and usage rows name it, for example 'EU West' or 'US East 2'.", nameof(CompareRegion));
                    }

                    scenarios.Add(WhatIfScenario.InRegion(region));
                }
            }

            foreach (string pair in CompareSku ?? Array.Empty<string>())
            {
                (string from, string to) = SkuPair(pair);
                PriceList prices = await book.WithSkuAsync(from, to, Force, cancellationToken).ConfigureAwait(false);
                scenarios.Add(WhatIfScenario.WithPrices($"SKU: {from} -> {to}", prices));
            }

            if (CompareCommitment)
            {
                scenarios.AddRange(await CommitmentScenarios.BuildAsync(client, book.Prices, cancellationToken).ConfigureAwait(false));
                pipeline.WriteWarning($"The savings-plan and reservation comparisons {CommitmentScenarios.Assumption}. A commitment is paid whether used or not; meters without one stay at pay-as-you-go.");
            }

            return scenarios;
        }

        private static (string From, string To) SkuPair(string pair)
        {
            string[] parts = pair.Split('=');
            return parts.Length == 2 && parts[0].Trim().Length > 0 && parts[1].Trim().Length > 0
                ? (parts[0].Trim(), parts[1].Trim())
                : throw new ArgumentException($"-CompareSku '{pair}' is not a SKU mapping: write it as from=to, for example Standard_D4s_v3=Standard_D4s_v5.", nameof(CompareSku));
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
            if (estimate.UnratedMeters.Count > 0)
            {
                string meters = string.Join(", ", estimate.UnratedMeters.Take(10).Select(m => $"{m.MeterId} ({m.RowCount} rows)"));
                string notPriced = _retailRows is null
                    ? NotPriced(estimate.UnratedRowCount, estimate.UnratedMeters.Count)
                    : $"{estimate.UnratedRowCount:N0} rows on {estimate.UnratedMeters.Count} meters without a pay-as-you-go retail price in {Currency} were not priced";
                pipeline.WriteWarning($"{notPriced}; they are in groups marked Unrated with no cost: {meters}.");
            }

            if (estimate.DeprecatedMeters.Count > 0)
            {
                pipeline.WriteWarning($"{estimate.DeprecatedMeters.Count} meters in use are marked Deprecated in the rate card: {string.Join(", ", estimate.DeprecatedMeters.Take(10).Select(m => m.Meter.MeterId))}.");
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

        /// <summary>A row kept for Retail Prices: a usage row, or a planned row with the input it came from (for errors).</summary>
        private sealed class RetailRow
        {
            internal RetailRow(PSObject? input, ExpectedUsage? planned, UsageRecord? usage)
            {
                Input = input;
                Planned = planned;
                Usage = usage;
            }

            internal PSObject? Input { get; }
            internal ExpectedUsage? Planned { get; }
            internal UsageRecord? Usage { get; }
        }
    }
}
