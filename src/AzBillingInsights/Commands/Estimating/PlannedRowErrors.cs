using System;
using System.Management.Automation;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Commands.Estimating
{
    /// <summary>The error of a planned-usage row that names no meter (UnknownMeter) or too little to pick one (AmbiguousMeter).</summary>
    internal static class PlannedRowErrors
    {
        public static ErrorRecord Unresolved(MeterResolution resolution, object? input)
        {
            // No meter is a missing object; several is a row that says too little to pick one.
            bool ambiguous = resolution.Candidates.Count > 1;
            return ErrorFactory.Create(new ArgumentException(resolution.Error), ambiguous ? "AmbiguousMeter" : "UnknownMeter",
                ambiguous ? ErrorCategory.InvalidData : ErrorCategory.ObjectNotFound, input, null);
        }
    }
}
