using System;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// Everything of an item but its tier and prices. Two items with equal identities are tiers of one meter's price.
    /// The meter id alone is not enough: real pages reuse one meter id under two meter names, and list a meter's
    /// consumption, Dev/Test and reservation prices under the same id.
    /// </summary>
    internal sealed class RetailPriceIdentity : IEquatable<RetailPriceIdentity>
    {
        public string CurrencyCode { get; set; } = string.Empty;
        public string MeterId { get; set; } = string.Empty;
        public string MeterName { get; set; } = string.Empty;
        public string ProductId { get; set; } = string.Empty;
        public string ProductName { get; set; } = string.Empty;
        public string SkuId { get; set; } = string.Empty;
        public string SkuName { get; set; } = string.Empty;
        public string ArmSkuName { get; set; } = string.Empty;
        public string ServiceId { get; set; } = string.Empty;
        public string ServiceName { get; set; } = string.Empty;
        public string ServiceFamily { get; set; } = string.Empty;
        public string ArmRegionName { get; set; } = string.Empty;
        public string Location { get; set; } = string.Empty;
        public bool IsPrimaryMeterRegion { get; set; }
        public string Type { get; set; } = string.Empty;
        public string? ReservationTerm { get; set; }
        public DateTime EffectiveStartDate { get; set; }
        public DateTime? EffectiveEndDate { get; set; }
        public UnitOfMeasure UnitOfMeasure { get; set; } = UnitOfMeasure.None;

        public bool Equals(RetailPriceIdentity? other) =>
            other is not null
            && string.Equals(MeterId, other.MeterId, StringComparison.Ordinal)
            && string.Equals(SkuId, other.SkuId, StringComparison.Ordinal)
            && string.Equals(MeterName, other.MeterName, StringComparison.Ordinal)
            && string.Equals(Type, other.Type, StringComparison.Ordinal)
            && string.Equals(ReservationTerm, other.ReservationTerm, StringComparison.Ordinal)
            && string.Equals(ArmRegionName, other.ArmRegionName, StringComparison.Ordinal)
            && string.Equals(CurrencyCode, other.CurrencyCode, StringComparison.Ordinal)
            && string.Equals(ProductId, other.ProductId, StringComparison.Ordinal)
            && string.Equals(UnitOfMeasure.Text, other.UnitOfMeasure.Text, StringComparison.Ordinal)
            && EffectiveStartDate == other.EffectiveStartDate
            && EffectiveEndDate == other.EffectiveEndDate;

        public override bool Equals(object? obj) => Equals(obj as RetailPriceIdentity);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(MeterId) ^ StringComparer.Ordinal.GetHashCode(SkuId);
    }
}
