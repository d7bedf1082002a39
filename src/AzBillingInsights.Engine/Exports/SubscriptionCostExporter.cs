using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.RateCards;
using AzBillingInsights.Engine.Usage;

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
    /// Exports the estimated cost of one subscription over a window, one partition per billing period: each period's
    /// usage is read, priced with the rating engine and written before the next is read, so memory follows one
    /// period, not the window.
    /// </summary>
    public sealed class SubscriptionCostExporter
    {
        /// <summary>Reads the usage of a subscription whose usage time falls in [from, to).</summary>
        public delegate IAsyncEnumerable<UsageRecord> UsageSource(string subscriptionId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

        private readonly CostExportRequest _request;
        private readonly RateCard _card;
        private readonly UsageSource _readUsage;
        private readonly TimeProvider _clock;
        private readonly BillingPeriodCalendar _calendar;

        public SubscriptionCostExporter(CostExportRequest request, RateCard card, UsageSource readUsage, TimeProvider clock)
        {
            _request = request;
            _card = card;
            _readUsage = readUsage;
            _clock = clock;
            _calendar = new BillingPeriodCalendar(request.BillingPeriodStartDay);
        }

        public string CostSource => "Estimate:RateCard";

        /// <param name="rowRead">Called for each usage row read, from the reading thread.</param>
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
                    Source = CostSource,
                    Currency = _card.Currency,
                    ModuleVersion = _request.ModuleVersion,
                };
                IAsyncEnumerable<FocusRow> rows = PriceAsync(manifest, rowRead, cancellationToken);
                manifest = await writer.WriteAsync(paths, manifest, rows, cancellationToken).ConfigureAwait(false);
                yield return new PartitionOutcome(subscriptionId, periodStart, paths, manifest);
            }
        }

        private async IAsyncEnumerable<FocusRow> PriceAsync(PartitionManifest manifest, Action? rowRead, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var pricing = new EstimatedCostRows(_card, manifest.SubscriptionId, _request.HourlyChargePeriods, _request.BillingPeriodStartDay, _request.ApplyOfferTerms, CostSource);
            await foreach (UsageRecord row in _readUsage(manifest.SubscriptionId, manifest.From, manifest.To, cancellationToken).ConfigureAwait(false))
            {
                pricing.Add(row);
                rowRead?.Invoke();
            }

            foreach (FocusRow row in pricing.Complete())
            {
                yield return row;
            }

            manifest.UnratedRowCount = pricing.UnratedRowCount;
            manifest.ExportedAt = _clock.GetUtcNow();
        }
    }
}
