using System.Collections.Generic;
using AzBillingInsights.Engine.Forecasting;

namespace AzBillingInsights
{
    /// <summary>
    /// One row of Get-AzCostForecast -Backtest: accuracy of the forecasts made on one day of the period (0 = all days),
    /// beside the run-rate and the 7-day pace on the same days. The overall row lists each candidate model forced alone.
    /// </summary>
    public sealed class CostForecastBacktest
    {
        /// <summary>The <see cref="Method"/> of rows that score the forecaster as it chooses per forecast.</summary>
        public const string Chosen = "Chosen";

        internal CostForecastBacktest(string method, BacktestScore score, int periodCount, IReadOnlyList<CostForecastBacktest>? candidates = null)
        {
            Method = method;
            CutoffDay = score.CutoffDay;
            Forecasts = score.Count;
            Periods = periodCount;
            Mape = score.Mape;
            RunRateMape = score.RunRateMape;
            PaceMape = score.PaceMape;
            Coverage80 = score.Coverage80;
            Coverage95 = score.Coverage95;
            Width95 = score.MeanRelativeWidth95;
            Incoherent = score.IncoherentCount;
            Candidates = candidates ?? new List<CostForecastBacktest>();
        }

        /// <summary>Chosen (the model picked per forecast by its backtested error), or the candidate scored alone.</summary>
        public string Method { get; }
        public int CutoffDay { get; }
        public int Forecasts { get; }
        public int Periods { get; }

        /// <summary>Mean absolute percentage error of the forecast, in percent.</summary>
        public double? Mape { get; }

        /// <summary>The same for the naive run-rate (spend so far / days elapsed × days in the period).</summary>
        public double? RunRateMape { get; }

        /// <summary>The same for the 7-day pace (spend so far + the mean of the last seven days × the days left).</summary>
        public double? PaceMape { get; }

        /// <summary>Share of actual totals inside the 80% interval (nominal 0.80).</summary>
        public double? Coverage80 { get; }

        /// <summary>Share of actual totals inside the 95% interval (nominal 0.95).</summary>
        public double? Coverage95 { get; }

        /// <summary>The mean width of the 95% interval as a share of the actual total.</summary>
        public double? Width95 { get; }

        /// <summary>Forecasts whose bounds did not nest around the point (always 0).</summary>
        public int Incoherent { get; }

        /// <summary>On the overall row: each candidate model forced alone over the same forecasts.</summary>
        public IReadOnlyList<CostForecastBacktest> Candidates { get; }
    }
}
