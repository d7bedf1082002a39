namespace AzBillingInsights.Emulator;

/// <summary>
/// The global meter list (USD list prices), shaped after real Azure meter families: VM compute hours by
/// size, OS and priority per region, managed disks, blob storage capacity and operations in 10,000s,
/// bandwidth with graduated tiers and 5 free GB, SQL Database, App Service, Redis, public IPs, Log
/// Analytics, Key Vault, two classic meters and one third-party Marketplace meter. It does not depend on
/// the seed: like real meter ids, a meter's GUID is derived from its key alone.
/// </summary>
internal sealed class MeterCatalog
{
    /// <summary>A VM size: <see cref="Size"/> as in meter names ("D2s v3"), with its series and vCPUs.</summary>
    public sealed record VmSize(string Size, string Series, int Vcpus, decimal LinuxPerVcpuHour, bool Deprecated)
    {
        public string ArmName => "Standard_" + Size.Replace(' ', '_');
    }

    private static readonly (string Series, decimal PerVcpu, bool Deprecated, string[] Sizes)[] VmSeries =
    [
        ("BS Series", 0.0104m, false, ["B1s:1", "B1ms:1", "B2s:2", "B2ms:2", "B4ms:4", "B8ms:8", "B12ms:12", "B16ms:16", "B20ms:20"]),
        ("A Series Basic", 0.018m, true, ["Basic A0:1", "Basic A1:1", "Basic A2:2", "Basic A3:4", "Basic A4:8"]),
        ("Av2 Series", 0.043m, false, ["A1 v2:1", "A2 v2:2", "A4 v2:4", "A8 v2:8", "A2m v2:2", "A4m v2:4", "A8m v2:8"]),
        ("Dv2/DSv2 Series", 0.057m, false, ["DS1 v2:1", "DS2 v2:2", "DS3 v2:4", "DS4 v2:8", "DS5 v2:16"]),
        ("Dv3/DSv3 Series", 0.048m, false, ["D2s v3:2", "D4s v3:4", "D8s v3:8", "D16s v3:16", "D32s v3:32", "D64s v3:64"]),
        ("Dsv4 Series", 0.048m, false, ["D2s v4:2", "D4s v4:4", "D8s v4:8", "D16s v4:16", "D32s v4:32", "D64s v4:64"]),
        ("Dasv4 Series", 0.048m, false, ["D2as v4:2", "D4as v4:4", "D8as v4:8", "D16as v4:16", "D32as v4:32", "D48as v4:48", "D96as v4:96"]),
        ("Dsv5 Series", 0.048m, false, ["D2s v5:2", "D4s v5:4", "D8s v5:8", "D16s v5:16", "D32s v5:32", "D48s v5:48", "D64s v5:64", "D96s v5:96"]),
        ("Ev3/ESv3 Series", 0.063m, false, ["E2s v3:2", "E4s v3:4", "E8s v3:8", "E16s v3:16", "E32s v3:32", "E64s v3:64"]),
        ("Esv5 Series", 0.063m, false, ["E2s v5:2", "E4s v5:4", "E8s v5:8", "E16s v5:16", "E20s v5:20", "E32s v5:32", "E48s v5:48", "E64s v5:64", "E104s v5:104"]),
        ("FSv2 Series", 0.0425m, false, ["F2s v2:2", "F4s v2:4", "F8s v2:8", "F16s v2:16", "F32s v2:32", "F48s v2:48", "F64s v2:64", "F72s v2:72"]),
        ("Lsv2 Series", 0.078m, false, ["L8s v2:8", "L16s v2:16", "L32s v2:32", "L48s v2:48", "L80s v2:80"]),
        ("MS Series", 0.21m, false, ["M8ms:8", "M16ms:16", "M32ts:32", "M32ls:32", "M64s:64", "M128s:128"]),
        ("NCSv3 Series", 0.51m, false, ["NC6s v3:6", "NC12s v3:12", "NC24s v3:24"]),
        ("NVSv3 Series", 0.095m, false, ["NV12s v3:12", "NV24s v3:24", "NV48s v3:48"]),
    ];

    public static readonly IReadOnlyList<(string Tier, string SubCategory, decimal MonthlyPrice)> DiskTiers = BuildDiskTiers();

