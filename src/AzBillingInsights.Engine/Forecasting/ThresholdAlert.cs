using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>Whether the threshold was passed by what was spent or used, or is projected to be by the forecast.</summary>
    public enum AlertBasis
    {
        Actual,
        Forecast,
    }

    /// <summary>Whether the limit is money (a budget) or a quantity of a meter, category, resource or tag group.</summary>
    public enum AlertMeasure
    {
        Money,
        Quantity,
    }

    public enum AlertSeverity
    {
        /// <summary>A threshold under 80% of the limit.</summary>
        Info,

        /// <summary>A threshold from 80% up to the limit.</summary>
        Warning,

        /// <summary>The limit itself (100%) or beyond.</summary>
        Critical,
    }

    /// <summary>One threshold of a budget or quantity limit passed, or projected to be passed, within a period.</summary>
    public sealed class ThresholdAlert
    {
        internal ThresholdAlert(
            AlertBasis basis,
            AlertMeasure measure,
            string scope,
            decimal threshold,
            decimal limit,
            PeriodForecast forecast,
            DateTime? breachDate,
            AlertSeverity severity,
            string message)
        {
            Basis = basis;
            Measure = measure;
            Scope = scope;
            Threshold = threshold;
            Limit = limit;
            ThresholdAmount = limit * threshold / 100m;
            Actual = forecast.ActualToDate;
            Forecast = forecast.Forecast;
            Upper95 = forecast.Interval.Upper95;
            PeriodStart = forecast.PeriodStart;
            PeriodEnd = forecast.PeriodEnd;
            AsOf = forecast.AsOf;
            BreachDate = breachDate;
            Severity = severity;
            Message = message;
        }

        public AlertBasis Basis { get; }
        public AlertMeasure Measure { get; }

        /// <summary>What the limit applies to: a subscription, a meter, a resource group, "Tag:CostCenter=Sales".</summary>
        public string Scope { get; }

        /// <summary>The threshold in percent of <see cref="Limit"/> (e.g. 80).</summary>
        public decimal Threshold { get; }

        public decimal ThresholdAmount { get; }

        /// <summary>The budget or quantity limit for the period.</summary>
        public decimal Limit { get; }

        /// <summary>Spent or used from the period start to <see cref="AsOf"/>.</summary>
        public decimal Actual { get; }

        /// <summary>The forecast total of the period.</summary>
        public decimal Forecast { get; }

        /// <summary>The upper bound of the forecast's 95% interval.</summary>
        public decimal Upper95 { get; }

        public DateTime PeriodStart { get; }
        public DateTime PeriodEnd { get; }
        public DateTime AsOf { get; }

        /// <summary>The day the running total passed (Actual) or is projected to pass (Forecast) the threshold amount.</summary>
        public DateTime? BreachDate { get; }

        public AlertSeverity Severity { get; }
        public string Message { get; }
    }
}
