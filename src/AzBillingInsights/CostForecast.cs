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
            Lower80 = forecast.Lower80;
            Upper80 = forecast.Upper80;
            Lower95 = forecast.Lower95;
            Upper95 = forecast.Upper95;
            Currency = currency;
            Method = forecast.Method.ToString();
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

        /// <summary>SeasonalTrend, or RunRate / SingleDayRunRate when the history was short.</summary>
        public string Method { get; }

        /// <summary>ForecastErrors (empirical), ResidualSpread or AssumedSpread.</summary>
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
            Lower80 = day.Lower80;
            Upper80 = day.Upper80;
            Lower95 = day.Lower95;
            Upper95 = day.Upper95;
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
