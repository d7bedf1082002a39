using System.Globalization;

namespace AzBillingInsights.Emulator.Tests;

public sealed class RetailPriceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string ApiVersion = "2023-01-01-preview";

    private static string PricesPath(string filter, string extra = "", string apiVersion = ApiVersion) =>
        $"api/retail/prices?api-version={apiVersion}{extra}&$filter={Uri.EscapeDataString(filter)}";

    private static JsonElement Real(string name)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Examples", "retail-prices", name)));
        return doc.RootElement.Clone();
    }

    private async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string path, IDictionary<string, string>? headers = null)
    {
        HttpResponseMessage response = await emulator.GetAsync(path, token: "", headers);
        return (response, await EmulatorFixture.JsonAsync(response));
    }

    private static string[] Keys(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public async Task TheEnvelopeAndItemFieldsAreTheRealOnesInTheRealOrderWithoutSignIn()
    {
        JsonElement real = Real("page1-virtual-machines-eastus2.json");
        (HttpResponseMessage response, JsonElement page) = await GetAsync(PricesPath("serviceName eq 'Virtual Machines' and armRegionName eq 'eastus2'"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Keys(real), Keys(page));
        JsonElement[] items = page.GetProperty("Items").EnumerateArray().ToArray();
        foreach (string type in new[] { "Consumption", "DevTestConsumption", "Reservation" })
        {
            JsonElement realItem = real.GetProperty("Items").EnumerateArray().First(i => i.GetProperty("type").GetString() == type && !i.TryGetProperty("effectiveEndDate", out _));
            JsonElement ours = items.First(i => i.GetProperty("type").GetString() == type);
            Assert.Equal(Keys(realItem).Where(k => k != "savingsPlan"), Keys(ours).Where(k => k != "savingsPlan"));
        }
        JsonElement realPlan = real.GetProperty("Items").EnumerateArray().First(i => i.TryGetProperty("savingsPlan", out _)).GetProperty("savingsPlan")[0];
        JsonElement ourPlan = items.First(i => i.TryGetProperty("savingsPlan", out _)).GetProperty("savingsPlan")[0];
        Assert.Equal(Keys(realPlan), Keys(ourPlan));
        Assert.Equal(items.Length, page.GetProperty("Count").GetInt32());
        Assert.Equal("Retail", page.GetProperty("CustomerEntityType").GetString());
    }

    [Fact]
    public async Task AnEmptyResultIsExactlyTheRealEmptyBody()
    {
        using HttpResponseMessage response = await emulator.GetAsync(PricesPath("serviceName eq 'Azure OpenAI' and armRegionName eq 'eastus2'"), token: "");

        string real = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", "retail-prices", "empty-result-azure-openai-eastus2.json")).Trim();
        Assert.Equal(real, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PagesHold1000ItemsAndTheNextPageLinkGoesThroughItsOwnAddressWithItsPortAndANegativeTop()
    {
        string? next = PricesPath("serviceName eq 'Virtual Machines'");
        var keys = new HashSet<string>();
        int pages = 0, total = 0;
        var links = new List<string>();
        while (next is not null)
        {
            (_, JsonElement page) = await GetAsync(next);
            JsonElement[] items = page.GetProperty("Items").EnumerateArray().ToArray();
            pages++;
            total += items.Length;
            foreach (JsonElement item in items)
            {
                keys.Add($"{item.GetProperty("meterId")}|{item.GetProperty("skuId")}|{item.GetProperty("type")}|{item.GetProperty("tierMinimumUnits")}");
            }
            next = page.GetProperty("NextPageLink").GetString();
            if (next is not null)
            {
                Assert.Equal(1000, items.Length);
                links.Add(next);
            }
        }

        Assert.True(pages > 3, $"{pages} pages");
        Assert.Equal(total, keys.Count);
        Assert.StartsWith($"http://127.0.0.1:{emulator.Endpoint.Port}/api/retail/prices?api-version={ApiVersion}&$filter=serviceName%20eq%20%27Virtual%20Machines%27", links[0]);
        Assert.EndsWith("&$top=-980&$skip=1000", links[0]);
        Assert.EndsWith("&$top=-1980&$skip=2000", links[1]);
    }

    [Fact]
    public async Task FilterValuesAreCaseSensitive()
    {
        (_, JsonElement exact) = await GetAsync(PricesPath("serviceName eq 'Redis Cache' and armRegionName eq 'westeurope'"));
        (_, JsonElement lower) = await GetAsync(PricesPath("serviceName eq 'redis cache' and armRegionName eq 'westeurope'"));

        Assert.True(exact.GetProperty("Count").GetInt32() > 0);
        Assert.Equal(0, lower.GetProperty("Count").GetInt32());
    }

    [Fact]
    public async Task TheSameMeterIdsAndPricesAsTheRateCardWithTiersThroughTierMinimumUnits()
    {
        Meter stored = MeterCatalog.Instance.Get("storage/LRS/Hot/stored/eastus");
        (_, JsonElement page) = await GetAsync(PricesPath($"meterId eq '{stored.Id}'"));

        var tiers = page.GetProperty("Items").EnumerateArray()
            .Select(i => (i.GetProperty("tierMinimumUnits").GetDecimal(), i.GetProperty("unitPrice").GetDecimal()))
            .OrderBy(t => t.Item1).ToArray();
        Assert.Equal(stored.Tiers.Select(t => (t.StartQuantity, t.UnitPrice)), tiers);
        Assert.All(page.GetProperty("Items").EnumerateArray(), i => Assert.Equal("1 GB/Month", i.GetProperty("unitOfMeasure").GetString()));
    }

    [Fact]
    public async Task VirtualMachineMetersCarrySavingsPlansAndReservationsPricedForTheirWholeTerm()
    {
        Meter linux = MeterCatalog.Instance.Get("vm/D4s v3/Linux/eastus");
        decimal hourly = linux.Tiers[0].UnitPrice;
        (_, JsonElement page) = await GetAsync(PricesPath($"meterId eq '{linux.Id}'"));
        JsonElement[] items = page.GetProperty("Items").EnumerateArray().ToArray();

        JsonElement payg = items.Single(i => i.GetProperty("type").GetString() == "Consumption");
        Assert.Equal(hourly, payg.GetProperty("unitPrice").GetDecimal());
        Assert.Equal("Standard_D4s_v3", payg.GetProperty("armSkuName").GetString());
        Assert.Equal(["3 Years", "1 Year"], payg.GetProperty("savingsPlan").EnumerateArray().Select(p => p.GetProperty("term").GetString()));
        Assert.All(payg.GetProperty("savingsPlan").EnumerateArray(), p => Assert.True(p.GetProperty("unitPrice").GetDecimal() < hourly));
        JsonElement[] reservations = items.Where(i => i.GetProperty("type").GetString() == "Reservation").ToArray();
        Assert.Equal(["1 Year", "3 Years"], reservations.Select(r => r.GetProperty("reservationTerm").GetString()));
        decimal oneYear = reservations[0].GetProperty("unitPrice").GetDecimal();
        Assert.InRange(oneYear / 8760m, hourly * 0.5m, hourly * 0.8m);

        (_, JsonElement old) = await GetAsync(PricesPath($"meterId eq '{linux.Id}'", apiVersion: "2021-10-01-preview"));
        Assert.DoesNotContain(old.GetProperty("Items").EnumerateArray(), i => i.TryGetProperty("savingsPlan", out _));
    }

    [Fact]
    public async Task CurrencyCodeConvertsThePricesAndNamesTheBillingCurrency()
    {
        Meter linux = MeterCatalog.Instance.Get("vm/D4s v3/Linux/eastus");
        (_, JsonElement page) = await GetAsync(PricesPath($"meterId eq '{linux.Id}' and priceType eq 'Consumption'", "&currencyCode='EUR'"));

        Assert.Equal("EUR", page.GetProperty("BillingCurrency").GetString());
        JsonElement item = page.GetProperty("Items")[0];
        Assert.Equal("EUR", item.GetProperty("currencyCode").GetString());
        Assert.Equal(Math.Round(linux.Tiers[0].UnitPrice * 0.92m, 6), item.GetProperty("unitPrice").GetDecimal());
    }

    [Theory]
    [InlineData("serviceName ne 'Storage'")]
    [InlineData("unitPrice eq '1'")]
    [InlineData("serviceName eq 'Storage' or serviceName eq 'Bandwidth'")]
    public async Task AFilterOutsideTheSupportedSubsetIsA400(string filter)
    {
        using HttpResponseMessage response = await emulator.GetAsync(PricesPath(filter), token: "");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task FaultsAreInjectedHereToo()
    {
        using HttpResponseMessage response = await emulator.GetAsync(PricesPath("serviceName eq 'Storage'"), token: "",
            new Dictionary<string, string> { ["x-ms-emulator-fault"] = "429;retryAfterSeconds=3" });

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("3", response.Headers.GetValues("Retry-After").Single());
    }
}
