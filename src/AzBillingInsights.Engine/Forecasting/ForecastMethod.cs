namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>Which model produced a forecast; anything but <see cref="SeasonalTrend"/> means the history was short.</summary>
    public enum ForecastMethod
    {
        /// <summary>Day-of-week profile, robust level and damped trend (two complete weeks or more).</summary>
        SeasonalTrend,

        /// <summary>Mean of the last days given (fewer than two complete weeks): no weekly rhythm, no trend.</summary>
        RunRate,

        /// <summary>One day of history, repeated; the intervals assume a spread of half that day's value.</summary>
        SingleDayRunRate,
    }

    /// <summary>Where the prediction intervals came from.</summary>
    public enum IntervalSource
    {
        /// <summary>Empirical quantiles of the model's own errors over the same horizon on the series' past, calibrated on its finished periods once there are some.</summary>
        ForecastErrors,

        /// <summary>The spread of the days around the fitted values, with Student-t quantiles (too little past to replay).</summary>
        ResidualSpread,

        /// <summary>An assumed spread (a single day of history): treat the bounds as indicative only.</summary>
        AssumedSpread,
    }
}
