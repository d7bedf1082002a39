using System;

namespace AzBillingInsights.Engine.Prices.RateCardApi
{
    /// <summary>The body is not a readable RateCard document: truncated, corrupt, or another document entirely.</summary>
    public sealed class RateCardFormatException : FormatException
    {
        public RateCardFormatException(string message, long bytePosition, Exception? innerException = null)
            : base($"{message} (at byte {bytePosition})", innerException)
        {
            BytePosition = bytePosition;
        }

        /// <summary>Offset in the body where the token that failed starts.</summary>
        public long BytePosition { get; }
    }
}