    public static readonly IReadOnlyList<(string Sku, string SubCategory, decimal HourlyPrice)> AppServiceSkus =
    [
        ("F1", "Free Plan", 0m), ("D1", "Shared Plan", 0.013m), ("B1", "Basic Plan", 0.075m), ("B2", "Basic Plan", 0.15m),
        ("B3", "Basic Plan", 0.30m), ("S1", "Standard Plan", 0.10m), ("S2", "Standard Plan", 0.20m), ("S3", "Standard Plan", 0.40m),
        ("P1 v2", "Premium v2 Plan", 0.20m), ("P2 v2", "Premium v2 Plan", 0.40m), ("P3 v2", "Premium v2 Plan", 0.80m),
        ("P1 v3", "Premium v3 Plan", 0.24m), ("P2 v3", "Premium v3 Plan", 0.48m), ("P3 v3", "Premium v3 Plan", 0.96m),
        ("I1 v2", "Isolated v2 Plan", 0.40m), ("I2 v2", "Isolated v2 Plan", 0.80m), ("I3 v2", "Isolated v2 Plan", 1.60m),
    ];

    public static readonly IReadOnlyList<(string Sku, string SubCategory, decimal HourlyPrice)> RedisSkus =
    [
        ("C0", "Basic", 0.022m), ("C1", "Basic", 0.055m), ("C2", "Basic", 0.092m), ("C3", "Basic", 0.184m), ("C4", "Basic", 0.214m),
        ("C5", "Basic", 0.428m), ("C6", "Basic", 0.856m), ("C0", "Standard", 0.055m), ("C1", "Standard", 0.138m),
        ("C2", "Standard", 0.228m), ("C3", "Standard", 0.459m), ("C4", "Standard", 0.536m), ("C5", "Standard", 1.07m),
        ("C6", "Standard", 2.14m), ("P1", "Premium", 0.554m), ("P2", "Premium", 1.108m), ("P3", "Premium", 2.216m),
        ("P4", "Premium", 4.432m), ("P5", "Premium", 10.0m),
    ];

    public static readonly IReadOnlyList<(string Sku, string SubCategory, decimal DailyPrice, string Unit)> SqlSkus = BuildSqlSkus();

    public static readonly IReadOnlyList<(string Name, decimal HourlyPrice)> PublicIpSkus =
    [
        ("Basic IPv4 Dynamic Public IP", 0.004m), ("Basic IPv4 Static Public IP", 0.0036m),
        ("Standard IPv4 Static Public IP", 0.005m), ("Global IPv4 Static Public IP", 0.01m),
    ];

    public static readonly string[] StorageRedundancies = ["LRS", "ZRS", "GRS", "RA-GRS"];

    private static readonly DateTime[] EffectiveDates =
    [
        new(2016, 5, 1, 0, 0, 0, DateTimeKind.Utc), new(2017, 9, 1, 0, 0, 0, DateTimeKind.Utc), new(2018, 10, 1, 0, 0, 0, DateTimeKind.Utc),
        new(2019, 12, 1, 0, 0, 0, DateTimeKind.Utc), new(2020, 11, 1, 0, 0, 0, DateTimeKind.Utc), new(2022, 4, 1, 0, 0, 0, DateTimeKind.Utc),
        new(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    ];

    /// <summary>Declared after the tables above: static initializers run in textual order.</summary>
    public static readonly MeterCatalog Instance = new();

    private readonly List<Meter> meters = new(26000);
    private readonly Dictionary<string, Meter> byKey = new(StringComparer.Ordinal);

    private MeterCatalog()
    {
        VmSizes = VmSeries
            .SelectMany(s => s.Sizes.Select(spec => spec.Split(':')).Select(p => new VmSize(p[0], s.Series, int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), s.PerVcpu, s.Deprecated)))
            .ToArray();
        foreach (AzureRegion region in AzureRegion.All)
        {
            AddRegional(region);
        }
        AddGlobal();
    }

    public IReadOnlyList<Meter> All => meters;

    public IReadOnlyList<VmSize> VmSizes { get; }

    public Meter Get(string key) => byKey[key];

