using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// Predicts the total of a billing period (or of the days up to a chosen date) from the daily values
    /// known on an as-of day, with 80% and 95% prediction intervals and the predicted daily path.
    /// <para>
    /// Method: a seasonal-trend decomposition fitted to the last eight weeks — a day-of-week profile (median
    /// ratio of each weekday to its week's mean, so the weekend dip scales with the level; differences when a
    /// day is zero), a robust level (median of the last seven deseasonalised days) and a damped linear trend
    /// (median of week-to-week changes, damped by 2% a day). It was chosen over additive
    /// Holt-Winters because every part is a median: a spike day, an anomalous week or a level shift moves it
    /// little or for a few days only, where exponential smoothing carries a spike into the level and needs
    /// its smoothing constants tuned per series. Weekends lower than weekdays are the profile, not noise.
    /// </para>
    /// <para>
    /// Intervals: the model is refitted at each of up to 182 past days and its errors on totals of the same
    /// length as the days still to predict are collected; their empirical quantiles, scaled to today's level,
    /// are the raw bounds (from the same day of past periods when spend has a shape within the period). They
    /// include what really went wrong before (autocorrelation, shifts, trend misses), but are not calibrated:
    /// overlapping totals from every day of the year under-state the spread where the period's shape, not
    /// day-to-day noise, makes the error. So they are then calibrated by split conformal prediction on the
    /// series' finished periods: stretched about the forecast by the (n + 1)-corrected 80% and 95% ranks of how
    /// far past raw bounds had to stretch to hold what their periods came to (<see cref="ForecastErrorHistory.Calibrate"/>
    /// says why this way). The backtest measures the coverage. Without enough past for error quantiles, the
    /// spread of the days around the fit with Student-t quantiles is used, accumulated over the horizon with the
    /// level's own uncertainty (variance h·σ² + h²·σ²_level), never per-day bounds added up.
    /// </para>
    /// <para>
    /// Short history: under two complete weeks the mean of the days given is projected (RunRate); a single
    /// day is repeated with bounds assuming a spread of half its value (SingleDayRunRate). A day missing
    /// between the first day given and the as-of day is predicted, not taken as zero; days before the first
    /// day given are taken as nothing spent. When no value is negative, daily predictions stop at zero and the
    /// lower bounds at the actual to date.
    /// </para>
    /// </summary>
    public sealed class Forecaster
    {
        private static readonly double[] Probabilities = ForecastErrorHistory.IntervalProbabilities;

        /// <summary>The variance of a median of seven days relative to one day's: (π/2)/7.</summary>
        private const double LevelVarianceFactor = Math.PI / 2 / 7;

        /// <summary>The spread assumed for a single day of history, as a fraction of its value.</summary>
        private const double AssumedSingleDaySpread = 0.5;

        /// <summary>The run-rate uses at most the last this many days.</summary>
        private const int RunRateDays = 13;

        public Forecaster(BillingPeriodCalendar? calendar = null)
        {
            Calendar = calendar ?? new BillingPeriodCalendar();
        }

        public BillingPeriodCalendar Calendar { get; }

        /// <summary>Whether the error-quantile bounds are calibrated on the series' finished periods (on unless a test compares).</summary>
        internal bool CalibratesIntervals { get; set; } = true;

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
            (int[] dayOfPeriod, int[] daysLeft) = PeriodPositions(first, y.Length);
            // Far enough back that each origin calibrating today's bounds has its own year of errors behind it, and
            // rest-of-period totals measured to the longest period: the same forecast a backtest makes at this cut-off.
            var errors = new ForecastErrorHistory(
                y,
                cutoff - ForecastErrorHistory.CalibrationOrigins - ForecastErrorHistory.MaxAlignedOrigins,
                cutoff,
                Math.Max(Math.Max(horizon, 1) + ForecastErrorHistory.PeriodLengthSlack, ForecastErrorHistory.LongestPeriod),
                dayOfPeriod,
                daysLeft);
            decimal[] runningTotals = known.ToRunningTotals(first, cutoffDay);
            return Predict(y, runningTotals, first, cutoff, periodStartIndex, endIndex, errors, known.IsNonNegative, withPath: true);
        }

        /// <summary>
        /// The forecast from the dense series <paramref name="y"/> (index 0 = <paramref name="first"/>; exact
        /// money in <paramref name="runningTotals"/>) using
        /// only the days up to <paramref name="cutoff"/>, for the days from <paramref name="periodStartIndex"/>
        /// to <paramref name="endIndex"/>. The backtest calls it with the whole series and a shared error history.
        /// </summary>
        internal PeriodForecast Predict(double[] y, decimal[] runningTotals, DateTime first, int cutoff, int periodStartIndex, int endIndex, ForecastErrorHistory errors, bool nonNegative, bool withPath)
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
            DayModel model = ChooseModel(y, cutoff, historyDays, errors);

            double predictedSum = 0;
            for (int i = pathStart; i <= endIndex; i++)
            {
                if (i > cutoff || double.IsNaN(y[i]))
                {
                    predictedSum += model.Predict(i, nonNegative);
                }
            }

            var bounds = new double[4];
            double bias = 0;
            if (horizon == 0)
            {
                bounds[0] = bounds[1] = bounds[2] = bounds[3] = 0;
            }
            else if (model.Source == IntervalSource.ForecastErrors)
            {
                // The bounds come from what really happened after past forecasts, so they carry its median (bias);
                // the point forecast takes it too, or it would sit off-centre in its own interval.
                errors.TryTotalErrorQuantiles(cutoff, horizon, Probabilities, bounds, out bias);
                if (CalibratesIntervals)
                {
                    errors.Calibrate(cutoff, bias, bounds);
                }
            }
            else
            {
                model.TotalErrorBounds(horizon, bounds);
            }

            decimal forecastTotal = actualToDate + ToDecimal(predictedSum + bias);
            decimal Bound(int i)
            {
                decimal bound = actualToDate + ToDecimal(predictedSum + bounds[i]);
                return nonNegative && bound < actualToDate ? actualToDate : bound;
            }

            IReadOnlyList<ForecastDay> path = withPath
                ? BuildPath(y, runningTotals, first, cutoff, pathStart, endIndex, model, errors, nonNegative, predictedSum > 0 ? (predictedSum + bias) / predictedSum : 1d)
                : Array.Empty<ForecastDay>();

            return new PeriodForecast(
                first.AddDays(periodStartIndex),
                first.AddDays(endIndex),
                first.AddDays(cutoff),
                actualToDate,
                forecastTotal,
                Bound(1),
                Bound(2),
                Bound(0),
                Bound(3),
                model.Method,
                model.Source,
                historyDays,
                horizon,
                path);
        }

        private static DayModel ChooseModel(double[] y, int cutoff, int historyDays, ForecastErrorHistory errors)
        {
            SeasonalTrendFit? fit = errors.FitAt(cutoff);
            if (fit != null)
            {
                var probe = new double[4];
                bool calibrated = errors.TryTotalErrorQuantiles(cutoff, 1, Probabilities, probe, out _);
                return DayModel.Seasonal(fit, calibrated);
            }

            if (historyDays >= 2)
            {
                return DayModel.RunRate(y, cutoff);
            }

            return DayModel.SingleDay(y, cutoff);
        }

        /// <param name="scale">Spreads the total's bias correction over the predicted days in proportion, so the path adds up to the forecast.</param>
        private static List<ForecastDay> BuildPath(double[] y, decimal[] runningTotals, DateTime first, int cutoff, int pathStart, int endIndex, DayModel model, ForecastErrorHistory errors, bool nonNegative, double scale)
        {
            var path = new List<ForecastDay>(endIndex - pathStart + 1);
            var bounds = new double[4];
            decimal cumulative = 0m;
            for (int i = pathStart; i <= endIndex; i++)
            {
                DateTime date = first.AddDays(i);
                if (i <= cutoff && !double.IsNaN(y[i]))
                {
                    decimal actual = runningTotals[i] - (i > 0 ? runningTotals[i - 1] : 0m);
                    cumulative += actual;
                    path.Add(new ForecastDay(date, actual, null, actual, actual, actual, actual, cumulative));
                    continue;
                }

                double raw = model.Predict(i, nonNegative);
                int step = Math.Max(1, i - cutoff);
                if (model.Source != IntervalSource.ForecastErrors || !errors.TryDayErrorQuantiles(cutoff, step, Probabilities, bounds))
                {
                    model.DayErrorBounds(bounds);
                }

                double floor = nonNegative ? 0d : double.NegativeInfinity;
                double predicted = raw * scale;
                decimal value = ToDecimal(predicted);
                cumulative += value;
                path.Add(new ForecastDay(
                    date,
                    null,
                    value,
                    ToDecimal(Math.Max(floor, raw + bounds[1])),
                    ToDecimal(Math.Max(floor, raw + bounds[2])),
                    ToDecimal(Math.Max(floor, raw + bounds[0])),
                    ToDecimal(Math.Max(floor, raw + bounds[3])),
                    cumulative));
            }

            return path;
        }

        /// <summary>For each day from <paramref name="first"/>: its day within its billing period (0 = the first) and how many days of the period follow it.</summary>
        internal (int[] DayOfPeriod, int[] DaysLeft) PeriodPositions(DateTime first, int length)
        {
            var dayOfPeriod = new int[length];
            var daysLeft = new int[length];
            for (int i = 0; i < length; i++)
            {
                DateTime date = first.AddDays(i);
                (DateTimeOffset start, DateTimeOffset end) = Calendar.PeriodOf(new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)));
                dayOfPeriod[i] = (date - start.UtcDateTime).Days;
                daysLeft[i] = (end.UtcDateTime - date).Days - 1;
            }

            return (dayOfPeriod, daysLeft);
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

        /// <summary>The daily predictor chosen for the history available, with its analytic error bounds.</summary>
        private sealed class DayModel
        {
            private readonly SeasonalTrendFit? _fit;
            private readonly double _mean;
            private readonly double _spread;
            private readonly double _levelVarianceFactor;
            private readonly int _degreesOfFreedom;

            private DayModel(ForecastMethod method, IntervalSource source, SeasonalTrendFit? fit, double mean, double spread, double levelVarianceFactor, int degreesOfFreedom)
            {
                Method = method;
                Source = source;
                _fit = fit;
                _mean = mean;
                _spread = spread;
                _levelVarianceFactor = levelVarianceFactor;
                _degreesOfFreedom = degreesOfFreedom;
            }

            public ForecastMethod Method { get; }
            public IntervalSource Source { get; }

            public static DayModel Seasonal(SeasonalTrendFit fit, bool calibrated) => new DayModel(
                ForecastMethod.SeasonalTrend,
                calibrated ? IntervalSource.ForecastErrors : IntervalSource.ResidualSpread,
                fit,
                fit.Level,
                fit.ResidualSpread,
                LevelVarianceFactor,
                Math.Max(1, fit.ResidualCount - 3));

            public static DayModel RunRate(double[] y, int cutoff)
            {
                double sum = 0;
                double sumSquares = 0;
                int count = 0;
                for (int i = cutoff; i >= 0 && i > cutoff - RunRateDays; i--)
                {
                    if (!double.IsNaN(y[i]))
                    {
                        sum += y[i];
                        sumSquares += y[i] * y[i];
                        count++;
                    }
                }

                double mean = sum / count;
                double variance = count > 1 ? Math.Max(0, (sumSquares - (count * mean * mean)) / (count - 1)) : 0;
                return new DayModel(ForecastMethod.RunRate, IntervalSource.ResidualSpread, null, mean, Math.Sqrt(variance), 1d / count, count - 1);
            }

            public static DayModel SingleDay(double[] y, int cutoff)
            {
                double value = double.NaN;
                for (int i = cutoff; i >= 0 && double.IsNaN(value); i--)
                {
                    value = y[i];
                }

                // Nothing says how much one day varies; half its value, for the day and for the level alike.
                return new DayModel(ForecastMethod.SingleDayRunRate, IntervalSource.AssumedSpread, null, value, Math.Abs(value) * AssumedSingleDaySpread, 1d, 0);
            }

            public double Predict(int index, bool nonNegative)
            {
                double value = _fit?.Predict(index) ?? _mean;
                return nonNegative ? Math.Max(0d, value) : value;
            }

            /// <summary>Bounds of the error of an h-day total: variance h·σ² from the days plus h²·σ²_level from the level.</summary>
            public void TotalErrorBounds(int horizon, double[] bounds)
            {
                double sd = _spread * Math.Sqrt(horizon + ((double)horizon * horizon * _levelVarianceFactor));
                Fill(sd, bounds);
            }

            public void DayErrorBounds(double[] bounds) => Fill(_spread * Math.Sqrt(1d + _levelVarianceFactor), bounds);

            private void Fill(double sd, double[] bounds)
            {
                double t80 = StudentT.Critical(0.80, _degreesOfFreedom);
                double t95 = StudentT.Critical(0.95, _degreesOfFreedom);
                bounds[0] = -t95 * sd;
                bounds[1] = -t80 * sd;
                bounds[2] = t80 * sd;
                bounds[3] = t95 * sd;
            }
        }
    }
}
