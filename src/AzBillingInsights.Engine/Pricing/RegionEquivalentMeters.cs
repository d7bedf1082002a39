using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Maps a meter to the same meter in another region: same category, subcategory and name, that region.
    /// Global meters (no region) are the same everywhere, so they map to themselves.
    /// </summary>
    public sealed class RegionEquivalentMeters
    {
        private readonly Dictionary<string, List<Meter>> _byIdentity = new Dictionary<string, List<Meter>>(StringComparer.OrdinalIgnoreCase);

        public RegionEquivalentMeters(PriceList card)
        {
            if (card is null)
            {
                throw new ArgumentNullException(nameof(card));
            }

            foreach (Meter meter in card.Meters)
            {
                string identity = IdentityOf(meter);
                if (!_byIdentity.TryGetValue(identity, out List<Meter>? meters))
                {
                    meters = new List<Meter>(4);
                    _byIdentity.Add(identity, meters);
                }

                meters.Add(meter);
            }
        }

        /// <summary>The equivalent of <paramref name="meter"/> in <paramref name="region"/>, preferring an active meter; null when the region has none.</summary>
        public Meter? Find(Meter meter, string region)
        {
            if (meter is null)
            {
                throw new ArgumentNullException(nameof(meter));
            }

            if (meter.MeterRegion.Length == 0 || string.Equals(meter.MeterRegion, region, StringComparison.OrdinalIgnoreCase))
            {
                return meter;
            }

            if (!_byIdentity.TryGetValue(IdentityOf(meter), out List<Meter>? candidates))
            {
                return null;
            }

            Meter? found = null;
            foreach (Meter candidate in candidates)
            {
                if (string.Equals(candidate.MeterRegion, region, StringComparison.OrdinalIgnoreCase) && (found is null || (found.IsDeprecated && !candidate.IsDeprecated)))
                {
                    found = candidate;
                }
            }

            return found;
        }

        private static string IdentityOf(Meter meter) => meter.MeterCategory + "\u001F" + meter.MeterSubCategory + "\u001F" + meter.MeterName;
    }
}
