using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Each meter's negotiated (effective) price in Cost Details rows against its list price: the usage of a meter is
    /// priced again at the list price (graduated tiers within each billing month), only to compare with what was
    /// charged; the charged cost is not changed. Quantities are converted from the row's unit of measure to the
    /// price's, or the meter is reported as not comparable: nothing is priced on a guess or as zero. Rows that are
    /// not usage (purchases, refunds, adjustments) have no list price to compare with and are counted apart.
    /// Not thread-safe: one comparer per call.
    /// </summary>
    public sealed class ListPriceComparer
    {
        private readonly Dictionary<string, MeterUsage> _meters = new Dictionary<string, MeterUsage>(StringComparer.OrdinalIgnoreCase);
        private readonly CostRowKind _kind = new CostRowKind();

        public CostMetric? Metric => _kind.Metric;
        /// <summary>The rows' billing currency: the list prices are read in it.</summary>
        public string? Currency => _kind.Currency;
        /// <summary>Rows that are not usage (purchases, refunds, adjustments), left out of the comparison.</summary>
        public long OtherChargeRowCount { get; private set; }
        public decimal OtherChargeCost { get; private set; }

        /// <summary>The meter ids of the usage rows, whose list prices the comparison needs.</summary>
        public IEnumerable<string> MeterIds => _meters.Values.Select(m => m.MeterId).Where(id => id.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);

        /// <exception cref="CostRowMixException">The row's metric or currency differs from the rows before it.</exception>
        public void Add(CostRow row)
        {
            if (row is null)
            {
                throw new ArgumentNullException(nameof(row));
            }

            _kind.Check(row);
            if (!IsUsage(row))
            {
                OtherChargeRowCount++;
                OtherChargeCost += row.Cost;
                return;
            }

            string meterId = row.MeterId ?? string.Empty;
            string unit = row.UnitOfMeasure ?? string.Empty;
            string key = meterId + "|" + unit;
            if (!_meters.TryGetValue(key, out MeterUsage? usage))
            {
                usage = new MeterUsage(row, meterId, unit);
                _meters.Add(key, usage);
            }

            usage.Add(row);
        }

        /// <summary>
        /// Reads each meter's pay-as-you-go list price into <paramref name="book"/> (one query per meter id, cached by
        /// the book's price store), reporting (meters read, meters in all) after each, then compares.
        /// </summary>
        public async Task<IReadOnlyList<ListPriceComparison>> CompareAsync(RetailPriceBook book, bool force, Action<int, int>? progress, CancellationToken cancellationToken)
        {
            if (book is null)
            {
                throw new ArgumentNullException(nameof(book));
            }

            List<string> meterIds = MeterIds.ToList();
            for (int i = 0; i < meterIds.Count; i++)
            {
                await book.LoadAsync(new[] { meterIds[i] }, Array.Empty<ExpectedUsage>(), force, cancellationToken).ConfigureAwait(false);
                progress?.Invoke(i + 1, meterIds.Count);
            }

            return Compare(book.Prices);
        }

        /// <summary>One comparison per meter (and unit of measure), by meter name then id.</summary>
        public IReadOnlyList<ListPriceComparison> Compare(PriceList listPrices)
        {
            if (listPrices is null)
            {
                throw new ArgumentNullException(nameof(listPrices));
            }

            return _meters.Values
                .OrderBy(m => m.MeterName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(m => m.MeterId, StringComparer.OrdinalIgnoreCase)
                .Select(m => m.CompareWith(m.MeterId.Length == 0 ? null : listPrices.FindMeter(m.MeterId), Currency ?? string.Empty, Metric == CostMetric.AmortizedCost ? CostBasis.AmortizedCost : CostBasis.ActualCost))
                .ToList();
        }

        /// <summary>Usage rows; an export without a charge type is usage too.</summary>
        private static bool IsUsage(CostRow row) =>
            string.IsNullOrEmpty(row.ChargeType) || string.Equals(row.ChargeType, "Usage", StringComparison.OrdinalIgnoreCase);

        /// <summary>One meter's usage and charged cost, by billing month (tiers start again each period).</summary>
        private sealed class MeterUsage
        {
            private readonly SortedDictionary<DateTime, decimal> _quantityByMonth = new SortedDictionary<DateTime, decimal>();
            private decimal _quantity;
            private decimal _cost;
            private long _rows;

            public MeterUsage(CostRow first, string meterId, string unit)
            {
                MeterId = meterId;
                Unit = unit;
                MeterName = first.MeterName ?? string.Empty;
                MeterCategory = first.MeterCategory ?? string.Empty;
                MeterRegion = first.MeterRegion ?? string.Empty;
            }

            public string MeterId { get; }
            public string Unit { get; }
            public string MeterName { get; }
            public string MeterCategory { get; }
            public string MeterRegion { get; }

            public void Add(CostRow row)
            {
                DateTime month = row.BillingPeriodStartDate?.Date ?? new DateTime(row.Date.Year, row.Date.Month, 1);
                _quantityByMonth.TryGetValue(month, out decimal quantity);
                _quantityByMonth[month] = quantity + row.Quantity;
                _quantity += row.Quantity;
                _cost += row.Cost;
                _rows++;
            }

            public ListPriceComparison CompareWith(Meter? listed, string currency, CostBasis basis)
            {
                if (listed is null || listed.MeterRates.Count == 0)
                {
                    return Result(ListPriceStatus.NoListPrice, null, null, currency, basis);
                }

                UnitOfMeasure listUnit = UnitOfMeasure.Parse(listed.Unit);
                UnitOfMeasure rowUnit = UnitOfMeasure.Parse(Unit);
                var pricer = new TierPricer(listed);
                decimal listCost = 0m;
                foreach (decimal quantity in _quantityByMonth.Values)
                {
                    if (listUnit.Convert(quantity, rowUnit) is not decimal inListUnits)
                    {
                        return Result(ListPriceStatus.UnitMismatch, listed.Unit, null, currency, basis);
                    }

                    listCost += pricer.CostOf(inListUnits);
                }

                return Result(ListPriceStatus.Compared, listed.Unit, listCost, currency, basis);
            }

            private ListPriceComparison Result(ListPriceStatus status, string? listUnit, decimal? listCost, string currency, CostBasis basis) =>
                new ListPriceComparison(MeterId, MeterName, MeterCategory, MeterRegion, Unit, listUnit, _quantity, _rows, _cost, listCost, currency, basis, status);
        }
    }

    /// <summary>Whether a meter's usage could be priced at list.</summary>
    public enum ListPriceStatus
    {
        Compared,
        /// <summary>The price list has no (pay-as-you-go) price for the meter: not compared, never taken as zero.</summary>
        NoListPrice,
        /// <summary>The row's unit of measure and the list price's count different things: not converted on a guess.</summary>
        UnitMismatch,
    }

    /// <summary>One meter's charged cost against the same usage at list price.</summary>
    public sealed class ListPriceComparison
    {
        internal ListPriceComparison(string meterId, string meterName, string meterCategory, string meterRegion, string unitOfMeasure, string? listUnitOfMeasure,
            decimal quantity, long rowCount, decimal cost, decimal? listCost, string currency, CostBasis basis, ListPriceStatus status)
        {
            MeterId = meterId;
            MeterName = meterName;
            MeterCategory = meterCategory;
            MeterRegion = meterRegion;
            UnitOfMeasure = unitOfMeasure;
            ListUnitOfMeasure = listUnitOfMeasure;
            Quantity = quantity;
            RowCount = rowCount;
            Cost = cost;
            ListCost = listCost;
            Currency = currency;
            Basis = basis;
            Status = status;
        }

        public string MeterId { get; }
        public string MeterName { get; }
        public string MeterCategory { get; }
        public string MeterRegion { get; }
        /// <summary>The rows' unit; the quantity and both unit prices are in it.</summary>
        public string UnitOfMeasure { get; }
        /// <summary>The unit the list price is given in; null when there is no list price.</summary>
        public string? ListUnitOfMeasure { get; }
        public decimal Quantity { get; }
        public long RowCount { get; }
        /// <summary>What was charged (actual or amortized), as given.</summary>
        public decimal Cost { get; }
        /// <summary>The same usage at list price; null when not compared.</summary>
        public decimal? ListCost { get; }
        public string Currency { get; }
        public CostBasis Basis { get; }
        public ListPriceStatus Status { get; }

        /// <summary>Charged cost per unit of the rows' unit of measure; null without quantity.</summary>
        public decimal? EffectiveUnitPrice => Quantity == 0m ? (decimal?)null : Cost / Quantity;
        /// <summary>List cost per unit of the rows' unit of measure (the average over tiers); null when not compared or without quantity.</summary>
        public decimal? ListUnitPrice => ListCost is decimal list && Quantity != 0m ? list / Quantity : (decimal?)null;
        /// <summary>List cost less charged cost: positive when the negotiated price is lower.</summary>
        public decimal? Saving => ListCost - Cost;
        /// <summary>The saving as a percentage of the list cost; null when not compared or the list cost is zero.</summary>
        public decimal? SavingPercent => ListCost is decimal list && list != 0m ? (list - Cost) / list * 100m : (decimal?)null;
    }
}
