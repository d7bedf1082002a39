namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>Which candidate produced a forecast: the one with the lowest backtested error on the series' own past.</summary>
    public enum ForecastMethod
    {
        /// <summary>The mean of the last seven days (since a level shift, if one was this week) for every day to come.</summary>
        TrailingPace,

        /// <summary>The latest week's level with a Theil-Sen trend through up to eight weekly totals, damped by a fifth a week.</summary>
        DampedWeeklyTrend,

        /// <summary>Day-of-week profile, robust level and damped trend (two complete weeks or more).</summary>
        SeasonalTrend,
    }

    /// <summary>Where the prediction intervals mainly came from.</summary>
    public enum IntervalSource
    {
        /// <summary>The chosen model's own errors over the same horizon on the series' past (they outweigh the prior).</summary>
        ForecastErrors,

        /// <summary>Mostly the prior of how real spend drifts: short history, or a recent level shift. Wide on purpose.</summary>
        GrowthPrior,
    }
}
