using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>One day's cost or quantity. <see cref="Date"/> is a UTC calendar day (time of day dropped).</summary>
    public readonly struct DailyValue
    {
        public DailyValue(DateTime date, decimal value)
        {
            Date = DateTime.SpecifyKind(date.Date, DateTimeKind.Utc);
            Value = value;
        }

        public DateTime Date { get; }
        public decimal Value { get; }
    }
}
