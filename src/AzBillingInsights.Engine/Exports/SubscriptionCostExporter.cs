using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>The fate of one partition: written (with its manifest) or skipped because an earlier run finished it.</summary>
    public sealed class PartitionOutcome
    {
        internal PartitionOutcome(string subscriptionId, DateTimeOffset billingPeriodStart, PartitionPaths paths, PartitionManifest? written)
        {
            SubscriptionId = subscriptionId;
            BillingPeriodStart = billingPeriodStart;
            Paths = paths;
            Manifest = written;
        }

        public string SubscriptionId { get; }
        public DateTimeOffset BillingPeriodStart { get; }
        public PartitionPaths Paths { get; }
        /// <summary>The manifest just written; null when the partition was skipped.</summary>
        public PartitionManifest? Manifest { get; }
        public bool Skipped => Manifest is null;
    }

    /// <summary>
    /// Exports the cost of one subscription over a window, one partition per billing period: each period's rows are read
    /// and written before the next is read, so memory follows one period, not the window.
    /// </summary>
    public sealed class SubscriptionCostExporter
    {
        private readonly CostExportRequest _request;
        private readonly IFocusRowSource _source;
        private readonly TimeProvider _clock;
        private readonly BillingPeriodCalendar _calendar;

        public SubscriptionCostExporter(CostExportRequest request, IFocusRowSource source, TimeProvider clock)
        {
            _request = request;
            _source = source;
            _clock = clock;
            _calendar = new BillingPeriodCalendar(source.BillingPeriodStartDay);
        }

        /// <param name="rowRead">Called for each input row read, from the reading thread.</param>
        public async IAsyncEnumerable<PartitionOutcome> ExportAsync(
            string subscriptionId, DateTimeOffset from, DateTimeOffset to, Action? rowRead, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var writer = new PartitionWriter(_request.Format);
            int last = _calendar.PeriodIndexOf(to.UtcTicks - 1);
            for (int period = _calendar.PeriodIndexOf(from.UtcTicks); period <= last; period++)
            {
                DateTimeOffset periodStart = _calendar.StartOf(period);
                DateTimeOffset periodEnd = _calendar.EndOf(period);
                PartitionPaths paths = PartitionPaths.For(_request.Root, _request.Layout, _request.Format, subscriptionId, periodStart, _request.IngestionId);
                if (!_request.Force && PartitionWriter.IsFinished(paths))
                {
                    yield return new PartitionOutcome(subscriptionId, periodStart, paths, null);
                    continue;
                }

                var manifest = new PartitionManifest
                {
                    SubscriptionId = subscriptionId,
                    BillingPeriodStart = periodStart,
                    BillingPeriodEnd = periodEnd,
                    From = from > periodStart ? from : periodStart,
                    To = to < periodEnd ? to : periodEnd,
                    Source = _source.Name,
                    ModuleVersion = _request.ModuleVersion,
                    ExportedAt = _clock.GetUtcNow(),
                };
                manifest = await writer.WriteAsync(paths, manifest, _source.ReadAsync(manifest, rowRead, cancellationToken), cancellationToken).ConfigureAwait(false);
                yield return new PartitionOutcome(subscriptionId, periodStart, paths, manifest);
            }
        }
    }
}
