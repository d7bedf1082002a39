using System;
using System.Collections.Generic;
using System.Threading;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>Where an export's rows come from: usage priced by the rating engine, or Cost Management's own cost rows.</summary>
    public interface IFocusRowSource
    {
        /// <summary>x_CostSource of every row, e.g. Estimate:RateCard or CostDetails:ActualCost.</summary>
        string Name { get; }

        /// <summary>The day billing periods start on, which partitions follow.</summary>
        int BillingPeriodStartDay { get; }

        /// <summary>The rows of <paramref name="partition"/>'s subscription and window; unpriced usage is counted in the partition's manifest.</summary>
        /// <param name="rowRead">Called for each input row read, from the reading thread.</param>
        IAsyncEnumerable<FocusRow> ReadAsync(PartitionManifest partition, Action? rowRead, CancellationToken cancellationToken);
    }
}
