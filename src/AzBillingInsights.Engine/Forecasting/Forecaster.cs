using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// Predicts the total of a billing period (or of the days up to a chosen date) from the daily values known on an
    /// as-of day, with 80% and 95% prediction intervals and the predicted daily path.
    /// <para>
    /// Method: three candidates are refitted at every day of the series' last year and their errors on the totals
    /// that followed are kept (<see cref="ForecastErrorHistory"/>): the trailing 7-day pace, a damped trend on weekly
    /// totals, and a seasonal-trend model (weekday profile, robust level, damped trend; <see cref="SeasonalTrendFit"/>).
    /// The one with the lowest mean absolute error over the same number of days ahead on this series' own past is
    /// used: the weekly model only where the weekly rhythm really helps, the trend only where trends really
    /// continued. The pace and the weekly trend use only the days since a recent level shift (<see cref="LevelShift"/>).
    /// </para>
    /// <para>
    /// Intervals and bias: the quantiles of the chosen model's past errors over the same horizon, in units of the
    /// level, shrunk towards a prior (<see cref="GrowthPrior"/>: days stray by a quarter, the level drifts by up to a
    /// few per cent a day) by how many such errors there are and how long ago the last level shift was. The median
    /// error corrects the point forecast too, so the point always lies inside its own intervals. When no value is
    /// negative, days stop at zero and bounds at the actual to date.
    /// </para>
    /// <para>
    /// A day missing between the first day given and the as-of day is predicted, not taken as zero; days before the
    /// first day given are taken as nothing spent.
    /// </para>
    /// </summary>
    public sealed class Forecaster
    {
        /// <summary>Under four weeks of history the series' own errors say little: the forecast is flagged short.</summary>
        public const int ShortHistoryDays = 28;

        public Forecaster(BillingPeriodCalendar? calendar = null)
        {
            Calendar = calendar ?? new BillingPeriodCalendar();
        }

        public BillingPeriodCalendar Calendar { get; }

        /// <summary>
        /// Forecasts the billing period holding <paramref name="asOf"/> (default: the last day given), through
        /// its last day or through <paramref name="through"/>, from the days up to <paramref name="asOf"/>.
        /// </summary>
        public PeriodForecast Forecast(DailySeries history, DateTime? asOf = null, DateTime? through = null)
        {
            if (history is null)
            {
                throw new ArgumentNullException(nameof(history));
            }

            DateTime cutoffDay = (asOf ?? (history.IsEmpty ? DateTime.MinValue : history.LastDay)).Date;
            DailySeries known = history.Through(cutoffDay);
            if (known.IsEmpty)
            {
                throw new ArgumentException("There is no daily value on or before the as-of day to forecast from.", nameof(history));
            }

            (DateTimeOffset start, DateTimeOffset end) = Calendar.PeriodOf(new DateTimeOffset(DateTime.SpecifyKind(cutoffDay, DateTimeKind.Utc)));
            DateTime periodStart = start.UtcDateTime.Date;
            DateTime periodEnd = (through ?? end.UtcDateTime.AddDays(-1)).Date;
            if (periodEnd < cutoffDay)
            {
                throw new ArgumentOutOfRangeException(nameof(through), through, "The through date must not be before the as-of day.");
            }

            DateTime first = known.FirstDay;
            double[] y = known.ToDense(first, cutoffDay);
            int cutoff = y.Length - 1;
            int periodStartIndex = (periodStart - first).Days;
            int endIndex = (periodEnd - first).Days;
            int horizon = endIndex - cutoff + CountMissing(y, Math.Max(periodStartIndex, 0), cutoff);
            // Far enough back that the year of origins judging today's forecast each has its outcome: the same
            // forecast a backtest makes at this cut-off.
            var errors = new ForecastErrorHistory(
                y,
                cutoff - ForecastErrorHistory.MaxOrigins - ForecastErrorHistory.LongestPeriod,
                cutoff,
                Math.Max(horizon, ForecastErrorHistory.LongestPeriod),
                known.IsNonNegative);
            decimal[] runningTotals = known.ToRunningTotals(first, cutoffDay);
            return Predict(y, runningTotals, first, cutoff, periodStartIndex, endIndex, errors, known.IsNonNegative, withPath: true);
        }

        /// <summary>
        /// The forecast from the dense series <paramref name="y"/> (index 0 = <paramref name="first"/>; exact
        /// money in <paramref name="runningTotals"/>) using only the days up to <paramref name="cutoff"/>, for the
        /// days from <paramref name="periodStartIndex"/> to <paramref name="endIndex"/>. The backtest calls it with
        /// the whole series and a shared error history, and with <paramref name="only"/> to score one candidate alone.
        /// </summary>
        internal PeriodForecast Predict(double[] y, decimal[] runningTotals, DateTime first, int cutoff, int periodStartIndex, int endIndex, ForecastErrorHistory errors, bool nonNegative, bool withPath, ForecastMethod? only = null)
        {
            int pathStart = Math.Max(periodStartIndex, 0);
            int historyDays = 0;
            for (int i = 0; i <= cutoff; i++)
            {
                if (!double.IsNaN(y[i]))
                {
                    historyDays++;
                }
            }

            decimal actualToDate = runningTotals[cutoff] - (pathStart > 0 ? runningTotals[pathStart - 1] : 0m);
            int horizon = endIndex - cutoff + CountMissing(y, pathStart, cutoff);
            (ForecastMethod method, string reason) = only is ForecastMethod asked && errors.FitAt(asked, cutoff) != null
                ? (asked, asked + ": asked for.")
                : errors.Choose(cutoff, horizon);
            IDailyPredictor fit = errors.FitAt(method, cutoff)!;

            double predictedSum = 0;
            for (int i = pathStart; i <= endIndex; i++)
            {
                if (i > cutoff || double.IsNaN(y[i]))
                {
                    predictedSum += Day(fit, i, nonNegative);
                }
            }

            var quantiles = new double[ForecastErrorHistory.IntervalProbabilities.Length];
            double bias = 0;
            double ownWeight = 1;
            if (horizon > 0)
            {
                errors.TotalErrorQuantiles(method, cutoff, horizon, quantiles, out bias, out ownWeight);
            }

            // Every bound and the point go through the same monotone steps (add, floor, round), so their order holds.
            decimal Total(double error)
            {
                decimal total = actualToDate + ToDecimal(predictedSum + error);
                return nonNegative && total < actualToDate ? actualToDate : total;
            }

            decimal forecast = Total(bias);
            var interval = new PredictionInterval(Total(quantiles[0]), Total(quantiles[1]), Total(quantiles[2]), Total(quantiles[3]));
            IReadOnlyList<ForecastDay> path = withPath
                ? BuildPath(y, runningTotals, first, cutoff, pathStart, endIndex, method, fit, errors, nonNegative, forecast - actualToDate, predictedSum)
                : Array.Empty<ForecastDay>();

            return new PeriodForecast(
                first.AddDays(periodStartIndex),
                first.AddDays(endIndex),
                first.AddDays(cutoff),
                actualToDate,
                forecast,
                interval,
                method,
                reason,
                ownWeight >= 0.5 ? IntervalSource.ForecastErrors : IntervalSource.GrowthPrior,
                historyDays,
                horizon,
                path);
        }

        /// <summary>The days of the period; the predicted ones scaled so that they add up to the point forecast, each within its own day's bounds.</summary>
        private static List<ForecastDay> BuildPath(double[] y, decimal[] runningTotals, DateTime first, int cutoff, int pathStart, int endIndex, ForecastMethod method, IDailyPredictor fit, ForecastErrorHistory errors, bool nonNegative, decimal predictedTotal, double predictedSum)
        {
            double scale = predictedSum > 0 ? (double)predictedTotal / predictedSum : 1d;
            var path = new List<ForecastDay>(endIndex - pathStart + 1);
            var quantiles = new double[ForecastErrorHistory.IntervalProbabilities.Length];
            decimal cumulative = 0m;
            for (int i = pathStart; i <= endIndex; i++)
            {
                DateTime date = first.AddDays(i);
                if (i <= cutoff && !double.IsNaN(y[i]))
                {
                    decimal actual = runningTotals[i] - (i > 0 ? runningTotals[i - 1] : 0m);
                    cumulative += actual;
                    path.Add(new ForecastDay(date, actual, null, PredictionInterval.Exactly(actual), cumulative));
                    continue;
                }

                errors.DayErrorQuantiles(method, cutoff, Math.Max(1, i - cutoff), quantiles);
                double predicted = Day(fit, i, nonNegative) * scale;
                decimal Bound(double error) => ToDecimal(nonNegative ? Math.Max(0d, predicted + error) : predicted + error);
                decimal value = ToDecimal(predicted);
                cumulative += value;
                path.Add(new ForecastDay(date, null, value, new PredictionInterval(Bound(quantiles[0]), Bound(quantiles[1]), Bound(quantiles[2]), Bound(quantiles[3])), cumulative));
            }

            return path;
        }

        private static double Day(IDailyPredictor fit, int index, bool nonNegative)
        {
            double value = fit.Predict(index);
            return nonNegative ? Math.Max(0d, value) : value;
        }

        private static int CountMissing(double[] y, int from, int to)
        {
            int missing = 0;
            for (int i = from; i <= to; i++)
            {
                if (double.IsNaN(y[i]))
                {
                    missing++;
                }
            }

            return missing;
        }

        /// <summary>Estimates to a millionth (the precision of usage quantities): finer digits are floating-point noise.</summary>
        private static decimal ToDecimal(double value) => Math.Round((decimal)value, 6, MidpointRounding.AwayFromZero);
    }
}
