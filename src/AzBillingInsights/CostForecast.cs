using System;
using System.Linq;
using AzBillingInsights.Engine.Forecasting;

namespace AzBillingInsights
{
    /// <summary>Get-AzCostForecast's answer: the period's predicted total with 80% and 95% intervals and the daily path.</summary>
    public sealed class CostForecast
    {
        internal CostForecast(PeriodForecast forecast, string currency)
        {
            PeriodStart = forecast.PeriodStart;
            PeriodEnd = forecast.PeriodEnd;
            AsOf = forecast.AsOf;
            ActualToDate = forecast.ActualToDate;
            Forecast = forecast.Forecast;
            Lower80 = forecast.Interval.Lower80;
            Upper80 = forecast.Interval.Upper80;
            Lower95 = forecast.Interval.Lower95;
            Upper95 = forecast.Interval.Upper95;
            Currency = currency;
            Method = forecast.Method.ToString();
            MethodReason = forecast.MethodReason;
            IntervalSource = forecast.IntervalSource.ToString();
            IsHistoryShort = forecast.IsHistoryShort;
            HistoryDays = forecast.HistoryDays;
            DailyPath = forecast.DailyPath.Select(d => new CostForecastDay(d)).ToArray();
        }

        public DateTime PeriodStart { get; }

        /// <summary>The last day of the period, inclusive.</summary>
        public DateTime PeriodEnd { get; }
        public DateTime AsOf { get; }
        public decimal ActualToDate { get; }
        public decimal Forecast { get; }
        public decimal Lower80 { get; }
        public decimal Upper80 { get; }
        public decimal Lower95 { get; }
        public decimal Upper95 { get; }
        public string Currency { get; }

        /// <summary>TrailingPace, DampedWeeklyTrend or SeasonalTrend: the candidate with the lowest backtested error on this series.</summary>
        public string Method { get; }

        /// <summary>Why that candidate, with each candidate's backtested error.</summary>
        public string MethodReason { get; }

        /// <summary>ForecastErrors (the series' own past errors) or GrowthPrior (short history or a recent level shift: wide on purpose).</summary>
        public string IntervalSource { get; }
        public bool IsHistoryShort { get; }
        public int HistoryDays { get; }
        public CostForecastDay[] DailyPath { get; }
    }

    /// <summary>One day of a forecast: actual, or predicted with its bounds; Cumulative is the period's running total.</summary>
    public sealed class CostForecastDay
    {
        internal CostForecastDay(ForecastDay day)
        {
            Date = day.Date;
            IsActual = day.IsActual;
            Cost = day.Value;
            Lower80 = day.Interval.Lower80;
            Upper80 = day.Interval.Upper80;
            Lower95 = day.Interval.Lower95;
            Upper95 = day.Interval.Upper95;
            Cumulative = day.Cumulative;
        }

        public DateTime Date { get; }
        public bool IsActual { get; }
        public decimal Cost { get; }
        public decimal Lower80 { get; }
        public decimal Upper80 { get; }
        public decimal Lower95 { get; }
        public decimal Upper95 { get; }
        public decimal Cumulative { get; }
    }
}
