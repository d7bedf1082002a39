using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// The Retail Prices API as a price source: the pay-as-you-go (Consumption) prices of a query as the one price
    /// model, a meter per meter id with its graduated tiers (tierMinimumUnits). Retail Prices states no included
    /// quantity (0 here: any free allowance is a tier priced 0) and no offer terms. Category is the service name,
    /// subcategory the product name, region the location (the display name usage rows and rate cards carry), unit
    /// the unit of measure.
    /// </summary>
    public sealed class RetailPricesSource : IPriceSource<RetailPricesKey>
    {
        private readonly RetailPricesClient _client;

        public RetailPricesSource(RetailPricesClient client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
            Origin = PriceOrigin.From(client.BaseAddress);
        }

        public PriceOrigin Origin { get; }

        public async Task<PriceList> LoadAsync(RetailPricesKey key, DateTimeOffset retrievedAt, Action<Meter>? onMeterRead, CancellationToken cancellationToken)
        {
            var meters = new List<Meter>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (RetailPricePage page in _client.ReadAsync(key.Query, resumeFrom: null, cancellationToken).ConfigureAwait(false))
            {
                foreach (RetailPrice price in page.Prices)
                {
                    // One meter id can be listed under two meter names with one price; the first is the meter.
                    if (price.Type == "Consumption" && seen.Add(price.MeterId))
                    {
                        Meter meter = ToMeter(price);
                        meters.Add(meter);
                        onMeterRead?.Invoke(meter);
                    }
                }
            }

            return new PriceList(key, Origin, isTaxIncluded: false, meters, Array.Empty<OfferTerm>(), retrievedAt);
        }

        internal static Meter ToMeter(RetailPrice price)
        {
            var rates = new MeterRate[price.Tiers.Count];
            for (int i = 0; i < rates.Length; i++)
            {
                rates[i] = new MeterRate(price.Tiers[i].MinimumUnits, price.Tiers[i].UnitPrice);
            }

            return new Meter(price.MeterId, price.MeterName, price.ServiceName, price.ProductName, price.Location, price.UnitOfMeasure.Text, rates,
                includedQuantity: 0m, new DateTimeOffset(price.EffectiveStartDate, TimeSpan.Zero), meterStatus: null, Array.Empty<string>());
        }
    }
}