    private void AddRegional(AzureRegion region)
    {
        string r = region.ArmName;
        string display = region.MeterRegion;
        foreach (VmSize vm in VmSizes)
        {
            decimal linux = vm.LinuxPerVcpuHour * vm.Vcpus;
            decimal windows = linux + 0.046m * vm.Vcpus;
            AddPriced($"vm/{vm.Size}/Linux/{r}", vm.Size, "Virtual Machines", vm.Series, region, "1 Hour", linux, vm.Deprecated);
            AddPriced($"vm/{vm.Size}/Windows/{r}", vm.Size, "Virtual Machines", vm.Series + " Windows", region, "1 Hour", windows, vm.Deprecated);
            AddPriced($"vm/{vm.Size}/Linux-lowpri/{r}", vm.Size + " Low Priority", "Virtual Machines", vm.Series, region, "1 Hour", linux * 0.2m, vm.Deprecated);
            AddPriced($"vm/{vm.Size}/Windows-lowpri/{r}", vm.Size + " Low Priority", "Virtual Machines", vm.Series + " Windows", region, "1 Hour", windows * 0.2m, vm.Deprecated);
        }
        foreach ((string tier, string sub, decimal monthly) in DiskTiers)
        {
            AddPriced($"disk/{tier}/LRS/{r}", tier + " LRS Disk", "Storage", sub, region, "1/Month", monthly);
            if (!tier.StartsWith('S'))
            {
                AddPriced($"disk/{tier}/ZRS/{r}", tier + " ZRS Disk", "Storage", sub, region, "1/Month", monthly * 1.5m);
            }
        }
        AddPriced($"diskops/standard-hdd/{r}", "Disk Operations", "Storage", "Standard HDD Managed Disks", region, "10,000s", 0.0005m);
        AddPriced($"diskops/standard-ssd/{r}", "Disk Operations", "Storage", "Standard SSD Managed Disks", region, "10,000s", 0.002m);
        AddPriced($"diskops/premium-burst/{r}", "Burst Transactions", "Storage", "Premium SSD Managed Disks", region, "10,000s", 0.005m);
        AddStorage(region);
        AddPriced($"bandwidth/interregion/{r}", "Inter-Region Data Transfer Out", "Bandwidth", "Inter-Region", region, "1 GB",
            region.BandwidthZone == 1 ? 0.02m : 0.08m);
        foreach ((string sku, string sub, decimal daily, string unit) in SqlSkus)
        {
            AddPriced($"sql/{sub}/{sku}/{r}", sku, "SQL Database", sub, region, unit, daily);
        }
        foreach ((string sku, string sub, decimal hourly) in AppServiceSkus)
        {
            AddPriced($"appservice/{sku}/Windows/{r}", sku, "Azure App Service", sub, region, "1 Hour", hourly);
            AddPriced($"appservice/{sku}/Linux/{r}", sku, "Azure App Service", sub + " - Linux", region, "1 Hour", hourly * 0.75m);
        }
        foreach ((string sku, string sub, decimal hourly) in RedisSkus)
        {
            AddPriced($"redis/{sub}/{sku}/{r}", sku + " Cache", "Redis Cache", sub, region, "1 Hour", hourly);
        }
        foreach ((string name, decimal hourly) in PublicIpSkus)
        {
            AddPriced($"publicip/{name}/{r}", name, "Virtual Network", "IP Addresses", region, "1 Hour", hourly);
        }
        Add(new Meter($"loganalytics/ingestion/{r}", "Pay-as-you-go Data Ingestion", "Log Analytics", "Analytics Logs", display, display,
            "1 GB", [new(0m, Price(2.30m, region, $"la/{r}"))], 5m, EffectiveDate($"la/{r}")));
        AddPriced($"loganalytics/retention/{r}", "Data Retention", "Log Analytics", "Analytics Logs", region, "1 GB/Month", 0.10m);
        // Key Vault rows carry meterRegion "" on the wire, one of the two ways real rows omit a region.
        foreach ((string key, string name, string unit, decimal price) in new[]
                 {
                     ("operations", "Operations", "10,000s", 0.03m), ("advanced", "Advanced Key Operations", "10,000s", 0.15m),
                     ("certificate", "Certificate Renewal Request", "1", 3.0m),
                 })
        {
            Add(new Meter($"keyvault/{key}/{r}", name, "Key Vault", "Standard", display, "", unit,
                [new(0m, Price(price, region, $"kv/{key}/{r}"))], 0m, EffectiveDate($"kv/{key}/{r}")));
        }
    }

