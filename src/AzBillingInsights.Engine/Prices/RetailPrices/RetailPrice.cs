using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// One price of the Retail Prices API with its tiers folded in: the items of one meter that differ only in
    /// <c>tierMinimumUnits</c> (and the price) are one <see cref="RetailPrice"/> whose <see cref="Tiers"/> are graduated,
    /// in ascending order. Retail Prices states no included quantity; a free allowance shows as a tier priced 0.
    /// </summary>
    public sealed class RetailPrice
    {
        private readonly List<RetailPriceTier> _tiers = new List<RetailPriceTier>(1);

        internal RetailPrice(RetailPriceIdentity identity, RetailPriceTier firstTier, IReadOnlyList<SavingsPlanPrice> savingsPlans)
        {
            Identity = identity;
            _tiers.Add(firstTier);
            SavingsPlans = savingsPlans;
        }

        internal RetailPriceIdentity Identity { get; }

        public string CurrencyCode => Identity.CurrencyCode;
        public string MeterId => Identity.MeterId;
        public string MeterName => Identity.MeterName;
        public string ProductId => Identity.ProductId;
        public string ProductName => Identity.ProductName;
        public string SkuId => Identity.SkuId;
        public string SkuName => Identity.SkuName;
        public string ArmSkuName => Identity.ArmSkuName;
        public string ServiceId => Identity.ServiceId;
        public string ServiceName => Identity.ServiceName;
        public string ServiceFamily => Identity.ServiceFamily;
        public string ArmRegionName => Identity.ArmRegionName;
        public string Location => Identity.Location;
        public bool IsPrimaryMeterRegion => Identity.IsPrimaryMeterRegion;

        /// <summary><c>Consumption</c>, <c>Reservation</c> or <c>DevTestConsumption</c> (kept as text: the service may add types).</summary>
        public string Type => Identity.Type;

        /// <summary>The reservation's term (<c>1 Year</c>, <c>3 Years</c>, <c>5 Years</c>); null for other types.</summary>
        public string? ReservationTerm => Identity.ReservationTerm;

        public DateTime EffectiveStartDate => Identity.EffectiveStartDate;
        public DateTime? EffectiveEndDate => Identity.EffectiveEndDate;
        public UnitOfMeasure UnitOfMeasure => Identity.UnitOfMeasure;

        /// <summary>Graduated tiers, ascending by <see cref="RetailPriceTier.MinimumUnits"/>; one for an untiered meter.</summary>
        public IReadOnlyList<RetailPriceTier> Tiers => _tiers;

        /// <summary>The first tier's price. For a reservation, the price of the whole term (see <see cref="HourlyReservationPrice"/>).</summary>
        public decimal UnitPrice => _tiers[0].UnitPrice;

        /// <summary>Savings-plan prices per unit of measure, one per term; empty where the meter has none.</summary>
        public IReadOnlyList<SavingsPlanPrice> SavingsPlans { get; }

        public bool IsReservation => string.Equals(Type, "Reservation", StringComparison.Ordinal);

        /// <summary>The reservation's term in years; null for other types.</summary>
        public int? ReservationYears => CommitmentTerm.YearsOf(ReservationTerm);

        /// <summary>
        /// A reservation's price spread over each hour of its term: <see cref="UnitPrice"/> is the price of the whole term,
        /// so it is divided by 8,760 hours a year. Null for other types.
        /// </summary>
        public decimal? HourlyReservationPrice => IsReservation && ReservationYears is int years ? UnitPrice / (years * CommitmentTerm.HoursPerYear) : (decimal?)null;

        /// <summary>The savings-plan price of <paramref name="years"/>, or null when the meter has none of that term.</summary>
        public SavingsPlanPrice? SavingsPlanOf(int years)
        {
            foreach (SavingsPlanPrice plan in SavingsPlans)
            {
                if (plan.Years == years)
                {
                    return plan;
                }
            }

            return null;
        }

        /// <summary>
        /// Graduated cost of <paramref name="quantity"/> units of measure counted from the start of the period: each slice
        /// between two tier minimums is priced at its tier's price.
        /// </summary>
        public decimal CostOf(decimal quantity)
        {
            decimal cost = 0m;
            for (int i = 0; i < _tiers.Count; i++)
            {
                decimal from = _tiers[i].MinimumUnits;
                decimal to = i + 1 < _tiers.Count ? Math.Min(_tiers[i + 1].MinimumUnits, quantity) : quantity;
                if (to > from)
                {
                    cost += _tiers[i].UnitPrice * (to - from);
                }
            }

            return cost;
        }

        /// <summary>Adds the tier of a further item of the same meter, keeping the tiers in ascending order.</summary>
        internal void AddTier(RetailPriceTier tier)
        {
            int at = _tiers.Count;
            while (at > 0 && _tiers[at - 1].MinimumUnits > tier.MinimumUnits)
            {
                at--;
            }

            _tiers.Insert(at, tier);
        }

        public override string ToString() => $"{ServiceName} {ProductName} {SkuName} {MeterName} ({Type}, {ArmRegionName}): {UnitPrice} {CurrencyCode}/{UnitOfMeasure}";
    }
}
