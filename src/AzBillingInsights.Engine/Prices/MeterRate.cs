namespace AzBillingInsights.Engine.Prices
{
    /// <summary>One tier of a meter: from <see cref="StartQuantity"/> on, each unit costs <see cref="UnitPrice"/>.</summary>
    public readonly struct MeterRate
    {
        public MeterRate(decimal startQuantity, decimal unitPrice)
        {
            StartQuantity = startQuantity;
            UnitPrice = unitPrice;
        }

        public decimal StartQuantity { get; }
        public decimal UnitPrice { get; }

        public override string ToString() => $"{StartQuantity}: {UnitPrice}";
    }
}
