using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// The seasonal model refitted at each past origin day and the errors it then made, for empirical
    /// prediction intervals. The errors of an h-day total are measured on h-day totals (never per-day errors
    /// added up), so autocorrelation, level shifts and trend misses are in them as they really happened.
    /// Errors are relative to the level at their origin, so a series that grew keeps proportionate bounds.
    /// A query at a cut-off only uses origins and outcomes up to that cut-off: fitting once serves a whole backtest.
    /// Where history allows, the rest-of-period total is judged by the errors made from the same day of past
    /// billing periods: pricing gives spend a shape within the period (included quantities
    /// free at its start, cheaper tiers towards its end) that the weekly model does not see, and the errors
    /// made from the same place in past periods carry that shape, as a bias and as spread.
    /// </summary>
    internal sealed class ForecastErrorHistory
    {
        /// <summary>Origins looked back over: half a year, enough overlapping month-long totals for stable tails.</summary>
        public const int MaxOrigins = 182;

        /// <summary>Origins looked back over when aligning on the day of the period: a year.</summary>
        public const int MaxAlignedOrigins = 371;

        /// <summary>Billing periods differ in length by up to three days, and so do the rests of periods from one day.</summary>
        public const int PeriodLengthSlack = 3;

        /// <summary>Past periods needed before their errors from the same day of the period are trusted.</summary>
        private const int MinimumAlignedPeriods = 3;

        /// <summary>Fewer errors than this at a horizon and the quantiles are taken at a shorter horizon and scaled.</summary>
        public const int MinimumSamples = 20;

        private readonly int[]? _dayOfPeriod;
        private readonly int[]? _daysLeftInPeriod;

        private readonly SeasonalTrendFit?[] _fits;
        private readonly double[]?[] _totalErrors;
        private readonly double[]?[] _dayErrors;
        private readonly double[] _buffer;

        /// <param name="dayOfPeriod">For each index of <paramref name="y"/>, its day within its billing period (0 = first); null to never align.</param>
        /// <param name="daysLeftInPeriod">For each index, how many days of its billing period follow it.</param>
        public ForecastErrorHistory(double[] y, int firstOrigin, int lastOrigin, int maxHorizon, int[]? dayOfPeriod = null, int[]? daysLeftInPeriod = null)
        {
            _dayOfPeriod = dayOfPeriod;
            _daysLeftInPeriod = daysLeftInPeriod;
            _fits = new SeasonalTrendFit?[y.Length];
            _totalErrors = new double[y.Length][];
            _dayErrors = new double[y.Length][];
            _buffer = new double[Math.Max(MaxAlignedOrigins + 1, 64)];
            var scratch = new double[64];
            for (int origin = Math.Max(firstOrigin, 0); origin <= lastOrigin && origin < y.Length; origin++)
            {
                SeasonalTrendFit? fit = SeasonalTrendFit.TryFit(y, origin, scratch);
                _fits[origin] = fit;
                if (fit is null)
                {
                    continue;
                }

                int horizon = Math.Min(maxHorizon, y.Length - 1 - origin);
                var totals = new double[Math.Max(horizon, 0)];
                var days = new double[totals.Length];
                double sum = 0;
                for (int step = 1; step <= horizon; step++)
                {
                    double actual = y[origin + step];
                    // A missing day adds no error to the total: the model's own guess stands in for it.
                    double error = double.IsNaN(actual) ? 0d : actual - fit.Predict(origin + step);
                    sum += error;
                    totals[step - 1] = sum;
                    days[step - 1] = double.IsNaN(actual) ? double.NaN : error;
                }

                _totalErrors[origin] = totals;
                _dayErrors[origin] = days;
            }
        }

        public SeasonalTrendFit? FitAt(int origin) => origin >= 0 && origin < _fits.Length ? _fits[origin] : null;

        /// <summary>
        /// Quantiles (at <paramref name="probabilities"/>) of the error of a <paramref name="horizon"/>-day total
        /// forecast from <paramref name="cutoff"/>, in the units of the series at the cut-off, and
        /// <paramref name="bias"/>: their median when the period has a shape (what the model has typically missed by
        /// from this place in the period), else 0; false when the past holds too few errors even at short horizons.
        /// </summary>
        public bool TryTotalErrorQuantiles(int cutoff, int horizon, double[] probabilities, double[] quantiles, out double bias) =>
            TryQuantiles(cutoff, horizon, probabilities, quantiles, _totalErrors, scaleToHorizon: true, out bias);

        /// <summary>Quantiles of the error of one day <paramref name="step"/> days after the cut-off.</summary>
        public bool TryDayErrorQuantiles(int cutoff, int step, double[] probabilities, double[] quantiles) =>
            TryQuantiles(cutoff, step, probabilities, quantiles, _dayErrors, scaleToHorizon: false, out _);

        private bool TryQuantiles(int cutoff, int horizon, double[] probabilities, double[] quantiles, double[]?[] errors, bool scaleToHorizon, out double bias)
        {
            bias = 0;
            SeasonalTrendFit? current = FitAt(cutoff);
            if (current is null || horizon < 1)
            {
                return false;
            }

            bool relative = current.Level > 0 && AllLevelsPositive(cutoff);
            // The rest of the period, from the same place in past periods: the totals that carry the period's shape.
            bool toPeriodEnd = scaleToHorizon && _daysLeftInPeriod is not null && horizon == _daysLeftInPeriod[cutoff];
            if (toPeriodEnd && TryPeriodEndQuantiles(cutoff, horizon, relative, current, probabilities, quantiles, out bias))
            {
                return true;
            }

            int usable = horizon;
            int count = Gather(cutoff, usable, errors, relative);
            while (count < MinimumSamples && usable > 1)
            {
                usable = Math.Max(1, usable * 3 / 4);
                count = Gather(cutoff, usable, errors, relative);
            }

            if (count < MinimumSamples)
            {
                return false;
            }

            Array.Sort(_buffer, 0, count);
            double median = RobustStatistics.QuantileOfSorted(_buffer, count, 0.5);
            double growth = 1d;
            double drift = 1d;
            if (scaleToHorizon && usable < horizon)
            {
                // Errors of totals grow between sqrt(h) (independent noise) and h^1.5 (a wandering level);
                // measure the exponent from this series' shorter horizons.
                double wide = Spread(count);
                int half = Math.Max(1, usable / 2);
                double exponent = 1d;
                if (half < usable)
                {
                    int halfCount = Gather(cutoff, half, errors, relative);
                    Array.Sort(_buffer, 0, halfCount);
                    double narrow = Spread(halfCount);
                    exponent = narrow > 0 && wide > 0 ? Math.Log(wide / narrow) / Math.Log((double)usable / half) : 1d;
                    exponent = Math.Max(0.5, Math.Min(1.5, exponent));
                    count = Gather(cutoff, usable, errors, relative);
                    Array.Sort(_buffer, 0, count);
                }

                double ratio = (double)horizon / usable;
                growth = Math.Pow(ratio, exponent);
                drift = ratio;
            }

            double unit = relative ? current.Level : 1d;
            // Without the period's shape the median is sampling noise, not a bias to correct: bounds only.
            for (int i = 0; i < probabilities.Length; i++)
            {
                double q = RobustStatistics.QuantileOfSorted(_buffer, count, probabilities[i]);
                quantiles[i] = ((median * drift) + ((q - median) * growth)) * unit;
            }

            return true;
        }

        /// <summary>
        /// Quantiles of the error of "the rest of the period" totals forecast from the cut-off's day of the period in
        /// each past period, scaled to this horizon: one error per period, so a small-sample (Student t) prediction
        /// interval around their mean. Used, bias included, only when that bias is beyond chance (more than three
        /// standard errors from zero): the spend has a shape within the period. Otherwise the larger unaligned
        /// sample gives steadier quantiles.
        /// </summary>
        private bool TryPeriodEndQuantiles(int cutoff, int horizon, bool relative, SeasonalTrendFit current, double[] probabilities, double[] quantiles, out double bias)
        {
            bias = 0;
            int count = 0;
            for (int origin = Math.Max(0, cutoff - MaxAlignedOrigins); origin < cutoff; origin++)
            {
                int left = _daysLeftInPeriod![origin];
                double[]? series = _totalErrors[origin];
                if (_dayOfPeriod![origin] != _dayOfPeriod[cutoff] || left < 1 || origin + left > cutoff
                    || series is null || series.Length < left || double.IsNaN(series[left - 1]))
                {
                    continue;
                }

                double error = series[left - 1] * horizon / left;
                _buffer[count++] = relative ? error / _fits[origin]!.Level : error;
            }

            if (count < MinimumAlignedPeriods)
            {
                return false;
            }

            double mean = 0;
            for (int i = 0; i < count; i++)
            {
                mean += _buffer[i];
            }

            mean /= count;
            double squares = 0;
            for (int i = 0; i < count; i++)
            {
                squares += (_buffer[i] - mean) * (_buffer[i] - mean);
            }

            double sd = Math.Sqrt(squares / (count - 1));
            if (Math.Abs(mean) <= 2 * sd / Math.Sqrt(count))
            {
                return false;
            }

            double unit = relative ? current.Level : 1d;
            bias = mean * unit;
            double scale = sd * Math.Sqrt(1d + (1d / count)) * unit;
            for (int i = 0; i < probabilities.Length; i++)
            {
                double critical = StudentT.Critical(Math.Abs((2 * probabilities[i]) - 1), count - 1);
                quantiles[i] = bias + (Math.Sign(probabilities[i] - 0.5) * critical * scale);
            }

            return true;
        }

        private double Spread(int count) =>
            RobustStatistics.QuantileOfSorted(_buffer, count, 0.9) - RobustStatistics.QuantileOfSorted(_buffer, count, 0.1);

        private bool AllLevelsPositive(int cutoff)
        {
            for (int origin = Math.Max(0, cutoff - MaxAlignedOrigins); origin < cutoff; origin++)
            {
                SeasonalTrendFit? fit = _fits[origin];
                if (fit != null && fit.Level <= 0)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Copies into the buffer the errors at <paramref name="horizon"/> of the origins whose outcome is known by the cut-off.</summary>
        private int Gather(int cutoff, int horizon, double[]?[] errors, bool relative)
        {
            int count = 0;
            for (int origin = Math.Max(0, cutoff - MaxOrigins); origin + horizon <= cutoff; origin++)
            {
                double[]? series = errors[origin];
                if (series is null || series.Length < horizon)
                {
                    continue;
                }

                double error = series[horizon - 1];
                if (double.IsNaN(error))
                {
                    continue;
                }

                _buffer[count++] = relative ? error / _fits[origin]!.Level : error;
            }

            return count;
        }
    }
}
