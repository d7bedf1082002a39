namespace AzBillingInsights.Emulator;

/// <summary>
/// Prices a meter's cumulative quantity in one billing period (docs/design.md, "Pricing rules"): graduated tiers, with
/// IncludedQuantity free at the start of the period. Exact decimal; no rounding here.
/// </summary>
internal static class TierPricer
{
    /// <summary>Σ rate_i × |[t_i, t_i+1) ∩ [IncludedQuantity, quantity)|.</summary>
    public static decimal Cost(Meter meter, decimal quantity)
    {
        decimal cost = 0m;
        IReadOnlyList<MeterTier> tiers = meter.Tiers;
        for (int i = 0; i < tiers.Count; i++)
        {
            decimal from = Math.Max(tiers[i].StartQuantity, meter.IncludedQuantity);
            decimal to = i + 1 < tiers.Count ? Math.Min(tiers[i + 1].StartQuantity, quantity) : quantity;
            if (to > from)
            {
                cost += tiers[i].UnitPrice * (to - from);
            }
        }
        return cost;
    }

    /// <summary>The same graduated rule for a commitment's TieredDiscount: percent of each slice of the charges.</summary>
    public static decimal GraduatedDiscount(IReadOnlyList<(decimal Threshold, decimal Percent)> tiers, decimal charges)
    {
        decimal discount = 0m;
        for (int i = 0; i < tiers.Count; i++)
        {
            decimal from = tiers[i].Threshold;
            decimal to = i + 1 < tiers.Count ? Math.Min(tiers[i + 1].Threshold, charges) : charges;
            if (to > from)
            {
                discount += (to - from) * tiers[i].Percent / 100m;
            }
        }
        return discount;
    }
}
