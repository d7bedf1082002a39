using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>A meter as the rater prices it: its tier pricer (null when the card has no rates for it or the usage is in another unit, so it stays unrated) and its descriptive fields.</summary>
    internal sealed class MeterSlot
    {
        public MeterSlot(Meter meter)
        {
            Pricer = new TierPricer(meter);
            MeterId = meter.MeterId;
            MeterName = meter.MeterName;
            MeterCategory = meter.MeterCategory;
            MeterSubCategory = meter.MeterSubCategory;
            MeterRegion = meter.MeterRegion;
            Unit = meter.Unit;
            IsDeprecated = meter.IsDeprecated;
        }

        /// <param name="priceUnit">The price's unit when the meter has a price but the row's unit does not convert to it; null when there is no price.</param>
        public MeterSlot(UsageRecord row, string? priceUnit)
        {
            PriceUnit = priceUnit;
            MeterId = row.MeterId ?? string.Empty;
            MeterName = row.MeterName ?? string.Empty;
            MeterCategory = row.MeterCategory ?? string.Empty;
            MeterSubCategory = row.MeterSubCategory ?? string.Empty;
            MeterRegion = row.MeterRegion ?? string.Empty;
            Unit = row.Unit ?? string.Empty;
        }

        public TierPricer? Pricer { get; }
        public string MeterId { get; }
        public string MeterName { get; }
        public string MeterCategory { get; }
        public string MeterSubCategory { get; }
        public string MeterRegion { get; }
        public string Unit { get; }
        public bool IsDeprecated { get; }
        /// <summary>Set on an unrated slot whose meter is priced in a unit the usage cannot be converted to.</summary>
        public string? PriceUnit { get; }
    }
}
