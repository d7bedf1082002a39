namespace AzBillingInsights.Emulator;

/// <summary>An Azure region: ARM name (instanceData location), the display name used as MeterRegion, a price factor and a bandwidth zone.</summary>
internal sealed record AzureRegion(string ArmName, string MeterRegion, decimal PriceFactor, int BandwidthZone, int Popularity)
{
    /// <summary>Forty public regions; popularity weights where the synthetic estate puts its resources.</summary>
    public static readonly IReadOnlyList<AzureRegion> All =
    [
        new("eastus", "US East", 1.00m, 1, 30), new("eastus2", "US East 2", 1.00m, 1, 22),
        new("centralus", "US Central", 1.04m, 1, 8), new("northcentralus", "US North Central", 1.04m, 1, 3),
        new("southcentralus", "US South Central", 1.04m, 1, 5), new("westcentralus", "US West Central", 1.06m, 1, 2),
        new("westus", "US West", 1.06m, 1, 6), new("westus2", "US West 2", 1.00m, 1, 12),
        new("westus3", "US West 3", 1.00m, 1, 4), new("canadacentral", "CA Central", 1.10m, 1, 4),
        new("canadaeast", "CA East", 1.10m, 1, 1), new("brazilsouth", "BR South", 1.52m, 3, 3),
        new("northeurope", "EU North", 1.06m, 1, 12), new("westeurope", "EU West", 1.10m, 1, 20),
        new("uksouth", "UK South", 1.12m, 1, 9), new("ukwest", "UK West", 1.12m, 1, 2),
        new("francecentral", "FR Central", 1.14m, 1, 4), new("germanywestcentral", "DE West Central", 1.14m, 1, 6),
        new("switzerlandnorth", "CH North", 1.28m, 1, 2), new("norwayeast", "NO East", 1.24m, 1, 1),
        new("swedencentral", "SE Central", 1.08m, 1, 3), new("polandcentral", "PL Central", 1.16m, 1, 1),
        new("italynorth", "IT North", 1.16m, 1, 1), new("eastasia", "AP East", 1.30m, 2, 3),
        new("southeastasia", "AP Southeast", 1.18m, 2, 6), new("japaneast", "JA East", 1.26m, 2, 5),
        new("japanwest", "JA West", 1.26m, 2, 1), new("koreacentral", "KR Central", 1.20m, 2, 2),
        new("koreasouth", "KR South", 1.20m, 2, 1), new("australiaeast", "AU East", 1.24m, 2, 5),
        new("australiasoutheast", "AU Southeast", 1.24m, 2, 1), new("australiacentral", "AU Central", 1.30m, 2, 1),
        new("centralindia", "IN Central", 1.08m, 2, 3), new("southindia", "IN South", 1.08m, 2, 1),
        new("westindia", "IN West", 1.12m, 2, 1), new("uaenorth", "AE North", 1.22m, 2, 1),
        new("southafricanorth", "ZA North", 1.26m, 3, 1), new("qatarcentral", "QA Central", 1.24m, 2, 1),
        new("israelcentral", "IL Central", 1.22m, 2, 1), new("mexicocentral", "MX Central", 1.18m, 1, 1),
    ];

    private static readonly int TotalPopularity = All.Sum(r => r.Popularity);

    public static AzureRegion Pick(ulong hash)
    {
        int ticket = StableHash.Below(hash, TotalPopularity);
        foreach (AzureRegion region in All)
        {
            ticket -= region.Popularity;
            if (ticket < 0)
            {
                return region;
            }
        }
        return All[0];
    }
}
