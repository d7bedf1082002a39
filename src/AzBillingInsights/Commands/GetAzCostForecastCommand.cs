using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Forecasting;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Forecasts the billing period's total from piped daily cost, or from a subscription's usage priced here, or
    /// backtests the forecaster on that history.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AzCostForecast", DefaultParameterSetName = ForecastSet)]
    [OutputType(typeof(CostForecast), ParameterSetName = new[] { ForecastSet, SubscriptionForecastSet })]
    [OutputType(typeof(CostForecastBacktest), ParameterSetName = new[] { BacktestSet, SubscriptionBacktestSet })]
    public sealed class GetAzCostForecastCommand : AsyncPSCmdlet
    {
        private const string ForecastSet = "Forecast";
        private const string BacktestSet = "Backtest";
        private const string SubscriptionForecastSet = "SubscriptionForecast";
        private const string SubscriptionBacktestSet = "SubscriptionBacktest";
        private readonly DailyInput _input = new DailyInput();

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ForecastSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = BacktestSet)]
        [Alias("Day", "UsageDate")]
        public DateTime Date { get; set; }

        /// <summary>Null for a row that could not be priced: counted and left out, with one warning.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ForecastSet)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = BacktestSet)]
        [AllowNull]
        public decimal? Cost { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ForecastSet)]
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = BacktestSet)]
        [Parameter(ParameterSetName = SubscriptionForecastSet)]
        [Parameter(ParameterSetName = SubscriptionBacktestSet)]
        public string? Currency { get; set; }

        /// <summary>Reads and prices this subscription's usage itself instead of taking daily cost from the pipeline.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SubscriptionForecastSet)]
        [Parameter(Mandatory = true, ParameterSetName = SubscriptionBacktestSet)]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        /// <summary>Days of history read with -SubscriptionId before the as-of day.</summary>
        [Parameter(ParameterSetName = SubscriptionForecastSet)]
        [Parameter(ParameterSetName = SubscriptionBacktestSet)]
        [ValidateRange(1, 1000)]
        public int HistoryDays { get; set; } = 182;

        [Parameter(ParameterSetName = SubscriptionForecastSet)]
        [Parameter(ParameterSetName = SubscriptionBacktestSet)]
        [ValidateNotNullOrEmpty]
        public string OfferDurableId { get; set; } = PriceSelection.DefaultOfferDurableId;

        [Parameter(ParameterSetName = ForecastSet)]
        [Parameter(ParameterSetName = SubscriptionForecastSet)]
        public DateTime? Through { get; set; }

        [Parameter(ParameterSetName = ForecastSet)]
        [Parameter(ParameterSetName = SubscriptionForecastSet)]
        public DateTime? AsOf { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = BacktestSet)]
        [Parameter(Mandatory = true, ParameterSetName = SubscriptionBacktestSet)]
        public SwitchParameter Backtest { get; set; }

        [Parameter(ParameterSetName = BacktestSet)]
        [Parameter(ParameterSetName = SubscriptionBacktestSet)]
        [ValidateRange(1, 30)]
        public int[]? CutoffDay { get; set; }

        [Parameter]
        [ValidateRange(1, 28)]
        public int BillingPeriodStartDay { get; set; } = 1;

        protected override Task BeginProcessingAsync(CancellationToken cancellationToken)
        {
            SubscriptionIdArgument.Ensure(SubscriptionId);
            return Task.CompletedTask;
        }

        /// <summary>Collecting a day is cheap and synchronous: no hand-off per pipeline object.</summary>
        protected override void ProcessRecord()
        {
            if (SubscriptionId is not null)
            {
                return;
            }

            if (!_input.TryAdd(Date, Cost, Currency))
            {
                ThrowTerminatingError(ErrorFactory.Create(
                    new ArgumentException($"The input mixes currencies: {_input.Currency} and {Currency}."),
                    "MixedCurrencies", ErrorCategory.InvalidData, Currency, "Forecast one currency at a time (Where-Object Currency -eq ...)."));
            }
        }

        protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
        {
            if (SubscriptionId is not null)
            {
                await ReadDailyCostAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_input.MissingValueWarning("cost") is string missing)
            {
                WriteWarning(missing);
            }

            if (_input.IsEmpty)
            {
                return;
            }

            var forecaster = new Forecaster(new BillingPeriodCalendar(BillingPeriodStartDay));
            DailySeries series = _input.Total();
            try
            {
                if (Backtest.IsPresent)
                {
                    WriteBacktest(series, forecaster.Calendar);
                    return;
                }

                PeriodForecast forecast = forecaster.Forecast(series, AsOf, Through);
                if (forecast.IsHistoryShort)
                {
                    WriteWarning($"Only {forecast.HistoryDays} day(s) of history (under {Forecaster.ShortHistoryDays}): too few to learn this series' own errors, so the intervals follow a prior of how real spend drifts and are wide on purpose.");
                }

                WriteObject(new CostForecast(forecast, _input.Currency ?? string.Empty));
            }
            catch (ArgumentException e)
            {
                throw new CmdletTerminatingException(ErrorFactory.Create(e, "InvalidForecastInput", ErrorCategory.InvalidArgument, null, null));
            }
        }

        /// <summary>The forecaster as it chooses, by cut-off day and overall; the overall row also holds each candidate forced alone.</summary>
        private void WriteBacktest(DailySeries series, BillingPeriodCalendar calendar)
        {
            BacktestReport report = new Backtester(new Forecaster(calendar)) { CutoffDays = CutoffDay, ScoresCandidates = true }.Run(series);
            if (report.Outcomes.Count == 0)
            {
                WriteWarning("No complete billing period without missing days in the input: nothing to backtest.");
                return;
            }

            foreach (BacktestScore score in report.ByCutoffDay)
            {
                WriteObject(new CostForecastBacktest(CostForecastBacktest.Chosen, score, report.PeriodCount));
            }

            var candidates = report.Candidates.Select(c => new CostForecastBacktest(c.Key.ToString(), c.Value, report.PeriodCount)).ToList();
            WriteObject(new CostForecastBacktest(CostForecastBacktest.Chosen, report.Overall, report.PeriodCount, candidates));
        }

        /// <summary>
        /// The subscription's daily cost for the history before the as-of day (default: today), priced by day with
        /// the shared rating engine, as Measure-AzEstimatedCost -GroupBy Day would give it.
        /// </summary>
        private async Task ReadDailyCostAsync(CancellationToken cancellationToken)
        {
            DateTime today = DateTime.UtcNow.Date;
            DateTime end = AsOf.HasValue && AsOf.Value.Date.AddDays(1) < today ? AsOf.Value.Date.AddDays(1) : today;
            DateTime start = end.AddDays(-HistoryDays);
            PriceList card = await PriceSelection.Resolve(BillingSession.Require(), SubscriptionId, OfferDurableId, Currency, locale: null, regionInfo: null)
                .GetAsync(PriceStore.Shared, forceRefresh: false, cancellationToken).ConfigureAwait(false);
            var rater = new UsageRater(card, new CostEstimateOptions
            {
                GroupBy = new[] { GroupDimension.Of(GroupDimensionKind.Day) },
                BillingPeriodStartDay = BillingPeriodStartDay,
            });
            await new UsageWindowReader(this).ReadAsync(SubscriptionId, start, end, UsageGranularity.Daily, rater.Add, cancellationToken).ConfigureAwait(false);
            CostEstimate estimate = rater.Complete();
            foreach (CostGroup day in estimate.Groups)
            {
                if (day.Cost is decimal cost)
                {
                    _input.TryAdd(day.BucketStart!.Value.UtcDateTime, cost, estimate.Currency);
                }
            }

            if (estimate.UnratedRowCount > 0)
            {
                WriteWarning($"{estimate.UnratedRowCount:N0} usage rows on meters missing from the {OfferDurableId} rate card are not in the forecast.");
            }
        }
    }
}
