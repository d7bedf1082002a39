using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.RateCards
{
    /// <summary>A parsed rate card: the meters and offer terms of one offer, currency, locale and region.</summary>
    public sealed class RateCard
    {
        private readonly Dictionary<string, Meter> _metersById;

        public RateCard(
            RateCardKey key,
            bool isTaxIncluded,
            IReadOnlyList<Meter> meters,
            IReadOnlyList<OfferTerm> offerTerms,
            DateTimeOffset retrievedAt,
            string? currency = null,
            string? locale = null)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Meters = meters ?? throw new ArgumentNullException(nameof(meters));
            OfferTerms = offerTerms ?? Array.Empty<OfferTerm>();
            IsTaxIncluded = isTaxIncluded;
            RetrievedAt = retrievedAt;
            // The body states currency and locale itself; prefer it over what was asked for.
            Currency = string.IsNullOrEmpty(currency) ? key.Currency : currency!;
            Locale = string.IsNullOrEmpty(locale) ? key.Locale : locale!;

            _metersById = new Dictionary<string, Meter>(meters.Count, StringComparer.OrdinalIgnoreCase);
            foreach (Meter meter in meters)
            {
                // A card lists a meter id once; should one repeat, the first wins so look-ups stay stable.
                if (!_metersById.ContainsKey(meter.MeterId))
                {
                    _metersById.Add(meter.MeterId, meter);
                }
            }
        }

        public RateCardKey Key { get; }
        public string OfferDurableId => Key.OfferDurableId;
        public string Currency { get; }
        public string Locale { get; }
        public string RegionInfo => Key.RegionInfo;
        /// <summary>Always false on the wire: rates are pre-tax.</summary>
        public bool IsTaxIncluded { get; }
        public IReadOnlyList<Meter> Meters { get; }
        public IReadOnlyList<OfferTerm> OfferTerms { get; }
        public DateTimeOffset RetrievedAt { get; }

        /// <summary>The meter with this id (case-insensitive), or null.</summary>
        public Meter? FindMeter(string meterId)
        {
            if (meterId is null)
            {
                return null;
            }

            return _metersById.TryGetValue(meterId, out Meter? meter) ? meter : null;
        }

        public override string ToString() => $"{Key} ({Meters.Count} meters)";
    }
}
