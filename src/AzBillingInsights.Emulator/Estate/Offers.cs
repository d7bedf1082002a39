namespace AzBillingInsights.Emulator;

/// <summary>A rate-card offer term. Amounts are USD; <see cref="CurrencyTable"/> converts them with the meter prices.</summary>
internal abstract record OfferTerm(string Name, DateTime EffectiveDate);

/// <summary>A monthly credit (MSDN / Visual Studio style) that pays for every meter except the excluded ones.</summary>
internal sealed record MonetaryCreditTerm(decimal Credit, IReadOnlyList<string> ExcludedMeterIds, DateTime EffectiveDate)
    : OfferTerm("Monetary Credit", EffectiveDate);

/// <summary>
/// A commitment discount: <see cref="TieredDiscount"/> maps a monthly charge threshold (USD) to a discount
/// percentage, applied graduated like meter tiers to the month's charges of non-excluded meters.
/// </summary>
internal sealed record MonetaryCommitmentTerm(IReadOnlyList<(decimal Threshold, decimal Percent)> TieredDiscount, IReadOnlyList<string> ExcludedMeterIds, DateTime EffectiveDate)
    : OfferTerm("Monetary Commitment", EffectiveDate);

/// <summary>A fixed monthly fee added to the amount due.</summary>
internal sealed record RecurringChargeTerm(int RecurringCharge, DateTime EffectiveDate) : OfferTerm("Recurring Charge", EffectiveDate);

internal sealed record Offer(string DurableId, string DisplayName, IReadOnlyList<OfferTerm> Terms);

/// <summary>The three offers the emulator knows; subscription n gets <c>All[(n-1) % 3]</c>.</summary>
internal static class OfferCatalog
{
    public static readonly Offer PayAsYouGo = new("MS-AZR-0003P", "Pay-As-You-Go", []);

    public static readonly Offer VisualStudioProfessional = new("MS-AZR-0059P", "Visual Studio Professional subscribers",
    [
        new MonetaryCreditTerm(50m, ExcludedFromCredit(), new DateTime(2019, 12, 1, 0, 0, 0, DateTimeKind.Utc)),
    ]);

    public static readonly Offer MonetaryCommitment = new("MS-AZR-0026P", "Monetary Commitment",
    [
        new MonetaryCommitmentTerm([(0m, 0m), (1000m, 5m), (5000m, 10m)], ExcludedFromCredit(), new DateTime(2020, 11, 1, 0, 0, 0, DateTimeKind.Utc)),
        new RecurringChargeTerm(100, new DateTime(2020, 11, 1, 0, 0, 0, DateTimeKind.Utc)),
    ]);

    public static readonly IReadOnlyList<Offer> All = [PayAsYouGo, VisualStudioProfessional, MonetaryCommitment];

    public static Offer? Find(string durableId) =>
        All.FirstOrDefault(o => string.Equals(o.DurableId, durableId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Third-party Marketplace and classic transaction meters cannot be paid with credit or discounted.</summary>
    private static string[] ExcludedFromCredit() =>
    [
        MeterCatalog.Instance.Get("marketplace/fortigate-2vcpu").Id,
        MeterCatalog.Instance.Get("classic/storage-transactions").Id,
    ];
}

/// <summary>One conversion table for every currency the rate card serves (prices are listed in USD).</summary>
internal static class CurrencyTable
{
    private static readonly Dictionary<string, decimal> UsdTo = new(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = 1m, ["EUR"] = 0.92m, ["GBP"] = 0.79m, ["JPY"] = 151.5m,
    };

    public static bool IsKnown(string code) => UsdTo.ContainsKey(code);

    public static decimal Convert(decimal usd, string currency) =>
        Math.Round(usd * UsdTo[currency], 6, MidpointRounding.AwayFromZero);
}
