namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>A forecaster fitted at one origin day: the value it predicts for a later (or missing) day.</summary>
    internal interface IDailyPredictor
    {
        /// <summary>The mean daily value at the origin: the unit its errors are measured in.</summary>
        double Level { get; }

        double Predict(int index);
    }
}