    private void AddStorage(AzureRegion region)
    {
        decimal[] redundancyFactor = [1m, 1.25m, 2m, 2.5m];
        (string Tier, decimal Stored, decimal Write, decimal Read, decimal Retrieval)[] tiers =
        [
            ("Hot", 0.0184m, 0.05m, 0.004m, 0m), ("Cool", 0.01m, 0.10m, 0.01m, 0.01m), ("Archive", 0.00099m, 0.10m, 5.0m, 0.02m),
        ];
        for (int i = 0; i < StorageRedundancies.Length; i++)
        {
            string red = StorageRedundancies[i];
            decimal f = redundancyFactor[i];
            foreach ((string tier, decimal stored, decimal write, decimal read, decimal retrieval) in tiers)
            {
                string prefix = $"storage/{red}/{tier}";
                string r = region.ArmName;
                decimal p = Price(stored * f, region, $"{prefix}/stored/{r}");
                // Capacity is graduated (first 50 TB, next 450 TB, over 500 TB) and spelled with long tier keys.
                Add(new Meter($"{prefix}/stored/{r}", $"{tier} {red} Data Stored", "Storage", "Tiered Block Blob", region.MeterRegion,
                    region.MeterRegion, "1 GB/Month", [new(0m, p), new(51200m, Math.Round(p * 0.96m, 6)), new(512000m, Math.Round(p * 0.92m, 6))],
                    0m, EffectiveDate($"{prefix}/stored/{r}"), longTierKeys: true));
                AddPriced($"{prefix}/write/{r}", $"{tier} {red} Write Operations", "Storage", "Tiered Block Blob", region, "10,000s", write * f);
                // Hot LRS reads come with a free monthly allowance, as some real storage meters do.
                Add(new Meter($"{prefix}/read/{r}", $"{tier} Read Operations", "Storage", "Tiered Block Blob", region.MeterRegion,
                    region.MeterRegion, "10,000s", [new(0m, Price(read, region, $"{prefix}/read/{r}"))],
                    tier == "Hot" && red == "LRS" ? 100m : 0m, EffectiveDate($"{prefix}/read/{r}")));
                AddPriced($"{prefix}/list/{r}", $"{tier} {red} List and Create Container Operations", "Storage", "Tiered Block Blob", region, "10,000s", 0.05m * f);
                AddPriced($"{prefix}/retrieval/{r}", $"{tier} Data Retrieval", "Storage", "Tiered Block Blob", region, "1 GB", retrieval);
            }
        }
    }

    private void AddGlobal()
    {
        DateTime effective = EffectiveDates[2];
        (int Zone, decimal Rate)[] zones = [(1, 0.087m), (2, 0.12m), (3, 0.181m), (4, 0.16m)];
        foreach ((int zone, decimal rate) in zones)
        {
            // Graduated egress: first 5 GB free, then 10 TB, 40 TB, 100 TB, beyond.
            Add(new Meter($"bandwidth/out/zone{zone}", "Data Transfer Out (GB)", "Bandwidth", null, $"Zone {zone}", $"Zone {zone}", "GB",
                [new(0m, rate), new(10240m, Math.Round(rate * 0.954m, 4)), new(51200m, Math.Round(rate * 0.805m, 4)), new(153600m, Math.Round(rate * 0.575m, 4))],
                5m, effective));
        }
        Add(new Meter("bandwidth/in", "Data Transfer In (GB)", "Bandwidth", null, "", null, "GB", [new(0m, 0m)], 0m, effective));
        Add(new Meter("classic/storage-transactions", "Storage Transactions (in 10,000s)", "Data Management", null, "", null, "10,000s",
            [new(0m, 0.0036m)], 0m, EffectiveDates[0]));
        Add(new Meter("classic/pageblob-io", "Standard IO – Page Blob/Disk (GB)", "Storage", "Geo Redundant", "", null, "GB",
            [new(0m, 0.095m), new(1024m, 0.08m), new(51200m, 0.07m)], 0m, EffectiveDates[0], longTierKeys: true));
        Add(new Meter("marketplace/fortigate-2vcpu", "2 vCPU VM License", "Virtual Machine Licenses", "Fortinet FortiGate Next-Generation Firewall",
            "", "", "1 Hour", [new(0m, 0.30m)], 0m, EffectiveDates[5], thirdParty: true));
    }

