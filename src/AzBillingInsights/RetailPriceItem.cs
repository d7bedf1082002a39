using System;
using System.Linq;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights
{
    /// <summary>
    /// One price of the Retail Prices API, as Get-AzRetailPrice emits it: the items of one meter that differ only in
    /// tierMinimumUnits folded into <see cref="Tiers"/>, with its savings-plan prices, reservation term and unit multiplier.
    /// </summary>
    public sealed class RetailPriceItem
    {
        private readonly RetailPrice _price;
        private MeterTier[]? _tiers;

        internal RetailPriceItem(RetailPrice price) => _price = price;

        public string ServiceName => _price.ServiceName;
        public string ServiceFamily => _price.ServiceFamily;
        public string ProductName => _price.ProductName;
        public string SkuName => _price.SkuName;
        public string ArmSkuName => _price.ArmSkuName;
        public string MeterName => _price.MeterName;
        public string MeterId => _price.MeterId;
        public string ArmRegionName => _price.ArmRegionName;
        public string Location => _price.Location;
        /// <summary>Consumption, Reservation or DevTestConsumption.</summary>
        public string Type => _price.Type;
        public string CurrencyCode => _price.CurrencyCode;
        /// <summary>The first tier's price per <see cref="UnitOfMeasure"/>; for a reservation, the price of the whole term.</summary>
        public decimal UnitPrice => _price.UnitPrice;
        public decimal RetailPrice => _price.Tiers[0].RetailPrice;
        /// <summary>As the service writes it: 1 Hour, 100 Hours, 1 GB/Month, 10K, ...</summary>
        public string UnitOfMeasure => _price.UnitOfMeasure.Text;
        /// <summary>How many units one price buys: 100 for "100 Hours", 10,000 for "10K".</summary>
        public decimal UnitMultiplier => _price.UnitOfMeasure.Multiplier;
        /// <summary>Graduated tiers in ascending order; StartQuantity is tierMinimumUnits, in units of measure.</summary>
        public MeterTier[] Tiers => _tiers ??= _price.Tiers.Select(t => new MeterTier(t.MinimumUnits, t.UnitPrice)).ToArray();
        /// <summary>Price per unit of measure under a 1-year savings plan; null where the meter has none.</summary>
        public decimal? SavingsPlan1Year => _price.SavingsPlanOf(1)?.UnitPrice;
        /// <summary>Price per unit of measure under a 3-year savings plan; null where the meter has none.</summary>
        public decimal? SavingsPlan3Years => _price.SavingsPlanOf(3)?.UnitPrice;
        /// <summary>1 Year, 3 Years or 5 Years for a reservation; null otherwise.</summary>
        public string? ReservationTerm => _price.ReservationTerm;
        /// <summary>A reservation's term price spread over the term's hours (8,760 a year); null otherwise.</summary>
        public decimal? HourlyReservationPrice => _price.HourlyReservationPrice;
        public DateTime EffectiveStartDate => _price.EffectiveStartDate;
        public DateTime? EffectiveEndDate => _price.EffectiveEndDate;
        public bool IsPrimaryMeterRegion => _price.IsPrimaryMeterRegion;
        public string ProductId => _price.ProductId;
        public string SkuId => _price.SkuId;
        public string ServiceId => _price.ServiceId;

        public override string ToString() => _price.ToString();
    }

    /// <summary>The price types of the Retail Prices API (its priceType filter).</summary>
    public enum RetailPriceType
    {
        Consumption,
        Reservation,
        DevTestConsumption,
    }

    /// <summary>Where Measure-AzEstimatedCost takes prices from.</summary>
    public enum PriceSourceName
    {
        /// <summary>The RateCard API: the subscription's offer (credits and commitment discounts included). Needs sign-in.</summary>
        RateCard,

        /// <summary>The public Retail Prices API: pay-as-you-go list prices, no included quantities, no offer terms. No sign-in for planned usage.</summary>
        RetailPrices,
    }
}
