using System;
using AzBillingInsights.Engine.Forecasting;

namespace AzBillingInsights
{
    /// <summary>Get-AzCostAlert's answer: a threshold of a budget or quantity limit passed (Actual) or projected to be (Forecast).</summary>
    public sealed class CostAlert
    {
        internal CostAlert(ThresholdAlert alert, string? currency)
        {
            Kind = alert.Basis.ToString();
            Measure = alert.Measure.ToString();
            Scope = alert.Scope;
            Threshold = alert.Threshold;
            ThresholdAmount = alert.ThresholdAmount;
            Limit = alert.Limit;
            Actual = alert.Actual;
            Forecast = alert.Forecast;
            Upper95 = alert.Upper95;
            Currency = currency;
            PeriodStart = alert.PeriodStart;
            PeriodEnd = alert.PeriodEnd;
            AsOf = alert.AsOf;
            BreachDate = alert.BreachDate;
            Severity = alert.Severity.ToString();
            Message = alert.Message;
        }

        /// <summary>Actual (already passed) or Forecast (projected).</summary>
        public string Kind { get; }

        /// <summary>Money or Quantity.</summary>
        public string Measure { get; }
        public string Scope { get; }

        /// <summary>Percent of the limit.</summary>
        public decimal Threshold { get; }
        public decimal ThresholdAmount { get; }
        public decimal Limit { get; }
        public decimal Actual { get; }
        public decimal Forecast { get; }
        public decimal Upper95 { get; }

        /// <summary>The currency of a money alert; null for quantities.</summary>
        public string? Currency { get; }
        public DateTime PeriodStart { get; }
        public DateTime PeriodEnd { get; }
        public DateTime AsOf { get; }
        public DateTime? BreachDate { get; }

        /// <summary>Info (under 80%), Warning (80% up to the limit) or Critical (the limit).</summary>
        public string Severity { get; }
        public string Message { get; }
    }
}
