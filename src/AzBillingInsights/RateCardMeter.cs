using System;
using System.Linq;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights
{
    /// <summary>One meter of a rate card, as Get-AzRateCard emits it, with the card's offer and currency.</summary>
    public sealed class RateCardMeter
    {
        private readonly Meter _meter;
        private readonly RateCardKey _key;
        private MeterTier[]? _tiers;
        private string[]? _tags;

        internal RateCardMeter(Meter meter, RateCardKey key)
        {
            _meter = meter;
            _key = key;
        }

        public string MeterId => _meter.MeterId;
        public string MeterName => _meter.MeterName;
        public string MeterCategory => _meter.MeterCategory;
        public string MeterSubCategory => _meter.MeterSubCategory;
        public string MeterRegion => _meter.MeterRegion;
        public string Unit => _meter.Unit;
        /// <summary>Tiers ordered by start quantity; graduated: each slice of the period's quantity is priced at its own tier.</summary>
        public MeterTier[] MeterRates => _tiers ??= _meter.MeterRates.Select(rate => new MeterTier(rate.StartQuantity, rate.UnitPrice)).ToArray();
        /// <summary>Free quantity per billing period, used before any tier applies.</summary>
        public decimal IncludedQuantity => _meter.IncludedQuantity;
        public DateTimeOffset EffectiveDate => _meter.EffectiveDate;
        public string? MeterStatus => _meter.MeterStatus;
        public string[] MeterTags => _tags ??= _meter.MeterTags.ToArray();
        // The card's identity is the key it was asked for by (canonical, as the service echoes it): known before the
        // body's own Currency and Locale, which come after the meters, so meters can be written as they are read.
        public string Currency => _key.Currency;
        public string OfferDurableId => _key.OfferDurableId;
        public string Locale => _key.Locale;
        public string RegionInfo => _key.RegionInfo;

        public override string ToString() => $"{MeterCategory} / {MeterName} ({MeterRegion})";
    }

    /// <summary>One price tier: from <see cref="StartQuantity"/> on, each unit costs <see cref="UnitPrice"/>.</summary>
    public sealed class MeterTier
    {
        internal MeterTier(decimal startQuantity, decimal unitPrice)
        {
            StartQuantity = startQuantity;
            UnitPrice = unitPrice;
        }

        public decimal StartQuantity { get; }
        public decimal UnitPrice { get; }

        public override string ToString() => $"{StartQuantity}: {UnitPrice}";
    }
}