    private void AddPriced(string key, string name, string category, string subCategory, AzureRegion region, string unit, decimal basePrice, bool deprecated = false)
    {
        Add(new Meter(key, name, category, subCategory, region.MeterRegion, region.MeterRegion, unit,
            [new(0m, Price(basePrice, region, key))], 0m, EffectiveDate(key), deprecated));
    }

    private void Add(Meter meter)
    {
        meters.Add(meter);
        byKey.Add(meter.Key, meter);
    }

    /// <summary>Regional list price: base × region factor × ±2 % jitter, to 4 decimals (6 below a cent).</summary>
    private static decimal Price(decimal basePrice, AzureRegion region, string key)
    {
        decimal jitter = 1m + (StableHash.Below(StableHash.OfText("price:" + key), 41) - 20) / 1000m;
        decimal price = basePrice * region.PriceFactor * jitter;
        return Math.Round(price, price < 0.01m ? 6 : 4, MidpointRounding.AwayFromZero);
    }

    private static DateTime EffectiveDate(string key) => EffectiveDates[StableHash.Below(StableHash.OfText("effective:" + key), EffectiveDates.Length)];

    private static List<(string, string, decimal)> BuildDiskTiers()
    {
        var tiers = new List<(string, string, decimal)>();
        (string Prefix, string Sub, string Spec)[] families =
        [
            ("P", "Premium SSD Managed Disks", "1:0.60,2:1.20,3:2.40,4:5.28,6:10.21,10:19.71,15:38.01,20:73.22,30:135.17,40:259.05,50:495.57,60:946.04,70:1802.24,80:3604.48"),
            ("E", "Standard SSD Managed Disks", "1:0.30,2:0.60,3:1.20,4:2.40,6:4.80,10:9.60,15:19.20,20:38.40,30:76.80,40:153.60,50:307.20,60:614.40,70:1228.80,80:2457.60"),
            ("S", "Standard HDD Managed Disks", "4:1.54,6:3.01,10:5.89,15:11.33,20:21.76,30:40.96,40:77.83,50:143.36,60:262.14,70:524.29,80:1048.58"),
        ];
        foreach ((string prefix, string sub, string spec) in families)
        {
            foreach (string pair in spec.Split(','))
            {
                string[] parts = pair.Split(':');
                tiers.Add((prefix + parts[0], sub, decimal.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        return tiers;
    }

    private static List<(string, string, decimal, string)> BuildSqlSkus()
    {
        var skus = new List<(string, string, decimal, string)>
        {
            ("B DTUs", "Single Basic", 0.1613m, "1/Day"), ("S0 DTUs", "Single Standard", 0.4839m, "1/Day"),
            ("S1 DTUs", "Single Standard", 0.9677m, "1/Day"), ("S2 DTUs", "Single Standard", 2.4194m, "1/Day"),
            ("S3 DTUs", "Single Standard", 4.8387m, "1/Day"), ("S4 DTUs", "Single Standard", 9.6774m, "1/Day"),
            ("S6 DTUs", "Single Standard", 19.3548m, "1/Day"), ("S7 DTUs", "Single Standard", 38.7097m, "1/Day"),
            ("S9 DTUs", "Single Standard", 77.4194m, "1/Day"), ("S12 DTUs", "Single Standard", 145.1613m, "1/Day"),
            ("P1 DTUs", "Single Premium", 14.9032m, "1/Day"), ("P2 DTUs", "Single Premium", 29.8065m, "1/Day"),
            ("P4 DTUs", "Single Premium", 59.6129m, "1/Day"), ("P6 DTUs", "Single Premium", 119.2258m, "1/Day"),
            ("P11 DTUs", "Single Premium", 224.2258m, "1/Day"), ("P15 DTUs", "Single Premium", 516.7742m, "1/Day"),
        };
        foreach (int vcores in new[] { 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 24, 32, 40, 80 })
        {
            skus.Add(($"{vcores} vCore", "General Purpose - Compute Gen5", 0.2522m * vcores, "1 Hour"));
            skus.Add(($"{vcores} vCore", "Business Critical - Compute Gen5", 0.6809m * vcores, "1 Hour"));
        }
        return skus;
    }
}
