using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using AzBillingInsights.Engine.Forecasting;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Commands
{
    /// <summary>Raises budget alerts on piped daily cost, or quantity alerts per group, on actual and forecast.</summary>
    [Cmdlet(VerbsCommon.Get, "AzCostAlert", DefaultParameterSetName = BudgetSet)]
    [OutputType(typeof(CostAlert))]
    public sealed class GetAzCostAlertCommand : PSCmdlet
    {
        private const string BudgetSet = "Budget";
        private const string QuantitySet = "Quantity";
        private readonly DailyInput _input = new DailyInput();

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Day", "UsageDate")]
        public DateTime Date { get; set; }

        /// <summary>Null for a row that could not be priced: counted and left out, with one warning.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = BudgetSet)]
        [AllowNull]
        public decimal? Cost { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = BudgetSet)]
        public string? Currency { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = BudgetSet)]
        public decimal Budget { get; set; }

        [Parameter(ParameterSetName = BudgetSet)]
        public string Scope { get; set; } = "Total";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = QuantitySet)]
        [AllowNull]
        public decimal? Quantity { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = QuantitySet)]
        public string Group { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = QuantitySet)]
        [ValidateNotNullOrEmpty]
        public Hashtable? Limit { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public decimal[] Threshold { get; set; } = { 50m, 80m, 100m };

        [Parameter]
        public DateTime? AsOf { get; set; }

        [Parameter]
        [ValidateRange(1, 28)]
        public int BillingPeriodStartDay { get; set; } = 1;

        protected override void ProcessRecord()
        {
            bool quantity = ParameterSetName == QuantitySet;
            if (!_input.TryAdd(Date, quantity ? Quantity : Cost, quantity ? null : Currency, quantity ? Group : string.Empty))
            {
                ThrowTerminatingError(ErrorFactory.Create(
                    new ArgumentException($"The input mixes currencies: {_input.Currency} and {Currency}."),
                    "MixedCurrencies", ErrorCategory.InvalidData, Currency, "Check one currency at a time (Where-Object Currency -eq ...)."));
            }
        }

        protected override void EndProcessing()
        {
            if (_input.MissingValueWarning(ParameterSetName == QuantitySet ? "quantity" : "cost") is string missing)
            {
                WriteWarning(missing);
            }

            if (_input.IsEmpty)
            {
                return;
            }

            var forecaster = new Forecaster(new BillingPeriodCalendar(BillingPeriodStartDay));
            var evaluator = new ThresholdAlertEvaluator();
            try
            {
                IReadOnlyList<ThresholdAlert> alerts;
                if (ParameterSetName == QuantitySet)
                {
                    var limits = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in Limit!)
                    {
                        limits[entry.Key.ToString() ?? string.Empty] = LimitOf(entry);
                    }

                    alerts = evaluator.EvaluateGroups(_input.Groups(), limits, forecaster, AsOf, AlertMeasure.Quantity, Threshold);
                }
                else
                {
                    PeriodForecast forecast = forecaster.Forecast(_input.Total(), AsOf);
                    alerts = evaluator.Evaluate(forecast, Budget, Scope, AlertMeasure.Money, Threshold);
                }

                foreach (ThresholdAlert alert in alerts)
                {
                    WriteObject(new CostAlert(alert, alert.Measure == AlertMeasure.Money ? _input.Currency : null));
                }
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorFactory.Create(e, "InvalidAlertInput", ErrorCategory.InvalidArgument, null, null));
            }
        }

        private static decimal LimitOf(DictionaryEntry entry)
        {
            try
            {
                return Convert.ToDecimal(entry.Value, CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException || e is InvalidCastException || e is OverflowException)
            {
                throw new ArgumentException($"-Limit for group '{entry.Key}' is not a number: '{entry.Value}'. Give a quantity such as 730.", nameof(Limit), e);
            }
        }
    }
}
