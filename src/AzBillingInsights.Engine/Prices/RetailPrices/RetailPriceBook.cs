using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// The retail prices a set of usage rows needs, for pricing without a rate card: one small query per meter id, or
    /// per ARM SKU and region (and service, where given), each taken through the price store (so cached per currency
    /// and query, in memory and on disk), merged into one price list for the rating engine; and the same meters in
    /// other locations or as another SKU, for what-if comparisons. Only pay-as-you-go
    /// (Consumption) prices are taken. Meter ids are sent lower-case: the API compares values case-sensitively and
    /// lists meter ids in lower case.
    /// </summary>
    public sealed class RetailPriceBook
    {
        private readonly PriceStore _store;
        private readonly RetailPriceItemCache _items;
        private readonly RetailPricesClient _client;
        private readonly RetailPricesSource _source;
        private readonly string _currency;
        private readonly Dictionary<string, PriceList> _bySku = new Dictionary<string, PriceList>(StringComparer.OrdinalIgnoreCase);
        private readonly List<PriceList> _lists = new List<PriceList>();

        /// <param name="items">Where full listings are cached (for -CompareSku); by default a cache on <paramref name="store"/>'s disk folder.</param>
        public RetailPriceBook(PriceStore store, RetailPricesClient client, string currency, RetailPriceItemCache? items = null)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            _items = items ?? new RetailPriceItemCache(store);
            _client = client ?? throw new ArgumentNullException(nameof(client));
            _source = new RetailPricesSource(client);
            _currency = currency;
            Prices = Merge(Array.Empty<PriceList>());
        }

        /// <summary>Every price loaded so far, as one list the rating engine prices with.</summary>
        public PriceList Prices { get; private set; }

        /// <summary>Loads the prices of <paramref name="meterIds"/> and of the ArmSkuName rows among <paramref name="plannedRows"/>.</summary>
        public async Task LoadAsync(IEnumerable<string> meterIds, IEnumerable<ExpectedUsage> plannedRows, bool force, CancellationToken cancellationToken)
        {
            foreach (string meterId in meterIds.Select(id => id.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal))
            {
                _lists.Add(await LoadAsync(Consumption().Where("meterId", meterId), force, cancellationToken).ConfigureAwait(false));
            }

            foreach (ExpectedUsage row in plannedRows.Where(r => string.IsNullOrEmpty(r.MeterId) && !string.IsNullOrEmpty(r.ArmSkuName)))
            {
                string sku = SkuKey(row);
                if (_bySku.ContainsKey(sku))
                {
                    continue;
                }

                RetailPriceQuery query = Consumption().Where("armSkuName", row.ArmSkuName!).Where("armRegionName", row.ArmRegionName ?? string.Empty);
                if (!string.IsNullOrEmpty(row.ServiceName))
                {
                    query.Where("serviceName", row.ServiceName!);
                }

                PriceList list = await LoadAsync(query, force, cancellationToken).ConfigureAwait(false);
                _bySku.Add(sku, list);
                _lists.Add(list);
            }

            Prices = Merge(_lists);
        }

        /// <summary>
        /// The meter of a planned row: by MeterId, or by ArmSkuName + ArmRegionName narrowed by ProductName and MeterName.
        /// A SKU usually has several pay-as-you-go prices (Linux, Windows, Spot): a row that does not say which is
        /// ambiguous, and its error lists them with their meter ids.
        /// </summary>
        public MeterResolution Resolve(ExpectedUsage row)
        {
            if (!string.IsNullOrWhiteSpace(row.MeterId))
            {
                Meter? byId = Prices.FindMeter(row.MeterId!.Trim());
                return byId is not null
                    ? MeterResolution.Resolved(row, byId)
                    : MeterResolution.Failed(row, $"{row}: Retail Prices has no pay-as-you-go price in {_currency} for this meter id.", Array.Empty<Meter>());
            }

            if (string.IsNullOrEmpty(row.ArmSkuName) || string.IsNullOrEmpty(row.ArmRegionName))
            {
                return MeterResolution.Failed(row, $"{row}: with -PriceSource RetailPrices, name the price with MeterId, or with ArmSkuName and ArmRegionName.", Array.Empty<Meter>());
            }

            IReadOnlyList<Meter> candidates = _bySku.TryGetValue(SkuKey(row), out PriceList? list) ? list.Meters : Array.Empty<Meter>();
            if (candidates.Count == 0)
            {
                return MeterResolution.Failed(row, $"{row}: Retail Prices has no pay-as-you-go price in {_currency} for this SKU in this region (values are case-sensitive, e.g. Standard_D4s_v5 and westeurope).", candidates);
            }

            List<Meter> matches = candidates.Where(m => Matches(row.ProductName, m.MeterSubCategory) && Matches(row.MeterName, m.MeterName)).ToList();
            if (matches.Count == 1)
            {
                return MeterResolution.Resolved(row, matches[0]);
            }

            string listed = string.Join("; ", candidates.Take(10).Select(m => $"{m.MeterCategory}/{m.MeterSubCategory}/{m.MeterName} ({m.MeterId})"));
            return matches.Count == 0
                ? MeterResolution.Failed(row, $"{row}: no price of this SKU matches the row's ProductName or MeterName; there are: {listed}.", candidates)
                : MeterResolution.Failed(row, $"{row}: {matches.Count} prices match; add ProductName (or ServiceName, MeterName), or use MeterId. Candidates: {listed}.", matches);
        }

        /// <summary>
        /// Adds the same meters in <paramref name="locations"/> (the display names usage rows and rate cards carry, such
        /// as EU West): one query per meter and location by service, product and meter name, so -CompareRegion can map
        /// each meter to its equivalent there.
        /// </summary>
        public async Task LoadInLocationsAsync(IEnumerable<string> locations, bool force, CancellationToken cancellationToken)
        {
            var meters = Prices.Meters.Where(m => m.MeterRegion.Length > 0).ToList();
            foreach (string location in locations.Select(l => l.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                foreach (Meter meter in meters)
                {
                    RetailPriceQuery query = Consumption().Where("serviceName", meter.MeterCategory).Where("productName", meter.MeterSubCategory)
                        .Where("meterName", meter.MeterName).Where("location", location);
                    _lists.Add(await LoadAsync(query, force, cancellationToken).ConfigureAwait(false));
                }
            }

            Prices = Merge(_lists);
        }

        /// <summary>
        /// The prices with each meter of SKU <paramref name="from"/> priced as the same kind of meter (same operating
        /// system, same priority) of SKU <paramref name="to"/> in the same location; a meter with no such counterpart is
        /// left out, so its usage shows as unavailable. The SKU of a meter is read from its full listing, cached like the rest.
        /// </summary>
        public async Task<PriceList> WithSkuAsync(string from, string to, bool force, CancellationToken cancellationToken)
        {
            var meters = new List<Meter>(Prices.Meters.Count);
            foreach (Meter meter in Prices.Meters)
            {
                IReadOnlyList<RetailPrice> listing = await _items.ReadAllAsync(_client, new RetailPriceQuery(_currency).Where("meterId", meter.MeterId.ToLowerInvariant()), force, cancellationToken)
                    .ConfigureAwait(false);
                if (!listing.Any(p => string.Equals(p.ArmSkuName, from, StringComparison.OrdinalIgnoreCase)))
                {
                    meters.Add(meter);
                    continue;
                }

                RetailPriceQuery query = Consumption().Where("armSkuName", to).Where("location", meter.MeterRegion).Where("serviceName", meter.MeterCategory);
                List<Meter> counterparts = (await LoadAsync(query, force, cancellationToken).ConfigureAwait(false)).Meters.Where(m => Variant(m) == Variant(meter)).ToList();
                if (counterparts.Count == 1)
                {
                    Meter other = counterparts[0];
                    meters.Add(new Meter(meter.MeterId, other.MeterName, other.MeterCategory, other.MeterSubCategory, other.MeterRegion, other.Unit,
                        other.MeterRates, other.IncludedQuantity, other.EffectiveDate, other.MeterStatus, other.MeterTags));
                }
            }

            return new PriceList(Prices.Key, Prices.Origin, Prices.IsTaxIncluded, meters, Prices.OfferTerms, Prices.RetrievedAt);
        }

        /// <summary>What kind of price of a SKU a meter is: Windows or not, Spot, Low Priority.</summary>
        private static string Variant(Meter meter) =>
            (meter.MeterSubCategory.EndsWith(" Windows", StringComparison.OrdinalIgnoreCase) ? "windows" : "linux")
            + (meter.MeterName.IndexOf("Low Priority", StringComparison.OrdinalIgnoreCase) >= 0 ? "|low" : string.Empty)
            + (meter.MeterName.IndexOf("Spot", StringComparison.OrdinalIgnoreCase) >= 0 ? "|spot" : string.Empty);

        private Task<PriceList> LoadAsync(RetailPriceQuery query, bool force, CancellationToken cancellationToken) =>
            _store.GetAsync(_source, new RetailPricesKey(query), force, cancellationToken);

        private RetailPriceQuery Consumption() => new RetailPriceQuery(_currency).Where("priceType", "Consumption");

        private PriceList Merge(IReadOnlyList<PriceList> lists)
        {
            var meters = new List<Meter>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (Meter meter in lists.SelectMany(l => l.Meters))
            {
                if (seen.Add(meter.MeterId))
                {
                    meters.Add(meter);
                }
            }

            DateTimeOffset retrievedAt = lists.Count == 0 ? DateTimeOffset.MinValue : lists.Min(l => l.RetrievedAt);
            return new PriceList(new RetailPricesKey(Consumption()), _source.Origin, isTaxIncluded: false, meters, Array.Empty<OfferTerm>(), retrievedAt);
        }

        private static string SkuKey(ExpectedUsage row) => $"{row.ArmSkuName}|{row.ArmRegionName}|{row.ServiceName}";

        private static bool Matches(string? wanted, string actual) =>
            wanted is null || string.Equals(wanted.Trim(), actual, StringComparison.OrdinalIgnoreCase);
    }
}
