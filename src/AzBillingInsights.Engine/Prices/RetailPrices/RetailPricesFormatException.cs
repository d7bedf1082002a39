using System;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>A Retail Prices page that is not the envelope the service writes (cut off, garbled, or items missing).</summary>
    public sealed class RetailPricesFormatException : Exception
    {
        public RetailPricesFormatException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}
