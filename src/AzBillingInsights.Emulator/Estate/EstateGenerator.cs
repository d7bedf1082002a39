using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Builds the synthetic estate from a seed and a size. Everything is a pure function of
/// (seed, resource count, subscription count, clock), so two emulators started with the same
/// options in the same month produce byte-identical responses.
/// </summary>
internal sealed class EstateGenerator(int seed, int resourceCount, int subscriptionCount, EmulatorClock clock)
{
    /// <summary>Tag value that must survive every renderer unexecuted.</summary>
    public const string HostileTagValue = "<script>alert('owner')</script>";

    private static readonly string[] Apps = ["web", "api", "data", "ml", "shared", "network", "batch", "reporting", "payments", "search", "iot", "identity"];
    private static readonly string[] Environments = ["prod", "dev", "test", "stg"];
    private static readonly string[] EnvironmentTags = ["Production", "Development", "Test", "Staging"];
    private static readonly string[] Owners = ["alice@contoso.com", "bob@contoso.com", "Zoë Ångström", "data-team", "ops \"night\" shift", "carol@contoso.com"];

    private static readonly string[] PopularVmSizes =
    [
        "B2s", "B2ms", "B4ms", "D2s v3", "D4s v3", "D8s v3", "D2s v5", "D4s v5", "D8s v5", "D16s v5", "E4s v5", "E8s v3",
        "F4s v2", "F8s v2", "DS2 v2", "A2 v2", "L8s v2", "NC6s v3",
    ];

    private static readonly string[] PopularDisks = ["P6", "P10", "P15", "P20", "P30", "E4", "E10", "E15", "E30", "S10", "S20", "S30"];

    /// <summary>
    /// The first resources take one of each kind (a Marketplace VM, a classic storage account, a scale set,
    /// ...) and live through the whole range, so even a 20-resource test estate shows every wire variant.
    /// </summary>
    private static readonly int[] CoverageKinds = [0, 97, 24, 28, 44, 56, 64, 72, 76, 88, 92, 10];

    private readonly ulong root = StableHash.Combine(0xE5717A7EUL, (ulong)(uint)seed);
    private readonly MeterCatalog catalog = MeterCatalog.Instance;

