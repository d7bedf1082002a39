using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// The seasonal model refitted at each past origin day and the errors it then made, for empirical
    /// prediction intervals. The errors of an h-day total are measured on h-day totals (never per-day errors
    /// added up), so autocorrelation, level shifts and trend misses are in them as they really happened.
    /// Errors are relative to the level at their origin, so a series that grew keeps proportionate bounds.
    /// A query at a cut-off only uses origins and outcomes up to that cut-off: fitting once serves a whole backtest.
    /// </summary>
    internal sealed class ForecastErrorHistory
    {
        /// <summary>Origins looked back over: half a year, enough overlapping month-long totals for stable tails.</summary>
        public const int MaxOrigins = 182;

        /// <summary>Fewer errors than this at a horizon and the quantiles are taken at a shorter horizon and scaled.</summary>
        public const int MinimumSamples = 20;

        private readonly SeasonalTrendFit?[] _fits;
        private readonly double[]?[] _totalErrors;
        private readonly double[]?[] _dayErrors;
        private readonly double[] _buffer;

        public ForecastErrorHistory(double[] y, int firstOrigin, int lastOrigin, int maxHorizon)
        {
            _fits = new SeasonalTrendFit?[y.Length];
            _totalErrors = new double[y.Length][];
            _dayErrors = new double[y.Length][];
            _buffer = new double[Math.Max(MaxOrigins + 1, 64)];
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
        /// forecast from <paramref name="cutoff"/>, in the units of the series at the cut-off; false when the
        /// past holds too few errors even at short horizons.
        /// </summary>
        public bool TryTotalErrorQuantiles(int cutoff, int horizon, double[] probabilities, double[] quantiles) =>
            TryQuantiles(cutoff, horizon, probabilities, quantiles, _totalErrors, scaleToHorizon: true);

        /// <summary>Quantiles of the error of one day <paramref name="step"/> days after the cut-off.</summary>
        public bool TryDayErrorQuantiles(int cutoff, int step, double[] probabilities, double[] quantiles) =>
            TryQuantiles(cutoff, step, probabilities, quantiles, _dayErrors, scaleToHorizon: false);

        private bool TryQuantiles(int cutoff, int horizon, double[] probabilities, double[] quantiles, double[]?[] errors, bool scaleToHorizon)
        {
            SeasonalTrendFit? current = FitAt(cutoff);
            if (current is null || horizon < 1)
            {
                return false;
            }

            bool relative = current.Level > 0 && AllLevelsPositive(cutoff);
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
            for (int i = 0; i < probabilities.Length; i++)
            {
                double q = RobustStatistics.QuantileOfSorted(_buffer, count, probabilities[i]);
                quantiles[i] = ((median * drift) + ((q - median) * growth)) * unit;
            }

            return true;
        }

        private double Spread(int count) =>
            RobustStatistics.QuantileOfSorted(_buffer, count, 0.9) - RobustStatistics.QuantileOfSorted(_buffer, count, 0.1);

        private bool AllLevelsPositive(int cutoff)
        {
            for (int origin = Math.Max(0, cutoff - MaxOrigins); origin < cutoff; origin++)
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
