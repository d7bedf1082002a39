using System;
using System.Management.Automation;
using AzBillingInsights.Engine.Forecasting;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Commands
{
    /// <summary>Forecasts the billing period's total from piped daily cost, or backtests the forecaster on it.</summary>
    [Cmdlet(VerbsCommon.Get, "AzCostForecast", DefaultParameterSetName = ForecastSet)]
    [OutputType(typeof(CostForecast), ParameterSetName = new[] { ForecastSet })]
    [OutputType(typeof(CostForecastBacktest), ParameterSetName = new[] { BacktestSet })]
    public sealed class GetAzCostForecastCommand : PSCmdlet
    {
        private const string ForecastSet = "Forecast";
        private const string BacktestSet = "Backtest";
        private readonly DailyInput _input = new DailyInput();

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Day", "UsageDate")]
        public DateTime Date { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public decimal Cost { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Currency { get; set; }

        [Parameter(ParameterSetName = ForecastSet)]
        public DateTime? Through { get; set; }

        [Parameter(ParameterSetName = ForecastSet)]
        public DateTime? AsOf { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = BacktestSet)]
        public SwitchParameter Backtest { get; set; }

        [Parameter(ParameterSetName = BacktestSet)]
        [ValidateRange(1, 30)]
        public int[]? CutoffDay { get; set; }

        [Parameter]
        [ValidateRange(1, 28)]
        public int BillingPeriodStartDay { get; set; } = 1;

        protected override void ProcessRecord()
        {
            if (!_input.TryAdd(Date, Cost, Currency))
            {
                ThrowTerminatingError(ErrorFactory.Create(
                    new ArgumentException($"The input mixes currencies: {_input.Currency} and {Currency}."),
                    "MixedCurrencies", ErrorCategory.InvalidData, Currency, "Forecast one currency at a time (Where-Object Currency -eq ...)."));
            }
        }

        protected override void EndProcessing()
        {
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
                    BacktestReport report = new Backtester(forecaster) { CutoffDays = CutoffDay }.Run(series);
                    if (report.Outcomes.Count == 0)
                    {
                        WriteWarning("No complete billing period without missing days in the input: nothing to backtest.");
                        return;
                    }

                    foreach (BacktestScore score in report.ByCutoffDay)
                    {
                        WriteObject(new CostForecastBacktest(score, report.PeriodCount));
                    }

                    WriteObject(new CostForecastBacktest(report.Overall, report.PeriodCount));
                    return;
                }

                PeriodForecast forecast = forecaster.Forecast(series, AsOf, Through);
                if (forecast.IsHistoryShort)
                {
                    WriteWarning($"Only {forecast.HistoryDays} day(s) of history: the forecast is a {forecast.Method} without weekly rhythm or trend, and its intervals are wide.");
                }

                WriteObject(new CostForecast(forecast, _input.Currency ?? string.Empty));
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorFactory.Create(e, "InvalidForecastInput", ErrorCategory.InvalidArgument, null, null));
            }
        }
    }
}