    public Estate Generate()
    {
        var subscriptions = Enumerable.Range(1, subscriptionCount).Select(CreateSubscription).ToList();
        int[] pattern = [0, .. Enumerable.Range(0, subscriptionCount)];
        for (int k = 0; k < resourceCount; k++)
        {
            Subscription sub = subscriptions[pattern[k % pattern.Length]];
            CreateResource(sub, k);
        }
        PlantHostileTag(subscriptions[0]);
        foreach (Subscription sub in subscriptions)
        {
            foreach (UsageStream stream in sub.Streams)
            {
                EncodeRowParts(stream);
            }
            sub.MeterGroups = sub.Streams
                .GroupBy(s => s.Meter.Id, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<UsageStream>)g.ToList())
                .ToList();
        }
        return new Estate
        {
            Seed = seed,
            Clock = clock,
            Subscriptions = subscriptions,
            Anomalies = PlantAnomalies(subscriptions),
            BillingAccounts = NameBillingAccounts(),
            TenantId = StableHash.ToGuid(StableHash.Combine(root, StableHash.OfText("tenant"))).ToString(),
        };
    }

    /// <summary>
    /// Sign-up days of the web-direct (MOSP) offers, by their place in the catalogue: their billing periods run from
    /// this day of a month to the day before it in the next, as real invoices show (2019-02-03 to 2019-03-02,
    /// 2018-07-13 to 2018-08-12). Enterprise and Microsoft Customer Agreements bill by calendar month instead: the EA
    /// exports' September rows carry BillingPeriodStartDate 09/01/2023 and BillingPeriodEndDate 09/30/2023.
    /// </summary>
    private static readonly int[] SignUpDays = [1, 3];

    private Subscription CreateSubscription(int number)
    {
        Offer offer = OfferCatalog.All[(number - 1) % OfferCatalog.All.Count];
        BillingAgreement agreement = offer != OfferCatalog.MonetaryCommitment ? BillingAgreement.OnlineServicesProgram
            : (number - 1) / OfferCatalog.All.Count % 2 == 0 ? BillingAgreement.EnterpriseAgreement
            : BillingAgreement.MicrosoftCustomerAgreement;
        return new Subscription
        {
            Id = StableHash.ToGuid(StableHash.Combine(root, StableHash.OfText("subscription"), (ulong)number)),
            Number = number,
            DisplayName = $"{offer.DisplayName} {number}",
            Offer = offer,
            // Commitment subscriptions never opted in to invoice access: they exercise the refusal.
            InvoicesOptedIn = offer != OfferCatalog.MonetaryCommitment,
            Agreement = agreement,
            BillingDay = agreement == BillingAgreement.OnlineServicesProgram ? SignUpDays[(number - 1) % OfferCatalog.All.Count] : 1,
        };
    }

    /// <summary>An 8-digit enrollment number; an MCA account "{guid}:{guid}_2019-05-31" and a profile "XXXX-XXXX-XXX-XXX".</summary>
    private BillingAccounts NameBillingAccounts()
    {
        ulong h = StableHash.Combine(root, StableHash.OfText("billing"));
        string enrollment = (10_000_000 + StableHash.Below(h, 89_999_999)).ToString(CultureInfo.InvariantCulture);
        Guid first = StableHash.ToGuid(StableHash.Combine(h, 1));
        Guid second = StableHash.ToGuid(StableHash.Combine(h, 2));
        string profile = StableHash.ToGuid(StableHash.Combine(h, 3)).ToString("N").ToUpperInvariant();
        return new BillingAccounts(enrollment, $"{first}:{second}_2019-05-31", $"{profile[..4]}-{profile[4..8]}-{profile[8..11]}-{profile[11..14]}");
    }

    private void CreateResource(Subscription sub, int k)
    {
        ulong h = StableHash.Combine(root, StableHash.OfText("resource"), (ulong)k);
        ulong Pick(string what) => StableHash.Combine(h, StableHash.OfText(what));
        int app = StableHash.Below(Pick("app"), Apps.Length);
        int env = StableHash.Below(Pick("env"), Environments.Length);
        string group = $"rg-{Apps[app]}-{Environments[env]}";
        AzureRegion region = AzureRegion.Pick(Pick("region"));
        string suffix = (k + 1).ToString("D3", CultureInfo.InvariantCulture);
        bool coverage = k < CoverageKinds.Length;
        int kind = coverage ? CoverageKinds[k] : StableHash.Below(Pick("kind"), 100);

        (int from, int to) = coverage ? (0, int.MaxValue) : Lifetime(Pick("lifetime"));
        var streams = new List<(string MeterKey, UsageShape Shape, long BaseMicros, Dictionary<string, string>? Info, (string, string)? Marketplace)>();
        string type;
        string name;
        string providerPath;
        bool classic = false;
        string os = StableHash.Below(Pick("os"), 100) < 60 ? "Linux" : "Windows";
        string r = region.ArmName;
        string zone = $"bandwidth/out/zone{region.BandwidthZone}";
        long Micros(double min, double max, string what) => (long)Math.Round((min + (max - min) * StableHash.Unit(Pick(what))) * 1_000_000);

        if (kind < 24)
        {
            // Virtual machine; a few run third-party Marketplace software billed per hour.
            type = "Microsoft.Compute/virtualMachines";
            name = $"vm-{Apps[app]}-{suffix}";
            providerPath = $"Microsoft.Compute/virtualMachines/{name}";
            MeterCatalog.VmSize size = catalog.VmSizes.First(v => v.Size == PopularVmSizes[StableHash.Below(Pick("size"), PopularVmSizes.Length)]);
            bool lowPriority = StableHash.Below(Pick("priority"), 100) < 5;
            bool officeHours = StableHash.Below(Pick("shape"), 100) < 35;
            var info = new Dictionary<string, string>
            {
                ["UsageType"] = "ComputeHR",
                ["ImageType"] = os == "Linux" ? "Canonical" : "MicrosoftWindowsServer",
                ["ServiceType"] = size.ArmName,
                ["VMName"] = name,
            };
            streams.Add(($"vm/{size.Size}/{os}{(lowPriority ? "-lowpri" : "")}/{r}", officeHours ? UsageShape.OfficeHours : UsageShape.AlwaysOn, 1_000_000, info, null));
            if (StableHash.Below(Pick("egress"), 100) < 50)
            {
                streams.Add((zone, UsageShape.Elastic, Micros(0.02, 0.6, "egress-size"), null, null));
            }
            if (kind < 3)
            {
                string order = StableHash.ToGuid(Pick("order")).ToString();
                streams.Add(("marketplace/fortigate-2vcpu", UsageShape.AlwaysOn, 1_000_000, null, ("AZ-MKTP-FTNT-FGT-2VCPU", order)));
            }
        }
        else if (kind < 28)
        {
            type = "Microsoft.Compute/virtualMachineScaleSets";
            name = $"vmss-{Apps[app]}-{suffix}";
            providerPath = $"Microsoft.Compute/virtualMachineScaleSets/{name}";
            MeterCatalog.VmSize size = catalog.VmSizes.First(v => v.Size == PopularVmSizes[StableHash.Below(Pick("size"), 12)]);
            var info = new Dictionary<string, string> { ["UsageType"] = "ComputeHR", ["ServiceType"] = size.ArmName };
            streams.Add(($"vm/{size.Size}/{os}/{r}", UsageShape.Elastic, Micros(2, 8, "instances"), info, null));
            streams.Add((zone, UsageShape.Elastic, Micros(0.2, 3, "egress-size"), null, null));
        }
        else if (kind < 44)
        {
            type = "Microsoft.Compute/disks";
            name = $"disk-{Apps[app]}-{suffix}";
            providerPath = $"Microsoft.Compute/disks/{name}";
            string tier = PopularDisks[StableHash.Below(Pick("disk"), PopularDisks.Length)];
            string redundancy = tier[0] != 'S' && StableHash.Below(Pick("zrs"), 100) < 15 ? "ZRS" : "LRS";
            // A disk bills one month per month; per hour that is 1/730, to six decimals.
            streams.Add(($"disk/{tier}/{redundancy}/{r}", UsageShape.AlwaysOn, 1_370, null, null));
            if (tier[0] != 'P')
            {
                streams.Add(($"diskops/{(tier[0] == 'S' ? "standard-hdd" : "standard-ssd")}/{r}", UsageShape.Elastic, Micros(0.2, 6, "ops"), null, null));
            }
        }
        else if (kind < 56)
        {
            type = "Microsoft.Storage/storageAccounts";
            name = $"st{Apps[app]}{suffix}{StableHash.Below(Pick("st"), 10000):D4}";
            providerPath = $"Microsoft.Storage/storageAccounts/{name}";
            string red = MeterCatalog.StorageRedundancies[StableHash.Below(Pick("red"), MeterCatalog.StorageRedundancies.Length)];
            streams.Add(($"storage/{red}/Hot/stored/{r}", UsageShape.Growing, Micros(50, 20000, "capacity") / 730, null, null));
            streams.Add(($"storage/{red}/Hot/write/{r}", UsageShape.Elastic, Micros(0.1, 20, "writes"), null, null));
            streams.Add(($"storage/{red}/Hot/read/{r}", UsageShape.Elastic, Micros(0.5, 50, "reads"), null, null));
            if (StableHash.Below(Pick("egress"), 100) < 30)
            {
                streams.Add((zone, UsageShape.Elastic, Micros(0.05, 2, "egress-size"), null, null));
            }
            if (StableHash.Below(Pick("ingress"), 100) < 15)
            {
                streams.Add(("bandwidth/in", UsageShape.Elastic, Micros(0.1, 4, "ingress-size"), null, null));
            }
        }
        else if (kind < 64)
        {
            type = "Microsoft.Sql/servers/databases";
            name = $"sqldb-{Apps[app]}-{suffix}";
            providerPath = $"Microsoft.Sql/servers/sql-{Apps[app]}-{Environments[env]}/databases/{name}";
            var skus = MeterCatalog.SqlSkus;
            var sku = skus[StableHash.Below(Pick("sku"), 24) % skus.Count];
            // DTU databases bill per day (1/24 an hour); vCore databases per hour.
            streams.Add(($"sql/{sku.SubCategory}/{sku.Sku}/{r}", UsageShape.AlwaysOn, sku.Unit == "1/Day" ? 41_667 : 1_000_000, null, null));
        }
        else if (kind < 72)
        {
            type = "Microsoft.Web/serverfarms";
            name = $"asp-{Apps[app]}-{suffix}";
            providerPath = $"Microsoft.Web/serverfarms/{name}";
            var sku = MeterCatalog.AppServiceSkus[2 + StableHash.Below(Pick("sku"), 12)];
            streams.Add(($"appservice/{sku.Sku}/{os}/{r}", UsageShape.Elastic, Micros(1, 4, "instances"), null, null));
        }
        else if (kind < 76)
        {
            type = "Microsoft.Cache/Redis";
            name = $"redis-{Apps[app]}-{suffix}";
            providerPath = $"Microsoft.Cache/Redis/{name}";
            var sku = MeterCatalog.RedisSkus[StableHash.Below(Pick("sku"), MeterCatalog.RedisSkus.Count)];
            streams.Add(($"redis/{sku.SubCategory}/{sku.Sku}/{r}", UsageShape.AlwaysOn, 1_000_000, null, null));
        }
        else if (kind < 88)
        {
            type = "Microsoft.Network/publicIPAddresses";
            name = $"pip-{Apps[app]}-{suffix}";
            providerPath = $"Microsoft.Network/publicIPAddresses/{name}";
            var sku = MeterCatalog.PublicIpSkus[StableHash.Below(Pick("sku"), 3)];
            streams.Add(($"publicip/{sku.Name}/{r}", UsageShape.AlwaysOn, 1_000_000, null, null));
        }
        else if (kind < 92)
        {
            type = "Microsoft.OperationalInsights/workspaces";
            name = $"log-{Apps[app]}-{suffix}";
            providerPath = $"Microsoft.OperationalInsights/workspaces/{name}";
            streams.Add(($"loganalytics/ingestion/{r}", UsageShape.Elastic, Micros(0.02, 1.5, "ingest"), null, null));
            streams.Add(($"loganalytics/retention/{r}", UsageShape.Growing, Micros(1, 200, "retained") / 730, null, null));
        }
        else if (kind < 97)
        {
            type = "Microsoft.KeyVault/vaults";
            name = $"kv-{Apps[app]}-{suffix}";
            providerPath = $"Microsoft.KeyVault/vaults/{name}";
            streams.Add(($"keyvault/operations/{r}", UsageShape.Elastic, Micros(0.01, 1, "kvops"), null, null));
        }
        else
        {
            type = "Microsoft.ClassicStorage/storageAccounts";
            name = $"classic{Apps[app]}{suffix}";
            providerPath = $"Microsoft.ClassicStorage/storageAccounts/{name}";
            classic = true;
            streams.Add(("classic/storage-transactions", UsageShape.Elastic, Micros(0.5, 30, "tx"), null, null));
            streams.Add(("classic/pageblob-io", UsageShape.Growing, Micros(1, 80, "io"), null, null));
        }

        // Real resourceUris sometimes carry the resource group in another casing.
        string uriGroup = StableHash.Below(Pick("rgcase"), 100) < 5 ? group.ToUpperInvariant() : group;
        var resource = new Resource
        {
            Uri = $"/subscriptions/{sub.IdText}/resourceGroups/{uriGroup}/providers/{providerPath}",
            Type = type,
            Name = name,
            ResourceGroup = group,
            Region = region,
            FromHour = from,
            ToHour = to,
            Classic = classic,
        };
        AssignTags(resource, Pick("tags"), env, k switch { 5 => TagsMode.Null, 4 => TagsMode.Absent, _ => null });
        sub.Resources.Add(resource);
        foreach ((string meterKey, UsageShape shape, long baseMicros, Dictionary<string, string>? info, (string, string)? marketplace) in streams)
        {
            ulong key = StableHash.Combine(h, StableHash.OfText(meterKey));
            sub.Streams.Add(new UsageStream
            {
                Index = sub.Streams.Count,
                Subscription = sub,
                Resource = resource,
                Meter = catalog.Get(meterKey),
                Shape = shape,
                BaseMicros = Math.Max(1, baseMicros),
                Growth = shape is UsageShape.Elastic or UsageShape.Growing ? 0.05 + 0.35 * StableHash.Unit(StableHash.Combine(key, 7)) : 0,
                Key = key,
                AdditionalInfo = info,
                Marketplace = marketplace,
            });
        }
    }

    /// <summary>Most resources live through the whole range; some are created late, some deleted early.</summary>
    private (int From, int To) Lifetime(ulong h)
    {
        int horizon = clock.HorizonHour;
        int roll = StableHash.Below(h, 100);
        double at = StableHash.Unit(StableHash.Mix(h));
        if (roll < 12)
        {
            return ((int)(horizon * 0.9 * at), int.MaxValue);
        }
        if (roll < 20)
        {
            return (0, (int)(horizon * (0.2 + 0.75 * at)));
        }
        return (0, int.MaxValue);
    }

    private static void AssignTags(Resource resource, ulong h, int env, TagsMode? forced)
    {
        int roll = StableHash.Below(h, 100);
        if (forced is TagsMode.Null or TagsMode.Absent || (forced is null && roll >= 60))
        {
            resource.TagsMode = forced ?? (roll < 75 ? TagsMode.Null : TagsMode.Absent);
            return;
        }
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (StableHash.Below(StableHash.Combine(h, 1), 100) >= 15)
        {
            tags["CostCenter"] = "CC-" + (1000 + StableHash.Below(StableHash.Combine(h, 2), 12) * 10).ToString(CultureInfo.InvariantCulture);
        }
        if (StableHash.Below(StableHash.Combine(h, 3), 100) >= 10)
        {
            tags["Environment"] = EnvironmentTags[env];
        }
        if (StableHash.Below(StableHash.Combine(h, 4), 100) >= 20)
        {
            tags["Owner"] = Owners[StableHash.Below(StableHash.Combine(h, 5), Owners.Length)];
        }
        resource.Tags = tags;
        resource.TagsMode = TagsMode.Object;
    }

    private static void PlantHostileTag(Subscription first)
    {
        Resource? target = first.Resources.FirstOrDefault(r => r.TagsMode == TagsMode.Object && !r.Classic)
            ?? first.Resources.FirstOrDefault(r => !r.Classic);
        if (target is null)
        {
            return;
        }
        target.Tags ??= new Dictionary<string, string>(StringComparer.Ordinal);
        target.TagsMode = TagsMode.Object;
        target.Tags["Owner"] = HostileTagValue;
    }

    /// <summary>
    /// Four kinds of incident a cost tool should flag, each placed on the first suitable stream in a
    /// seed-dependent order and at a fixed distance before the data horizon.
    /// </summary>
    private IReadOnlyList<Anomaly> PlantAnomalies(List<Subscription> subscriptions)
    {
        var candidates = subscriptions.SelectMany(s => s.Streams)
            .Where(s => s.Resource.FromHour == 0 && s.Resource.ToHour == int.MaxValue)
            .OrderBy(s => StableHash.Combine(root, s.Key))
            .ToList();
        int horizon = clock.HorizonHour;
        var templates = new (string Kind, Func<UsageStream, bool> Fits, int HoursBefore, int Duration, double Multiplier, string Description)[]
        {
            ("RunawayScaleOut", s => s.Shape == UsageShape.Elastic && (s.Meter.Category is "Virtual Machines" or "Azure App Service"), 240, 72, 6,
                "Autoscale stuck at maximum: instance hours x6 for three days."),
            ("EgressSpike", s => s.Meter.Category == "Bandwidth" && s.Meter.Name.StartsWith("Data Transfer Out", StringComparison.Ordinal), 84, 6, 25,
                "Data exfiltration-like egress burst: x25 for six hours."),
            ("IngestionBurst", s => s.Meter.Category is "Log Analytics" or "Storage" && s.Shape == UsageShape.Elastic, 960, 24, 12,
                "Verbose logging left on: x12 for one day."),
            ("AccidentalScaleUp", s => s.Shape == UsageShape.AlwaysOn && s.Meter.Category == "Virtual Machines", 1800, 48, 4,
                "Four copies of a VM deployed by mistake: x4 for two days."),
        };
        var anomalies = new List<Anomaly>();
        foreach (var t in templates)
        {
            UsageStream? stream = candidates.FirstOrDefault(s => s.Anomaly is null && t.Fits(s))
                ?? candidates.FirstOrDefault(s => s.Anomaly is null && s.Shape == UsageShape.Elastic);
            if (stream is null)
            {
                continue;
            }
            int from = Math.Max(0, horizon - t.HoursBefore);
            var anomaly = new Anomaly($"anomaly-{anomalies.Count + 1}", t.Kind, stream, from, from + t.Duration, t.Multiplier, t.Description);
            stream.Anomaly = anomaly;
            anomalies.Add(anomaly);
        }
        return anomalies;
    }

    /// <summary>instanceData is a JSON document inside a JSON string; it never changes, so it is built once.</summary>
    private static void EncodeRowParts(UsageStream stream)
    {
        Resource resource = stream.Resource;
        if (resource.Classic)
        {
            stream.InfoFields =
            [
                new("meteredRegion", Meter.Encode(resource.Region.MeterRegion)),
                new("meteredService", Meter.Encode("Storage")),
                new("project", Meter.Encode(resource.Name)),
            ];
            return;
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Microsoft.Resources");
            writer.WriteString("resourceUri", resource.Uri);
            writer.WriteString("location", resource.Region.ArmName);
            if (resource.TagsMode == TagsMode.Null)
            {
                writer.WriteNull("tags");
            }
            else if (resource.TagsMode == TagsMode.Object && resource.Tags is not null)
            {
                writer.WriteStartObject("tags");
                foreach ((string key, string value) in resource.Tags)
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            if (stream.AdditionalInfo is not null)
            {
                writer.WriteStartObject("additionalInfo");
                foreach ((string key, string value) in stream.AdditionalInfo)
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            if (stream.Marketplace is { } marketplace)
            {
                writer.WriteString("partNumber", marketplace.PartNumber);
                writer.WriteString("orderNumber", marketplace.OrderNumber);
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        stream.EncodedInstanceData = Meter.Encode(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
