using System;
using System.Linq;
using System.Threading;
using AzBillingInsights.Engine.RateCards;

namespace AzBillingInsights
{
    /// <summary>One meter of a rate card, as Get-AzRateCard emits it, with the card's offer and currency.</summary>
    public sealed class RateCardMeter
    {
        private readonly Meter _meter;
        private readonly RateCardContext _card;
        private MeterTier[]? _tiers;
        private string[]? _tags;

        internal RateCardMeter(Meter meter, RateCardContext card)
        {
            _meter = meter;
            _card = card;
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
        /// <summary>The card's currency. On a meter written while its card was still downloading, reading it waits for the card.</summary>
        public string Currency => _card.Currency;
        public string OfferDurableId => _card.OfferDurableId;
        /// <summary>The card's locale. On a meter written while its card was still downloading, reading it waits for the card.</summary>
        public string Locale => _card.Locale;
        public string RegionInfo => _card.RegionInfo;

        public override string ToString() => $"{MeterCategory} / {MeterName} ({MeterRegion})";
    }

    /// <summary>
    /// The card a <see cref="RateCardMeter"/> belongs to. Get-AzRateCard writes meters while the card is still being
    /// downloaded, but the body states its currency and locale after the meters, so those two wait for the card; if
    /// the download fails, or the call is stopped before the card is read, they are the values asked for.
    /// </summary>
    internal sealed class RateCardContext
    {
        private readonly ManualResetEventSlim? _loaded;
        private volatile RateCard? _card;

        /// <summary>A context for a card still being read; call <see cref="Complete"/> exactly once, success or not.</summary>
        public RateCardContext(RateCardKey key)
        {
            Key = key;
            _loaded = new ManualResetEventSlim(false);
        }

        /// <summary>The key asked for. A card this call downloads has this very key; a cached one may spell it differently.</summary>
        public RateCardKey Key { get; }

        // Never waits: meters are only written before the card is read when this call downloads it, under this key.
        public string OfferDurableId => (_card?.Key ?? Key).OfferDurableId;

        public string RegionInfo => (_card?.Key ?? Key).RegionInfo;

        public string Currency => Card()?.Currency ?? Key.Currency;

        public string Locale => Card()?.Locale ?? Key.Locale;

        /// <summary>The card as read; null when it could not be.</summary>
        public void Complete(RateCard? card)
        {
            _card = card;
            _loaded?.Set();
        }

        private RateCard? Card()
        {
            RateCard? card = _card;
            if (card is null && _loaded is not null)
            {
                _loaded.Wait();
                card = _card;
            }

            return card;
        }
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
