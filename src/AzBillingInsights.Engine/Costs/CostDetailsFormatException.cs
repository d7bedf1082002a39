using System;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>A cost CSV that cannot be read as cost rows: an unknown header, or a value that is not what its column holds.</summary>
    public sealed class CostDetailsFormatException : Exception
    {
        public CostDetailsFormatException(string message)
            : base(message)
        {
        }

        public CostDetailsFormatException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
