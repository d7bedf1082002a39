using System;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>What two cost rows disagree on, so that they cannot be added up.</summary>
    public enum CostRowConflict
    {
        Metric,
        Currency,
    }

    /// <summary>Cost rows of different metrics or billing currencies given to one total.</summary>
    public sealed class CostRowMixException : ArgumentException
    {
        public CostRowMixException(string message, CostRowConflict conflict)
            : base(message) => Conflict = conflict;

        public CostRowConflict Conflict { get; }
    }
}
