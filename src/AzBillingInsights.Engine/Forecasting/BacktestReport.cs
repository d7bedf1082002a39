using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>The outcomes of a backtest and their scorecard, overall and by cut-off day.</summary>
    public sealed class BacktestReport
    {
        internal BacktestReport(IReadOnlyList<BacktestOutcome> all, int groupCount)
        {
            List<BacktestOutcome> outcomes = all.Where(o => o.Candidate is null).ToList();
            Outcomes = outcomes;
            Candidates = all.Where(o => o.Candidate.HasValue).GroupBy(o => o.Candidate!.Value).OrderBy(g => g.Key)
                .Select(g => new KeyValuePair<ForecastMethod, BacktestScore>(g.Key, new BacktestScore(0, g.ToList()))).ToList();
            GroupCount = groupCount;
            PeriodCount = outcomes.Select(o => (o.Group, o.PeriodStart)).Distinct().Count();
            Overall = new BacktestScore(0, outcomes);
            ByCutoffDay = outcomes.GroupBy(o => o.CutoffDay).OrderBy(g => g.Key).Select(g => new BacktestScore(g.Key, g.ToList())).ToList();
        }

        public IReadOnlyList<BacktestOutcome> Outcomes { get; }
        public int GroupCount { get; }

        /// <summary>Periods replayed (per group).</summary>
        public int PeriodCount { get; }

        /// <summary>All cut-offs together (its <see cref="BacktestScore.CutoffDay"/> is 0).</summary>
        public BacktestScore Overall { get; }

        public IReadOnlyList<BacktestScore> ByCutoffDay { get; }

        /// <summary>Each candidate model forced alone over the same cut-offs, all of them together (empty unless asked for).</summary>
        public IReadOnlyList<KeyValuePair<ForecastMethod, BacktestScore>> Candidates { get; }
    }

    /// <summary>
    /// Accuracy over a set of backtest forecasts: MAPE of the model and of the run-rate (in percent, over
    /// periods whose actual total is not zero) and how often the actual fell inside each interval.
    /// </summary>
    public sealed class BacktestScore
    {
        internal BacktestScore(int cutoffDay, IReadOnlyList<BacktestOutcome> outcomes)
        {
            CutoffDay = cutoffDay;
            Count = outcomes.Count;
            List<BacktestOutcome> scored = outcomes.Where(o => o.Actual != 0m).ToList();
            Mape = scored.Count == 0 ? (double?)null : scored.Average(o => Percent(o.Forecast, o.Actual));
            RunRateMape = scored.Count == 0 ? (double?)null : scored.Average(o => Percent(o.RunRate, o.Actual));
            PaceMape = scored.Count == 0 ? (double?)null : scored.Average(o => Percent(o.Pace, o.Actual));
            MeanRelativeWidth95 = scored.Count == 0 ? (double?)null : scored.Average(o => (double)((o.Interval.Upper95 - o.Interval.Lower95) / Math.Abs(o.Actual)));
            IncoherentCount = outcomes.Count(o => !o.Interval.IsCoherent(o.Forecast));
            Coverage80 = Count == 0 ? (double?)null : outcomes.Count(o => o.Within80) / (double)Count;
            Coverage95 = Count == 0 ? (double?)null : outcomes.Count(o => o.Within95) / (double)Count;
        }

        /// <summary>Day of the period the forecasts were made on (1 = first day); 0 for all cut-offs together.</summary>
        public int CutoffDay { get; }
        public int Count { get; }
        public double? Mape { get; }
        public double? RunRateMape { get; }

        /// <summary>The same for the trailing 7-day pace (spend so far + mean of the last seven days × days left).</summary>
        public double? PaceMape { get; }

        /// <summary>The mean width of the 95% interval as a share of the actual total.</summary>
        public double? MeanRelativeWidth95 { get; }

        /// <summary>Forecasts whose bounds were out of order or did not hold their own point forecast (should be none).</summary>
        public int IncoherentCount { get; }

        /// <summary>Share of actual totals inside the 80% interval (nominal 0.80).</summary>
        public double? Coverage80 { get; }

        /// <summary>Share of actual totals inside the 95% interval (nominal 0.95).</summary>
        public double? Coverage95 { get; }

        private static double Percent(decimal forecast, decimal actual) => (double)(Math.Abs(forecast - actual) / Math.Abs(actual)) * 100d;
    }

    /// <summary>One backtest forecast: what was predicted on the cut-off day and what the period came to.</summary>
    public sealed class BacktestOutcome
    {
        internal BacktestOutcome(string group, PeriodForecast forecast, int cutoffDay, decimal actual, decimal runRate, decimal pace, ForecastMethod? candidate)
        {
            Group = group;
            PeriodStart = forecast.PeriodStart;
            PeriodEnd = forecast.PeriodEnd;
            AsOf = forecast.AsOf;
            CutoffDay = cutoffDay;
            Actual = actual;
            Forecast = forecast.Forecast;
            Interval = forecast.Interval;
            RunRate = runRate;
            Pace = pace;
            Candidate = candidate;
            Method = forecast.Method;
        }

        public string Group { get; }
        public DateTime PeriodStart { get; }
        public DateTime PeriodEnd { get; }
        public DateTime AsOf { get; }
        public int CutoffDay { get; }

        /// <summary>The period's actual total.</summary>
        public decimal Actual { get; }
        public decimal Forecast { get; }
        public PredictionInterval Interval { get; }

        /// <summary>The naive run-rate forecast on the same cut-off.</summary>
        public decimal RunRate { get; }

        /// <summary>The trailing 7-day pace on the same cut-off.</summary>
        public decimal Pace { get; }
        public ForecastMethod Method { get; }

        /// <summary>The candidate forced for this outcome; null for the forecaster as it chooses.</summary>
        public ForecastMethod? Candidate { get; }
        public bool Within80 => Interval.Within80(Actual);
        public bool Within95 => Interval.Within95(Actual);
    }
}
