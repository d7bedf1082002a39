using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// Every candidate forecaster refitted at each past origin day, and the errors each then made on the totals of the
    /// next 1, 2, … days (never per-day errors added up, so autocorrelation, level shifts and ramps that stopped are in
    /// them as they happened). Errors are in units of the trailing pace at their origin, so a series that grew keeps
    /// proportionate bounds. A query at a cut-off uses only origins and outcomes up to that cut-off: fitting once
    /// serves a whole backtest.
    /// <para>
    /// From these errors, at a cut-off and horizon: which candidate to trust (<see cref="Choose"/>: the lowest mean
    /// absolute error around its median, since the median is corrected, on this series' own past at that horizon) and its interval (<see cref="TotalErrorQuantiles"/>:
    /// the quantiles of its past errors, shrunk towards <see cref="GrowthPrior"/> when there are few of them or a
    /// level shift is recent).
    /// </para>
    /// </summary>
    internal sealed class ForecastErrorHistory
    {
        /// <summary>Origins looked back over: a year, so every part of a month and season is in it.</summary>
        public const int MaxOrigins = 365;

        /// <summary>The longest billing period, in days: errors are measured up to this horizon.</summary>
        public const int LongestPeriod = 31;

        /// <summary>The quantiles the bounds are made of: the 95% interval's, then the 80% interval's, then their upper ends.</summary>
        public static readonly double[] IntervalProbabilities = { 0.025, 0.10, 0.90, 0.975 };

        /// <summary>The candidates, simplest first (the first is the one used when the past cannot tell them apart).</summary>
        public static readonly ForecastMethod[] Candidates = { ForecastMethod.TrailingPace, ForecastMethod.DampedWeeklyTrend, ForecastMethod.SeasonalTrend };

        /// <summary>Past errors needed at a horizon before the candidates are compared on them.</summary>
        public const int MinimumSamples = 14;

        /// <summary>Another candidate replaces the trailing pace only when its error is at least a tenth lower.</summary>
        private const double SimplestAdvantage = 0.9;

        /// <summary>How many past errors weigh as much as the prior (two weeks of them): with this many the interval is half each.</summary>
        private const double PriorWeight = 14;

        private readonly double[] _y;
        private readonly IDailyPredictor?[][] _fits;
        private readonly double[]?[][] _errors;
        private readonly double[] _unit;
        private readonly int[] _regimeStart;
        private readonly double[] _buffer = new double[MaxOrigins + 1];

        public ForecastErrorHistory(double[] y, int firstOrigin, int lastOrigin, int maxHorizon, bool nonNegative)
        {
            _y = y;
            _fits = Candidates.Select(_ => new IDailyPredictor?[y.Length]).ToArray();
            _errors = Candidates.Select(_ => new double[]?[y.Length]).ToArray();
            _unit = new double[y.Length];
            _regimeStart = new int[y.Length];
            var scratch = new double[64];
            var shifts = new LevelShift(y);
            for (int origin = Math.Max(firstOrigin, 0); origin <= lastOrigin && origin < y.Length; origin++)
            {
                int regime = shifts.RegimeStart(origin);
                _regimeStart[origin] = regime;
                TrailingPace? pace = TrailingPace.TryFit(y, origin, regime);
                _unit[origin] = pace is null ? 0d : Math.Abs(pace.Level);
                for (int m = 0; m < Candidates.Length; m++)
                {
                    IDailyPredictor? fit = Candidates[m] switch
                    {
                        ForecastMethod.TrailingPace => pace,
                        ForecastMethod.DampedWeeklyTrend => DampedWeeklyTrend.TryFit(y, origin, regime, scratch),
                        _ => SeasonalTrendFit.TryFit(y, origin, scratch),
                    };
                    _fits[m][origin] = fit;
                    if (fit != null && _unit[origin] > 0)
                    {
                        _errors[m][origin] = Errors(fit, origin, Math.Min(maxHorizon, y.Length - 1 - origin), nonNegative);
                    }
                }
            }
        }

        public IDailyPredictor? FitAt(ForecastMethod method, int origin) =>
            origin >= 0 && origin < _y.Length ? _fits[Array.IndexOf(Candidates, method)][origin] : null;

        /// <summary>
        /// The candidate with the lowest mean absolute error of <paramref name="horizon"/>-day totals forecast from the
        /// origins before <paramref name="cutoff"/> (all candidates scored on the same origins), and why.
        /// </summary>
        public (ForecastMethod Method, string Reason) Choose(int cutoff, int horizon)
        {
            var available = Enumerable.Range(0, Candidates.Length).Where(m => _fits[m][cutoff] != null).ToList();
            if (available.Count == 1)
            {
                return (Candidates[available[0]], string.Format(CultureInfo.InvariantCulture, "{0}: too little history for the other models.", Candidates[available[0]]));
            }

            int usable = Math.Max(1, horizon);
            int count = CommonOrigins(cutoff, usable, available);
            while (count < MinimumSamples && usable > 1)
            {
                usable = Math.Max(1, usable * 3 / 4);
                count = CommonOrigins(cutoff, usable, available);
            }

            if (count < MinimumSamples)
            {
                return (ForecastMethod.TrailingPace, string.Format(CultureInfo.InvariantCulture,
                    "TrailingPace: {0} past forecast(s) are too few to compare the models, so the simplest.", count));
            }

            var scores = new double[Candidates.Length];
            foreach (int m in available)
            {
                int n = 0;
                for (int origin = FirstOrigin(cutoff); origin + usable <= cutoff; origin++)
                {
                    if (IsCommon(origin, usable, available))
                    {
                        _buffer[n++] = _errors[m][origin]![usable - 1];
                    }
                }

                // The bias is corrected anyway: what counts is the error around it.
                double median = RobustStatistics.Median(_buffer, n);
                double sum = 0;
                for (int i = 0; i < n; i++)
                {
                    sum += Math.Abs(_buffer[i] - median);
                }

                // Mean absolute error as a percentage of the days' spend.
                scores[m] = sum / count / usable * 100d;
            }

            // Selection on a sample flatters whichever model fitted its noise: the simplest keeps its place unless
            // another was clearly better.
            int best = available.OrderBy(m => m == 0 ? scores[m] * SimplestAdvantage : scores[m]).First();
            string all = string.Join(", ", available.OrderBy(m => scores[m]).Select(m => string.Format(CultureInfo.InvariantCulture, "{0} {1:0.0}%", Candidates[m], scores[m])));
            return (Candidates[best], string.Format(CultureInfo.InvariantCulture,
                "{0}: the lowest error on this series' own past, forecasting {1}-day totals from {2} earlier days ({3}).", Candidates[best], usable, count, all));
        }

        /// <summary>
        /// Quantiles (at <see cref="IntervalProbabilities"/>) of the error of a <paramref name="horizon"/>-day total
        /// forecast by <paramref name="method"/> from <paramref name="cutoff"/>, and <paramref name="bias"/>, their
        /// median: what that forecaster typically missed by here. Both in the series' units, shrunk towards the
        /// prior by <paramref name="ownWeight"/> (the share the series' own errors get).
        /// </summary>
        public void TotalErrorQuantiles(ForecastMethod method, int cutoff, int horizon, double[] quantiles, out double bias, out double ownWeight)
        {
            GrowthPrior.TotalQuantiles(horizon, quantiles);
            Blend(method, cutoff, horizon, quantiles, scaleToHorizon: true, out bias, out ownWeight);
        }

        /// <summary>The same for one day, <paramref name="step"/> days after the cut-off, centred on the prediction.</summary>
        public void DayErrorQuantiles(ForecastMethod method, int cutoff, int step, double[] quantiles)
        {
            GrowthPrior.DayQuantiles(step, quantiles);
            Blend(method, cutoff, step, quantiles, scaleToHorizon: false, out double bias, out _);
            for (int i = 0; i < quantiles.Length; i++)
            {
                quantiles[i] -= bias;
            }
        }

        private void Blend(ForecastMethod method, int cutoff, int horizon, double[] quantiles, bool scaleToHorizon, out double bias, out double ownWeight)
        {
            double unit = CurrentUnit(cutoff);
            bias = 0;
            ownWeight = 0;
            int m = Array.IndexOf(Candidates, method);
            int usable = horizon;
            int count = Gather(m, cutoff, usable, scaleToHorizon);
            while (count < MinimumSamples && usable > 1)
            {
                usable = Math.Max(1, usable * 3 / 4);
                count = Gather(m, cutoff, usable, scaleToHorizon);
            }

            if (count > 0)
            {
                ownWeight = count / (count + PriorWeight) * Settled(cutoff);
                Array.Sort(_buffer, 0, count);
                // Errors of totals grow at least in proportion to the horizon when the level wanders (the usual case):
                // scale a shorter horizon's up linearly rather than by its square root, which would be too narrow.
                double stretch = scaleToHorizon ? (double)horizon / usable : 1d;
                double median = RobustStatistics.QuantileOfSorted(_buffer, count, 0.5) * stretch;
                bias = ownWeight * median * unit;
                for (int i = 0; i < quantiles.Length; i++)
                {
                    double own = RobustStatistics.QuantileOfSorted(_buffer, count, IntervalProbabilities[i]) * stretch;
                    quantiles[i] = ((ownWeight * own) + ((1 - ownWeight) * quantiles[i])) * unit;
                }

                return;
            }

            for (int i = 0; i < quantiles.Length; i++)
            {
                quantiles[i] *= unit;
            }
        }

        /// <summary>How far the series' own errors are trusted after a level shift: not at all on its day, fully after four weeks.</summary>
        private double Settled(int cutoff)
        {
            int regime = _regimeStart[cutoff];
            return regime < 0 ? 1d : Math.Min(1d, (cutoff - regime + 1d) / LevelShift.Lookback);
        }

        /// <summary>The unit at the cut-off: the trailing pace, or the mean size of the last four weeks when the pace is nil.</summary>
        private double CurrentUnit(int cutoff)
        {
            if (_unit[cutoff] > 0)
            {
                return _unit[cutoff];
            }

            double sum = 0;
            int count = 0;
            for (int i = cutoff; i >= 0 && i > cutoff - LevelShift.Lookback; i--)
            {
                if (!double.IsNaN(_y[i]))
                {
                    sum += Math.Abs(_y[i]);
                    count++;
                }
            }

            return count == 0 ? 0d : sum / count;
        }

        private int FirstOrigin(int cutoff) => Math.Max(0, cutoff - MaxOrigins);

        private bool IsCommon(int origin, int horizon, List<int> methods)
        {
            foreach (int m in methods)
            {
                double[]? errors = _errors[m][origin];
                if (errors is null || errors.Length < horizon || double.IsNaN(errors[horizon - 1]))
                {
                    return false;
                }
            }

            return true;
        }

        private int CommonOrigins(int cutoff, int horizon, List<int> methods)
        {
            int count = 0;
            for (int origin = FirstOrigin(cutoff); origin + horizon <= cutoff; origin++)
            {
                if (IsCommon(origin, horizon, methods))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>Copies into the buffer the errors at <paramref name="horizon"/> (totals, or the single day) of the origins whose outcome is known by the cut-off.</summary>
        private int Gather(int m, int cutoff, int horizon, bool total)
        {
            int count = 0;
            for (int origin = FirstOrigin(cutoff); origin + horizon <= cutoff; origin++)
            {
                double[]? errors = _errors[m][origin];
                if (errors is null || errors.Length < horizon || double.IsNaN(errors[horizon - 1]))
                {
                    continue;
                }

                _buffer[count++] = total || horizon == 1 ? errors[horizon - 1] : errors[horizon - 1] - errors[horizon - 2];
            }

            return count;
        }

        /// <summary>The errors of the 1..<paramref name="horizon"/>-day totals from <paramref name="origin"/>, in units; they stop at a missing day.</summary>
        private double[] Errors(IDailyPredictor fit, int origin, int horizon, bool nonNegative)
        {
            var errors = new double[Math.Max(horizon, 0)];
            double sum = 0;
            for (int step = 1; step <= errors.Length; step++)
            {
                double actual = _y[origin + step];
                if (double.IsNaN(actual))
                {
                    Array.Resize(ref errors, step - 1);
                    break;
                }

                double predicted = fit.Predict(origin + step);
                sum += actual - (nonNegative ? Math.Max(0d, predicted) : predicted);
                errors[step - 1] = sum / _unit[origin];
            }

            return errors;
        }
    }
}
