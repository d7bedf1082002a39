using System;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>An alternative to price the same usage with: another region's meters, or another offer's card.</summary>
    public sealed class WhatIfScenario
    {
        private WhatIfScenario(string name, string? region, PriceList? card)
        {
            Name = name;
            Region = region;
            RateCard = card;
        }

        /// <summary>E.g. "Region: EU West" or "Offer: MS-AZR-0148P".</summary>
        public string Name { get; }
        /// <summary>The meter region to move usage to; null for an offer scenario.</summary>
        public string? Region { get; }
        /// <summary>The other offer's card; null for a region scenario (which uses the current card).</summary>
        public PriceList? RateCard { get; }

        public static WhatIfScenario InRegion(string meterRegion)
        {
            if (string.IsNullOrWhiteSpace(meterRegion))
            {
                throw new ArgumentException("Name the meter region to compare with, e.g. 'EU West'.", nameof(meterRegion));
            }

            return new WhatIfScenario("Region: " + meterRegion.Trim(), meterRegion.Trim(), null);
        }

        public static WhatIfScenario WithCard(PriceList card)
        {
            if (card is null)
            {
                throw new ArgumentNullException(nameof(card));
            }

            return new WhatIfScenario($"Offer: {card.Offer} ({card.Currency})", null, card);
        }

        /// <summary>The same usage at other prices for the same meters (a commitment's, say), named by <paramref name="name"/>.</summary>
        public static WhatIfScenario WithPrices(string name, PriceList prices)
        {
            if (prices is null)
            {
                throw new ArgumentNullException(nameof(prices));
            }

            return new WhatIfScenario(name, null, prices);
        }

        public override string ToString() => Name;
    }
}
