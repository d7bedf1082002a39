using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>
    /// The prices one source read for one key, from one origin: meters (graduated tiers, included quantities) and
    /// offer terms. The model every price source yields and the rating engine prices with.
    /// </summary>
    public sealed class PriceList
    {
        private readonly Dictionary<string, Meter> _metersById;

        public PriceList(
            PriceKey key,
            PriceOrigin origin,
            bool isTaxIncluded,
            IReadOnlyList<Meter> meters,
            IReadOnlyList<OfferTerm> offerTerms,
            DateTimeOffset retrievedAt,
            string? currency = null,
            string? locale = null)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Origin = origin ?? throw new ArgumentNullException(nameof(origin));
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
                // A source lists a meter id once; should one repeat, the first wins so look-ups stay stable.
                if (!_metersById.ContainsKey(meter.MeterId))
                {
                    _metersById.Add(meter.MeterId, meter);
                }
            }
        }

        public PriceKey Key { get; }
        public PriceOrigin Origin { get; }
        /// <summary>The offer whose prices these are.</summary>
        public string Offer => Key.Offer;
        public string Currency { get; }
        public string Locale { get; }
        /// <summary>The country of purchase; null when the source has none.</summary>
        public string? Market => Key.Market;
        /// <summary>Always false on the RateCard wire: rates are pre-tax.</summary>
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
