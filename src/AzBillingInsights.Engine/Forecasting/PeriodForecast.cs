using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// A forecast of the total of one period (a billing period, or up to a chosen day) made on <see cref="AsOf"/>.
    /// <see cref="Forecast"/> and the bounds are totals for the whole period: the actual days plus the
    /// predicted ones. The same type serves cost and quantity series.
    /// </summary>
    public sealed class PeriodForecast
    {
        internal PeriodForecast(
            DateTime periodStart,
            DateTime periodEnd,
            DateTime asOf,
            decimal actualToDate,
            decimal forecast,
            PredictionInterval interval,
            ForecastMethod method,
            string methodReason,
            IntervalSource intervalSource,
            int historyDays,
            int predictedDays,
            IReadOnlyList<ForecastDay> dailyPath)
        {
            PeriodStart = periodStart;
            PeriodEnd = periodEnd;
            AsOf = asOf;
            ActualToDate = actualToDate;
            Forecast = forecast;
            Interval = interval;
            Method = method;
            MethodReason = methodReason;
            IntervalSource = intervalSource;
            HistoryDays = historyDays;
            PredictedDays = predictedDays;
            DailyPath = dailyPath;
        }

        public DateTime PeriodStart { get; }

        /// <summary>The last day of the period, inclusive.</summary>
        public DateTime PeriodEnd { get; }

        /// <summary>The last day whose data the forecast used.</summary>
        public DateTime AsOf { get; }

        /// <summary>Sum of the days given from the period start to <see cref="AsOf"/>.</summary>
        public decimal ActualToDate { get; }

        public decimal Forecast { get; }

        /// <summary>The 80% and 95% intervals of the period's total; they always hold <see cref="Forecast"/>.</summary>
        public PredictionInterval Interval { get; }
        public ForecastMethod Method { get; }

        /// <summary>Why <see cref="Method"/> was chosen, with the backtested errors it was chosen on.</summary>
        public string MethodReason { get; }
        public IntervalSource IntervalSource { get; }

        /// <summary>Days with a value up to <see cref="AsOf"/>, inside the period or before it.</summary>
        public int HistoryDays { get; }

        /// <summary>True with under four weeks of history: too little to learn the series' own errors, so the intervals lean on the prior and are wide.</summary>
        public bool IsHistoryShort => HistoryDays < Forecaster.ShortHistoryDays;

        /// <summary>Days of the period that were predicted: those after <see cref="AsOf"/> and missing ones before it.</summary>
        public int PredictedDays { get; }

        /// <summary>Every day of the period from the first one with data: actual or predicted, with the running total.</summary>
        public IReadOnlyList<ForecastDay> DailyPath { get; }
    }

    /// <summary>One day of a forecast's path. Actual days have no prediction and bounds equal to the actual.</summary>
    public sealed class ForecastDay
    {
        internal ForecastDay(DateTime date, decimal? actual, decimal? predicted, PredictionInterval interval, decimal cumulative)
        {
            Date = date;
            Actual = actual;
            Predicted = predicted;
            Interval = interval;
            Cumulative = cumulative;
        }

        public DateTime Date { get; }
        public decimal? Actual { get; }
        public decimal? Predicted { get; }
        public bool IsActual => Actual.HasValue;

        /// <summary>The actual value, or the prediction for a predicted day.</summary>
        public decimal Value => Actual ?? Predicted ?? 0m;

        /// <summary>The day's 80% and 95% intervals; an actual day's are its value.</summary>
        public PredictionInterval Interval { get; }

        /// <summary>The period's running total through this day, actual then predicted.</summary>
        public decimal Cumulative { get; }
    }
}
