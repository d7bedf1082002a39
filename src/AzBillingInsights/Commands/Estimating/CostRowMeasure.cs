using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Commands.Estimating
{
    /// <summary>
    /// Measure-AzEstimatedCost over Get-AzCostDetail rows, which carry what was charged: totalled as given by
    /// -GroupBy, or with -CompareTo set meter by meter against list prices. Never priced again.
    /// </summary>
    internal sealed class CostRowMeasure
    {
        private const int ListPriceProgressId = 0x5A65;

        private readonly CostRowAggregator? _totals;
        private readonly ListPriceComparer? _listPrices;

        /// <exception cref="System.ArgumentException">A -GroupBy dimension cost rows do not have (they are daily).</exception>
        public CostRowMeasure(IReadOnlyList<GroupDimension> groupBy, bool compareToListPrices)
        {
            if (compareToListPrices)
            {
                _listPrices = new ListPriceComparer();
            }
            else
            {
                _totals = new CostRowAggregator(groupBy);
            }
        }

        /// <exception cref="CostRowMixException">The row's metric or currency differs from the rows before it.</exception>
        public void Add(CostRow row)
        {
            if (_listPrices is not null)
            {
                _listPrices.Add(row);
            }
            else
            {
                _totals!.Add(row);
            }
        }

        public async Task WriteAsync(AsyncPipeline pipeline, bool force, CancellationToken cancellationToken)
        {
            if (_listPrices is not null)
            {
                await CompareWithRetailPricesAsync(pipeline, _listPrices, force, cancellationToken).ConfigureAwait(false);
                return;
            }

            CostEstimate actual = _totals!.Complete();
            foreach (CostGroup group in actual.Groups)
            {
                pipeline.WriteObject(EstimatedCost.Create(group, actual.GroupBy, actual.Basis));
            }
        }

        /// <summary>
        /// Reads the list price of each meter in the rows from Retail Prices (through the price store, so cached), in
        /// the rows' billing currency, and writes one comparison per meter. Meters that could not be compared are
        /// written too, flagged, and counted in a warning; rows that are not usage are counted in another.
        /// </summary>
        private static async Task CompareWithRetailPricesAsync(AsyncPipeline pipeline, ListPriceComparer comparer, bool force, CancellationToken cancellationToken)
        {
            string currency = comparer.Currency!;
            var book = new RetailPriceBook(PriceStore.Shared, new RetailPricesClient(RetailPricesEndpoint.Resolve()), currency);
            string activity = $"Reading list prices in {currency}";
            var shown = System.Diagnostics.Stopwatch.StartNew();
            IReadOnlyList<Engine.Costs.ListPriceComparison> comparisons;
            try
            {
                // The bar moves at most five times a second.
                comparisons = await comparer.CompareAsync(book, force, (read, all) =>
                {
                    if (shown.ElapsedMilliseconds >= 200)
                    {
                        shown.Restart();
                        pipeline.WriteProgress(new ProgressRecord(ListPriceProgressId, activity, $"{read:N0} of {all:N0} meters") { PercentComplete = read * 100 / all });
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                pipeline.WriteProgress(new ProgressRecord(ListPriceProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }

            pipeline.WriteVerbose($"Compared with Retail Prices in {currency} from {book.Prices.Origin} ({book.Prices.Meters.Count:N0} pay-as-you-go prices).");
            foreach (Engine.Costs.ListPriceComparison comparison in comparisons)
            {
                pipeline.WriteObject(new ListPriceComparison(comparison));
            }

            var notCompared = comparisons.Where(c => c.Status != Engine.Costs.ListPriceStatus.Compared).ToList();
            if (notCompared.Count > 0)
            {
                int noPrice = notCompared.Count(c => c.Status == Engine.Costs.ListPriceStatus.NoListPrice);
                pipeline.WriteWarning(
                    $"{notCompared.Count} meters ({notCompared.Sum(c => c.RowCount):N0} rows, {currency} {notCompared.Sum(c => c.Cost):N2}) were not compared: " +
                    $"{noPrice} have no pay-as-you-go retail price in {currency}, {notCompared.Count - noPrice} are in a unit the retail price cannot be converted from. They are marked in Status, with no list cost.");
            }

            if (comparer.OtherChargeRowCount > 0)
            {
                pipeline.WriteWarning($"{comparer.OtherChargeRowCount:N0} rows that are not usage (purchases, refunds, adjustments; {currency} {comparer.OtherChargeCost:N2}) have no list price and are not in the comparison.");
            }
        }
    }
}
