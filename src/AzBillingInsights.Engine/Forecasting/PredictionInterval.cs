namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// The 80% and 95% prediction intervals around one forecast value (a period's total or one day). For an actual
    /// value all four bounds equal it.
    /// </summary>
    public readonly struct PredictionInterval
    {
        public PredictionInterval(decimal lower95, decimal lower80, decimal upper80, decimal upper95)
        {
            Lower95 = lower95;
            Lower80 = lower80;
            Upper80 = upper80;
            Upper95 = upper95;
        }

        public decimal Lower95 { get; }
        public decimal Lower80 { get; }
        public decimal Upper80 { get; }
        public decimal Upper95 { get; }

        /// <summary>An interval of no width: what an actual value is.</summary>
        public static PredictionInterval Exactly(decimal value) => new PredictionInterval(value, value, value, value);

        public bool Within80(decimal value) => value >= Lower80 && value <= Upper80;

        public bool Within95(decimal value) => value >= Lower95 && value <= Upper95;

        /// <summary>Lower95 ≤ Lower80 ≤ <paramref name="point"/> ≤ Upper80 ≤ Upper95.</summary>
        public bool IsCoherent(decimal point) => Lower95 <= Lower80 && Lower80 <= point && point <= Upper80 && Upper80 <= Upper95;
    }
}
