namespace AzBillingInsights.Emulator;

/// <summary>
/// The Retail Prices view of <see cref="MeterCatalog"/>: the same meter ids and USD prices, one item per tier (tiers
/// through <c>tierMinimumUnits</c>; included quantities are not stated, as in the real API). Virtual-machine meters
/// add what real VM pages show: savings-plan prices on pay-as-you-go items, Dev/Test prices for Windows (the Linux
/// rate), and 1- and 3-year reservations on the Linux meter whose unitPrice is the whole term's price.
/// </summary>
internal sealed class RetailPriceCatalog
{
    /// <summary>Savings plan and reservation prices as a share of pay-as-you-go, near real D-series ratios.</summary>
    private const decimal SavingsPlanOneYear = 0.66m, SavingsPlanThreeYears = 0.45m, ReservationOneYear = 0.62m, ReservationThreeYears = 0.39m;

    private static readonly Dictionary<string, string> Families = new(StringComparer.Ordinal)
    {
        ["Virtual Machines"] = "Compute", ["Storage"] = "Storage", ["Bandwidth"] = "Networking", ["Virtual Network"] = "Networking",
        ["SQL Database"] = "Databases", ["Azure App Service"] = "Compute", ["Redis Cache"] = "Databases", ["Log Analytics"] = "Management and Governance",
        ["Key Vault"] = "Security", ["Data Management"] = "Storage", ["Virtual Machine Licenses"] = "Compute",
    };

    /// <summary>Declared after the table above: static initializers run in textual order.</summary>
    public static readonly RetailPriceCatalog Instance = new();

    private RetailPriceCatalog()
    {
        var regions = AzureRegion.All.ToDictionary(r => r.MeterRegion, StringComparer.Ordinal);
        var vmSizes = MeterCatalog.Instance.VmSizes.ToDictionary(v => v.Size, StringComparer.Ordinal);
        var items = new List<RetailItem>(40_000);
        foreach (Meter meter in MeterCatalog.Instance.All)
        {
            string armRegion = regions.TryGetValue(meter.Region, out AzureRegion? region) ? region.ArmName : "";
            if (meter.Key.StartsWith("vm/", StringComparison.Ordinal))
            {
                AddVirtualMachine(items, meter, vmSizes[meter.Key.Split('/')[1]], armRegion);
            }
            else
            {
                AddTiers(items, meter, armRegion, skuName: meter.Name, armSkuName: "", "Consumption", []);
            }
        }
        Items = items;
    }

    /// <summary>In catalogue order; the tiers of a meter next to each other.</summary>
    public IReadOnlyList<RetailItem> Items { get; }

    private static void AddVirtualMachine(List<RetailItem> items, Meter meter, MeterCatalog.VmSize size, string armRegion)
    {
        string os = meter.Key.Split('/')[2];
        bool lowPriority = os.EndsWith("-lowpri", StringComparison.Ordinal);
        bool windows = os.StartsWith("Windows", StringComparison.Ordinal);
        string skuName = lowPriority ? size.ArmName + " Low Priority" : size.ArmName;
        decimal price = meter.Tiers[0].UnitPrice;
        RetailSavingsPlan[] plans = lowPriority
            ? []
            : [new("3 Years", Math.Round(price * SavingsPlanThreeYears, 7)), new("1 Year", Math.Round(price * SavingsPlanOneYear, 7))];
        AddTiers(items, meter, armRegion, skuName, size.ArmName, "Consumption", plans);
        if (windows)
        {
            // Dev/Test subscriptions pay the Linux rate for Windows machines, under the Windows meter.
            string linuxKey = meter.Key.Replace("/Windows", "/Linux", StringComparison.Ordinal);
            decimal linuxPrice = MeterCatalog.Instance.Get(linuxKey).Tiers[0].UnitPrice;
            items.Add(Item(meter, armRegion, skuName, size.ArmName, "DevTestConsumption", null, 0m, linuxPrice, []));
        }
        else if (!lowPriority)
        {
            items.Add(Item(meter, armRegion, size.ArmName, size.ArmName, "Reservation", "1 Year", 0m,
                Math.Round(price * 8760m * ReservationOneYear, 0), []));
            items.Add(Item(meter, armRegion, size.ArmName, size.ArmName, "Reservation", "3 Years", 0m,
                Math.Round(price * 3m * 8760m * ReservationThreeYears, 0), []));
        }
    }

    private static void AddTiers(List<RetailItem> items, Meter meter, string armRegion, string skuName, string armSkuName, string type, IReadOnlyList<RetailSavingsPlan> plans)
    {
        // Real pages do not always list a meter's tiers in ascending order; long-keyed (storage) meters list them from the top.
        IEnumerable<MeterTier> tiers = meter.LongTierKeys ? meter.Tiers.Take(1).Concat(meter.Tiers.Skip(1).Reverse()) : meter.Tiers;
        foreach (MeterTier tier in tiers)
        {
            items.Add(Item(meter, armRegion, skuName, armSkuName, type, null, tier.StartQuantity, tier.UnitPrice, plans));
        }
    }

    private static RetailItem Item(Meter meter, string armRegion, string skuName, string armSkuName, string type, string? term,
        decimal tierMinimum, decimal unitPrice, IReadOnlyList<RetailSavingsPlan> plans)
    {
        string productName = meter.Category == "Virtual Machines"
            ? "Virtual Machines " + meter.SubCategory
            : meter.SubCategory is { Length: > 0 } sub ? $"{meter.Category} {sub}" : meter.Category;
        string productId = Code("product:" + productName, 4);
        string skuCode = Code("sku:" + productName + "|" + skuName, 4);
        // A reservation is its own SKU of the product, per term.
        string skuId = $"{productId}/{(term is null ? skuCode : Code("sku:" + productName + "|" + skuName + "|" + term, 4))}";
        (string unit, decimal per) = UnitOfMeasure(meter);
        return new RetailItem(meter.Id, meter.Name, "DZH318Z0" + productId, productName, "DZH318Z0" + skuId, skuName, armSkuName,
            "DZH313Z7" + Code("service:" + meter.Category, 4), meter.Category, Families.GetValueOrDefault(meter.Category, "Other"),
            armRegion, meter.Region, unit, type, term, tierMinimum / per, unitPrice * per, meter.EffectiveDate, plans);
    }

    /// <summary>
    /// The rate card's unit in the spelling Retail Prices uses for it, and how many rate-card units one retail unit is.
    /// Real Retail Prices lists some hourly meters per 100 hours (Service Bus WCF Relay) while usage counts single
    /// hours; the public IP address meters are listed that way here, so clients must convert usage to the price's unit.
    /// </summary>
    private static (string Unit, decimal Per) UnitOfMeasure(Meter meter) => meter.Unit switch
    {
        "1 Hour" when meter.Category == "Virtual Network" => ("100 Hours", 100m),
        _ => (UnitOfMeasure(meter.Unit), 1m),
    };

    /// <summary>The rate card's unit in the spelling Retail Prices uses for it.</summary>
    private static string UnitOfMeasure(string rateCardUnit) => rateCardUnit switch
    {
        "10,000s" => "10K",
        "GB" => "1 GB",
        _ => rateCardUnit,
    };

    /// <summary>Upper-case base-36 code of <paramref name="length"/> characters, stable per text (like real product and SKU ids).</summary>
    private static string Code(string text, int length)
    {
        const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        ulong h = StableHash.OfText(text);
        var code = new char[length];
        for (int i = 0; i < length; i++)
        {
            code[i] = Alphabet[StableHash.Below(h, Alphabet.Length)];
            h = StableHash.Mix(h);
        }
        return new string(code);
    }
}
