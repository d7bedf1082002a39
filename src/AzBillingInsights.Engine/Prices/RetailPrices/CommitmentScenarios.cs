using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// What the same usage would cost on 1- and 3-year savings plans and reservations: for each meter that has the
    /// commitment, its pay-as-you-go rate is replaced by the commitment's hourly rate (a reservation's term price over
    /// the term's hours); the other meters stay at pay-as-you-go. The comparison assumes a steady hourly baseline
    /// covered at 100 %: every priced hour is a committed hour, and no committed hour goes unused. A commitment is
    /// paid whether it is used or not, so usage below the baseline costs more than shown.
    /// </summary>
    public static class CommitmentScenarios
    {
        public const string Assumption = "assumes a steady hourly baseline covered at 100 % (every hour of the usage committed, none unused)";

        /// <summary>
        /// The four scenarios for <paramref name="payAsYouGo"/>'s meters, from each meter's full price listing (all price
        /// types), read through <paramref name="cache"/> (downloaded again when <paramref name="force"/>d).
        /// </summary>
        public static async Task<IReadOnlyList<WhatIfScenario>> BuildAsync(RetailPriceItemCache cache, RetailPricesClient client, PriceList payAsYouGo, bool force,
            CancellationToken cancellationToken)
        {
            var listings = new Dictionary<string, List<RetailPrice>>(StringComparer.OrdinalIgnoreCase);
            foreach (Meter meter in payAsYouGo.Meters)
            {
                var query = new RetailPriceQuery(payAsYouGo.Currency).Where("meterId", meter.MeterId.ToLowerInvariant());
                listings[meter.MeterId] = (await cache.ReadAllAsync(client, query, force, cancellationToken).ConfigureAwait(false)).ToList();
            }

            return Build(payAsYouGo, listings);
        }

        /// <summary>The scenarios from listings already read (meter id to every price of that meter).</summary>
        public static IReadOnlyList<WhatIfScenario> Build(PriceList payAsYouGo, IReadOnlyDictionary<string, List<RetailPrice>> listings)
        {
            var scenarios = new List<WhatIfScenario>(4);
            foreach (int years in new[] { 1, 3 })
            {
                scenarios.Add(Scenario($"Savings plan {years} year{(years > 1 ? "s" : string.Empty)}", payAsYouGo, listings,
                    prices => prices.Where(p => p.Type == "Consumption").Select(p => p.SavingsPlanOf(years)?.UnitPrice).FirstOrDefault(p => p is not null)));
                scenarios.Add(Scenario($"Reservation {years} year{(years > 1 ? "s" : string.Empty)}", payAsYouGo, listings,
                    prices => prices.Where(p => p.IsReservation && p.ReservationYears == years && p.UnitOfMeasure.BaseUnit == "hour")
                        .Select(p => p.HourlyReservationPrice * p.UnitOfMeasure.Multiplier).FirstOrDefault()));
            }

            return scenarios;
        }

        private static WhatIfScenario Scenario(string name, PriceList payAsYouGo, IReadOnlyDictionary<string, List<RetailPrice>> listings,
            Func<List<RetailPrice>, decimal?> committedRate)
        {
            var meters = new List<Meter>(payAsYouGo.Meters.Count);
            foreach (Meter meter in payAsYouGo.Meters)
            {
                decimal? rate = listings.TryGetValue(meter.MeterId, out List<RetailPrice>? listing) ? committedRate(listing) : null;
                meters.Add(rate is decimal hourly && meter.MeterRates.Count == 1
                    ? new Meter(meter.MeterId, meter.MeterName, meter.MeterCategory, meter.MeterSubCategory, meter.MeterRegion, meter.Unit,
                        new[] { new MeterRate(0m, hourly) }, meter.IncludedQuantity, meter.EffectiveDate, meter.MeterStatus, meter.MeterTags)
                    : meter);
            }

            var prices = new PriceList(payAsYouGo.Key, payAsYouGo.Origin, payAsYouGo.IsTaxIncluded, meters, payAsYouGo.OfferTerms, payAsYouGo.RetrievedAt);
            return WhatIfScenario.WithPrices(name, prices);
        }
    }
}
