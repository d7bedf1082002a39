using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// Replays a series' past: for every complete billing period in it and every cut-off day, forecasts the
    /// period's total from the days up to the cut-off only and compares it with what the period came to,
    /// beside two baselines on the same cut-offs: the naive run-rate (spend so far / days elapsed × days in the
    /// period) and the 7-day pace (spend so far + the mean of the last seven days × the days left).
    /// A period counts when it lies wholly inside the series and no day of it is missing (its total is known).
    /// </summary>
    public sealed class Backtester
    {
        private readonly Forecaster _forecaster;

        public Backtester(Forecaster? forecaster = null)
        {
            _forecaster = forecaster ?? new Forecaster();
        }

        /// <summary>Days of the period (1 = its first day) to forecast from; default every day but the last.</summary>
        public IReadOnlyList<int>? CutoffDays { get; set; }

        /// <summary>Also replay each candidate model forced alone on the same cut-offs (<see cref="BacktestReport.Candidates"/>).</summary>
        public bool ScoresCandidates { get; set; }

        public BacktestReport Run(DailySeries series, string group = "") =>
            new BacktestReport(Replay(series, group).ToList(), 1);

        /// <summary>Backtests each group's series and pools the outcomes into one report.</summary>
        public BacktestReport Run(IEnumerable<KeyValuePair<string, DailySeries>> groups)
        {
            var outcomes = new List<BacktestOutcome>();
            int groupCount = 0;
            foreach (KeyValuePair<string, DailySeries> group in groups)
            {
                outcomes.AddRange(Replay(group.Value, group.Key));
                groupCount++;
            }

            return new BacktestReport(outcomes, groupCount);
        }

        private IEnumerable<BacktestOutcome> Replay(DailySeries series, string group)
        {
            if (series.IsEmpty)
            {
                yield break;
            }

            DateTime first = series.FirstDay;
            double[] y = series.ToDense(first, series.LastDay);
            decimal[] runningTotals = series.ToRunningTotals(first, series.LastDay);
            int firstNegative = Array.FindIndex(y, v => v < 0);
            var errors = new ForecastErrorHistory(y, 0, y.Length - 1, ForecastErrorHistory.LongestPeriod, firstNegative < 0);

            var calendar = _forecaster.Calendar;
            int periodIndex = calendar.PeriodIndexOf(first.Ticks);
            while (true)
            {
                DateTime periodStart = calendar.StartOf(periodIndex).UtcDateTime;
                DateTime periodEnd = calendar.EndOf(periodIndex).UtcDateTime.AddDays(-1);
                periodIndex++;
                if (periodEnd > series.LastDay)
                {
                    yield break;
                }

                int start = (periodStart - first).Days;
                int end = (periodEnd - first).Days;
                if (start < 0 || !IsComplete(y, start, end))
                {
                    continue;
                }

                decimal actual = runningTotals[end] - (start > 0 ? runningTotals[start - 1] : 0m);

                int days = end - start + 1;
                IEnumerable<int> cutoffDays = CutoffDays?.Where(d => d >= 1 && d < days) ?? Enumerable.Range(1, days - 1);
                foreach (int day in cutoffDays)
                {
                    int cutoff = start + day - 1;
                    bool nonNegative = firstNegative < 0 || firstNegative > cutoff;
                    PeriodForecast forecast = _forecaster.Predict(y, runningTotals, first, cutoff, start, end, errors, nonNegative, withPath: false);
                    decimal runRate = forecast.ActualToDate / day * days;
                    decimal pace = forecast.ActualToDate + (TrailingMean(runningTotals, cutoff) * (end - cutoff));
                    yield return new BacktestOutcome(group, forecast, day, actual, runRate, pace, null);
                    if (ScoresCandidates)
                    {
                        foreach (ForecastMethod method in ForecastErrorHistory.Candidates)
                        {
                            PeriodForecast alone = _forecaster.Predict(y, runningTotals, first, cutoff, start, end, errors, nonNegative, withPath: false, only: method);
                            yield return new BacktestOutcome(group, alone, day, actual, runRate, pace, method);
                        }
                    }
                }
            }
        }

        /// <summary>The mean of the last seven days through <paramref name="cutoff"/> (of fewer at the series' start): the 7-day pace.</summary>
        private static decimal TrailingMean(decimal[] runningTotals, int cutoff)
        {
            int days = Math.Min(TrailingPace.Days, cutoff + 1);
            return (runningTotals[cutoff] - (cutoff >= days ? runningTotals[cutoff - days] : 0m)) / days;
        }

        private static bool IsComplete(double[] y, int start, int end)
        {
            for (int i = start; i <= end; i++)
            {
                if (double.IsNaN(y[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
