using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>Usage read for each partition and priced with the rating engine against one card.</summary>
    public sealed class EstimatedFocusRowSource : IFocusRowSource
    {
        /// <summary>Reads the usage of a subscription whose usage time falls in [from, to).</summary>
        public delegate IAsyncEnumerable<UsageRecord> UsageSource(string subscriptionId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

        private readonly PriceList _card;
        private readonly UsageSource _readUsage;
        private readonly bool _hourly;
        private readonly bool _applyOfferTerms;

        /// <param name="priceSourceName">The price source named in x_CostSource after "Estimate:", e.g. RateCard.</param>
        public EstimatedFocusRowSource(PriceList card, string priceSourceName, UsageSource readUsage, bool hourlyChargePeriods, int billingPeriodStartDay, bool applyOfferTerms)
        {
            _card = card;
            _readUsage = readUsage;
            _hourly = hourlyChargePeriods;
            _applyOfferTerms = applyOfferTerms;
            Name = "Estimate:" + priceSourceName;
            BillingPeriodStartDay = billingPeriodStartDay;
        }

        public string Name { get; }
        public int BillingPeriodStartDay { get; }

        public async IAsyncEnumerable<FocusRow> ReadAsync(PartitionManifest partition, Action? rowRead, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var pricing = new EstimatedCostRows(_card, partition.SubscriptionId, _hourly, BillingPeriodStartDay, _applyOfferTerms, Name);
            await foreach (UsageRecord row in _readUsage(partition.SubscriptionId, partition.From, partition.To, cancellationToken).ConfigureAwait(false))
            {
                pricing.Add(row);
                rowRead?.Invoke();
            }

            foreach (FocusRow row in pricing.Complete())
            {
                yield return row;
            }

            partition.UnratedRowCount = pricing.UnratedRowCount;
        }
    }
}
