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
    /// Those quantiles are then calibrated (<see cref="Calibrate"/>): how often bounds built this way held the
    /// outcome on the series' own finished periods decides how far to stretch or shrink them.
    /// </summary>
    internal sealed class ForecastErrorHistory
    {
        /// <summary>Origins looked back over: half a year, enough overlapping month-long totals for stable tails.</summary>
        public const int MaxOrigins = 182;

        /// <summary>Origins looked back over when aligning on the day of the period: a year.</summary>
        public const int MaxAlignedOrigins = 371;

        /// <summary>The quantiles the bounds are made of: the 95% interval's, then the 80% interval's, then their upper ends.</summary>
        public static readonly double[] IntervalProbabilities = { 0.025, 0.10, 0.90, 0.975 };

        /// <summary>Origins whose rest-of-period forecasts calibrate the intervals: a year, so every part of the period is in it several times.</summary>
        public const int CalibrationOrigins = 371;

        /// <summary>The longest billing period, in days: rest-of-period errors are measured up to this horizon.</summary>
        public const int LongestPeriod = 31;

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

        /// <summary>Per origin, its uncalibrated rest-of-period bounds (centre, lower 80%, upper 80%), or null; filled on first use.</summary>
        private readonly double[]?[] _restOfPeriodBounds;
        private readonly bool[] _restOfPeriodDone;
        private readonly double[] _stretches;

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
            _restOfPeriodBounds = new double[y.Length][];
            _restOfPeriodDone = new bool[y.Length];
            _stretches = new double[CalibrationOrigins];
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
        /// interval around their mean. Used, bias included, only when that bias is beyond chance (more than two
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

        /// <summary>
        /// Calibrates <paramref name="bounds"/> (errors of the total at <see cref="IntervalProbabilities"/>, centred on
        /// <paramref name="centre"/>) by split-conformal prediction on this series' own past; unchanged where the past
        /// is too short. Returns whether it calibrated.
        /// <para>
        /// The error quantiles alone are not a calibrated interval: they are taken from a few hundred overlapping,
        /// strongly correlated totals, from horizons other than the one asked, and from errors of a model that did not
        /// yet know what a period's pricing shape would do. On a series with little day-to-day noise and a strong
        /// within-period shape that makes them too narrow (the emulator: 63% of outcomes in the 80% interval), on a
        /// noisy one they are about right. So each origin of the past year whose billing period has ended by the
        /// cut-off is scored: the factor by which its own rest-of-period 80% bounds, built exactly as today's are from
        /// what was known then, would have had to be stretched about their centre to hold what the period came to
        /// (1 = just on a bound; below 1 inside). Under exchangeability the ⌈(n + 1)(1 − α)⌉-th smallest of n such
        /// scores stretches today's bounds to cover with probability at least 1 − α (split conformal prediction with
        /// its finite-sample correction; Vovk et al. 2005, Lei et al. 2018). Scaling the bounds rather than adding a
        /// constant keeps what they know: wider far from the period's end and with a level, skewed where errors are.
        /// </para>
        /// <para>
        /// Both intervals are calibrated on that one score, the stretch of the 80% bounds: the 95% bounds come from the
        /// 95% rank of the same scores (the base 95% quantiles rest on a few extreme errors and are unsteady). The 95%
        /// rank needs 19 scores; with fewer (but the 4 the 80% rank needs) the base 95% bounds are stretched by the 80%
        /// factor. Scores are pooled over every day of the period: their bounds already widen with the horizon, so a
        /// stretch means the same on day 2 as on day 25, and a year gives several hundred of them where the same
        /// day of past periods gives at most twelve, too few for a 95% rank. Origins within one period are correlated,
        /// so the effective sample is smaller than n and the guarantee approximate; the backtest measures it.
        /// </para>
        /// </summary>
        public bool Calibrate(int cutoff, double centre, double[] bounds)
        {
            if (_daysLeftInPeriod is null)
            {
                return false;
            }

            int count = 0;
            for (int origin = Math.Max(0, cutoff - CalibrationOrigins); origin < cutoff; origin++)
            {
                int left = _daysLeftInPeriod[origin];
                double[]? series = left >= 1 && origin + left <= cutoff ? _totalErrors[origin] : null;
                if (series is null || series.Length < left || double.IsNaN(series[left - 1]))
                {
                    continue;
                }

                double[]? past = RestOfPeriodBounds(origin);
                if (past != null)
                {
                    _stretches[count++] = Stretch(series[left - 1], past[0], past[1], past[2]);
                }
            }

            Array.Sort(_stretches, 0, count);
            double scale80 = ConformalQuantile(count, 0.80);
            if (double.IsNaN(scale80))
            {
                return false;
            }

            double scale95 = ConformalQuantile(count, 0.95);
            bool ranked95 = !double.IsNaN(scale95);
            double lower80 = centre + ((bounds[1] - centre) * scale80);
            double upper80 = centre + ((bounds[2] - centre) * scale80);
            double lower95 = ranked95 ? centre + ((bounds[1] - centre) * scale95) : centre + ((bounds[0] - centre) * scale80);
            double upper95 = ranked95 ? centre + ((bounds[2] - centre) * scale95) : centre + ((bounds[3] - centre) * scale80);
            bounds[0] = Math.Min(lower95, lower80);
            bounds[1] = lower80;
            bounds[2] = upper80;
            bounds[3] = Math.Max(upper95, upper80);
            return true;
        }

        /// <summary>The factor by which bounds around <paramref name="centre"/> must be stretched to hold <paramref name="error"/>.</summary>
        private static double Stretch(double error, double centre, double lower, double upper)
        {
            double miss = error - centre;
            if (miss == 0)
            {
                return 0d;
            }

            double width = miss > 0 ? upper - centre : centre - lower;
            return width > 0 ? Math.Abs(miss) / width : double.PositiveInfinity;
        }

        /// <summary>The ⌈(n + 1)·<paramref name="coverage"/>⌉-th smallest sorted stretch; NaN when n is too small for that rank or it is unbounded.</summary>
        private double ConformalQuantile(int count, double coverage)
        {
            int rank = (int)Math.Ceiling((count + 1) * coverage);
            if (rank > count)
            {
                return double.NaN;
            }

            double value = _stretches[rank - 1];
            return double.IsInfinity(value) ? double.NaN : value;
        }

        /// <summary>
        /// The uncalibrated bounds of the rest-of-period total forecast from <paramref name="origin"/>, as errors
        /// (centre, lower 80%, upper 80%): what <see cref="TryTotalErrorQuantiles"/> gave from there. They use only
        /// what was known at the origin, so they are the same whichever later cut-off asks.
        /// </summary>
        private double[]? RestOfPeriodBounds(int origin)
        {
            if (!_restOfPeriodDone[origin])
            {
                _restOfPeriodDone[origin] = true;
                var quantiles = new double[IntervalProbabilities.Length];
                if (TryTotalErrorQuantiles(origin, _daysLeftInPeriod![origin], IntervalProbabilities, quantiles, out double bias))
                {
                    _restOfPeriodBounds[origin] = new[] { bias, quantiles[1], quantiles[2] };
                }
            }

            return _restOfPeriodBounds[origin];
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
