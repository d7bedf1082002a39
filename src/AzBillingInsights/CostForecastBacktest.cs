using AzBillingInsights.Engine.Forecasting;

namespace AzBillingInsights
{
    /// <summary>One row of Get-AzCostForecast -Backtest: accuracy of the forecasts made on one day of the period (0 = all days).</summary>
    public sealed class CostForecastBacktest
    {
        internal CostForecastBacktest(BacktestScore score, int periodCount)
        {
            CutoffDay = score.CutoffDay;
            Forecasts = score.Count;
            Periods = periodCount;
            Mape = score.Mape;
            RunRateMape = score.RunRateMape;
            Coverage80 = score.Coverage80;
            Coverage95 = score.Coverage95;
        }

        public int CutoffDay { get; }
        public int Forecasts { get; }
        public int Periods { get; }

        /// <summary>Mean absolute percentage error of the forecast, in percent.</summary>
        public double? Mape { get; }

        /// <summary>The same for the naive run-rate (spend so far / days elapsed × days in the period).</summary>
        public double? RunRateMape { get; }

        /// <summary>Share of actual totals inside the 80% interval (nominal 0.80).</summary>
        public double? Coverage80 { get; }

        /// <summary>Share of actual totals inside the 95% interval (nominal 0.95).</summary>
        public double? Coverage95 { get; }
    }
}
