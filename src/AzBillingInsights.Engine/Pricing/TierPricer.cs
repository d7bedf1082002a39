using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Graduated tier pricing of one meter (DESIGN §5): the cost of a cumulative quantity Q within a billing
    /// period is the sum over tiers i of rate_i * length([t_i, t_i+1) ∩ [IncludedQuantity, Q)).
    /// </summary>
    public sealed class TierPricer
    {
        private readonly decimal[] _starts;
        private readonly decimal[] _rates;
        private readonly decimal _included;
        private readonly bool _flat;

        public TierPricer(Meter meter)
        {
            Meter = meter ?? throw new ArgumentNullException(nameof(meter));
            if (meter.MeterRates.Count == 0)
            {
                throw new ArgumentException($"Meter {meter.MeterId} has no rates to price with.", nameof(meter));
            }

            _starts = new decimal[meter.MeterRates.Count];
            _rates = new decimal[meter.MeterRates.Count];
            for (int i = 0; i < _starts.Length; i++)
            {
                _starts[i] = meter.MeterRates[i].StartQuantity;
                _rates[i] = meter.MeterRates[i].UnitPrice;
            }

            _included = meter.IncludedQuantity;
            // Most meters have one rate from zero and nothing included: a multiplication is enough.
            _flat = _starts.Length == 1 && _starts[0] <= 0m && _included <= 0m;
        }

        public Meter Meter { get; }

        /// <summary>One rate from zero and nothing included: cost is proportional to quantity, whatever came before.</summary>
        public bool IsLinear => _flat;

        /// <summary>Cost of the cumulative quantity <paramref name="quantity"/> since the start of the period.</summary>
        public decimal CostOf(decimal quantity) => CostBetween(0m, quantity);

        /// <summary>
        /// cost(<paramref name="after"/>) - cost(<paramref name="before"/>): what the quantity between two
        /// running totals costs. Negative when <paramref name="after"/> is below <paramref name="before"/>.
        /// </summary>
        public decimal CostBetween(decimal before, decimal after)
        {
            if (_flat)
            {
                return _rates[0] * (Math.Max(after, 0m) - Math.Max(before, 0m));
            }

            if (after < before)
            {
                return -CostBetween(after, before);
            }

            decimal low = Math.Max(before, _included);
            decimal cost = 0m;
            for (int i = 0; i < _starts.Length; i++)
            {
                decimal tierEnd = i + 1 < _starts.Length ? _starts[i + 1] : decimal.MaxValue;
                decimal from = Math.Max(_starts[i], low);
                decimal to = Math.Min(tierEnd, after);
                if (to > from)
                {
                    cost += _rates[i] * (to - from);
                }
            }

            return cost;
        }

        /// <summary>
        /// The slices of [before, after) by tier, for audit: first the part covered by the included quantity
        /// (tier index -1, rate 0), then one entry per tier touched. Empty when after &lt;= before.
        /// </summary>
        public void Breakdown(decimal before, decimal after, List<TierSlice> into)
        {
            if (after <= before)
            {
                return;
            }

            decimal includedEnd = Math.Min(after, _included);
            if (includedEnd > before)
            {
                into.Add(new TierSlice(-1, 0m, 0m, includedEnd - before, 0m));
            }

            decimal low = Math.Max(before, _included);
            for (int i = 0; i < _starts.Length; i++)
            {
                decimal tierEnd = i + 1 < _starts.Length ? _starts[i + 1] : decimal.MaxValue;
                decimal from = Math.Max(_starts[i], low);
                decimal to = Math.Min(tierEnd, after);
                if (to > from)
                {
                    decimal quantity = to - from;
                    into.Add(new TierSlice(i, _starts[i], _rates[i], quantity, _rates[i] * quantity));
                }
            }
        }
    }

    /// <summary>Part of a quantity priced in one tier: index -1 is the free included quantity.</summary>
    public readonly struct TierSlice
    {
        public TierSlice(int tierIndex, decimal tierStart, decimal unitPrice, decimal quantity, decimal cost)
        {
            TierIndex = tierIndex;
            TierStart = tierStart;
            UnitPrice = unitPrice;
            Quantity = quantity;
            Cost = cost;
        }

        public int TierIndex { get; }
        public decimal TierStart { get; }
        public decimal UnitPrice { get; }
        public decimal Quantity { get; }
        public decimal Cost { get; }
    }
}
