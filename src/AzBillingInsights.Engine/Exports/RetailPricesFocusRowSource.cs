using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>
    /// Usage priced at the public Retail Prices. Retail Prices are looked up per meter (through the price store, so each
    /// meter is asked for once per currency and then cached), so a partition's usage is read whole before it is priced:
    /// memory follows one billing period's usage rows. No included quantities or offer terms apply.
    /// </summary>
    public sealed class RetailPricesFocusRowSource : IFocusRowSource
    {
        private readonly Func<RetailPriceBook> _newBook;
        private readonly EstimatedFocusRowSource.UsageSource _readUsage;
        private readonly bool _hourly;

        /// <param name="newBook">A price book for one partition: books are not shared between the partitions running at once.</param>
        public RetailPricesFocusRowSource(Func<RetailPriceBook> newBook, EstimatedFocusRowSource.UsageSource readUsage, bool hourlyChargePeriods, int billingPeriodStartDay)
        {
            _newBook = newBook;
            _readUsage = readUsage;
            _hourly = hourlyChargePeriods;
            BillingPeriodStartDay = billingPeriodStartDay;
        }

        public string Name => "Estimate:RetailPrices";
        public int BillingPeriodStartDay { get; }

        public async IAsyncEnumerable<FocusRow> ReadAsync(PartitionManifest partition, Action? rowRead, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var usage = new List<UsageRecord>();
            await foreach (UsageRecord row in _readUsage(partition.SubscriptionId, partition.From, partition.To, cancellationToken).ConfigureAwait(false))
            {
                usage.Add(row);
                rowRead?.Invoke();
            }

            RetailPriceBook book = _newBook();
            await book.LoadAsync(usage.Select(r => r.MeterId).Where(id => id.Length > 0), Array.Empty<Pricing.ExpectedUsage>(), false, cancellationToken).ConfigureAwait(false);
            var pricing = new EstimatedCostRows(book.Prices, partition.SubscriptionId, _hourly, BillingPeriodStartDay, applyOfferTerms: false, Name);
            foreach (UsageRecord row in usage)
            {
                pricing.Add(row);
            }

            foreach (FocusRow row in pricing.Complete())
            {
                yield return row;
            }

            partition.UnratedRowCount = pricing.UnratedRowCount;
        }
    }
}
