using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>One meter of a rate card, as the RateCard API describes it.</summary>
    public sealed class Meter
    {
        public Meter(
            string meterId,
            string meterName,
            string meterCategory,
            string meterSubCategory,
            string meterRegion,
            string unit,
            IReadOnlyList<MeterRate> meterRates,
            decimal includedQuantity,
            DateTimeOffset effectiveDate,
            string? meterStatus,
            IReadOnlyList<string> meterTags)
        {
            MeterId = meterId ?? throw new ArgumentNullException(nameof(meterId));
            MeterName = meterName ?? string.Empty;
            MeterCategory = meterCategory ?? string.Empty;
            MeterSubCategory = meterSubCategory ?? string.Empty;
            MeterRegion = meterRegion ?? string.Empty;
            Unit = unit ?? string.Empty;
            MeterRates = meterRates ?? throw new ArgumentNullException(nameof(meterRates));
            IncludedQuantity = includedQuantity;
            EffectiveDate = effectiveDate;
            MeterStatus = meterStatus;
            MeterTags = meterTags ?? Array.Empty<string>();
        }

        public string MeterId { get; }
        public string MeterName { get; }
        public string MeterCategory { get; }
        /// <summary>Empty when the card has none.</summary>
        public string MeterSubCategory { get; }
        /// <summary>Empty for global meters.</summary>
        public string MeterRegion { get; }
        public string Unit { get; }
        /// <summary>Tiers ordered by ascending start quantity.</summary>
        public IReadOnlyList<MeterRate> MeterRates { get; }
        /// <summary>Free quantity per billing period, used before any tier applies.</summary>
        public decimal IncludedQuantity { get; }
        public DateTimeOffset EffectiveDate { get; }
        /// <summary>"Active" or "Deprecated"; null when the card came from api-version 2015-06-01-preview.</summary>
        public string? MeterStatus { get; }
        /// <summary>For example "Third Party" (no discount applies); empty for first-party meters.</summary>
        public IReadOnlyList<string> MeterTags { get; }

        public bool IsDeprecated => string.Equals(MeterStatus, "Deprecated", StringComparison.OrdinalIgnoreCase);

        public override string ToString() => $"{MeterName} ({MeterRegion}) {MeterId}";
    }
}
