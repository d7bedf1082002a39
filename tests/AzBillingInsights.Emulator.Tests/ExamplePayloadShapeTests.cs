namespace AzBillingInsights.Emulator.Tests;

/// <summary>
/// Each spec example in Examples/ (copied from shared/reference/examples) has the same field names,
/// casing and nesting as what the emulator emits for the same call. Fields the emulator adds must be
/// ones the reference documents as optional.
/// </summary>
public sealed class ExamplePayloadShapeTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    /// <summary>Documented optional fields the spec examples happen to leave out.</summary>
    private static readonly HashSet<string> Optional = ["nextLink", "instanceData", "meterRegion", "Currency", "Locale", "IsTaxIncluded", "MeterStatus"];

    /// <summary>Objects whose keys are data (tier start quantities), not field names.</summary>
    private static readonly HashSet<string> Maps = ["MeterRates", "TieredDiscount"];

    private string Sub => emulator.SubscriptionIds[0];

    private static JsonElement Example(string file, string status = "200")
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", file)));
        return doc.RootElement.GetProperty("responses").GetProperty(status).GetProperty("body").Clone();
    }

    private static void AssertSameShape(JsonElement expected, JsonElement actual, string path = "$")
    {
        Assert.True(Kind(expected) == Kind(actual), $"{path}: example is {expected.ValueKind}, emulator sent {actual.ValueKind}");
        if (expected.ValueKind == JsonValueKind.Object && Maps.Contains(path[(path.LastIndexOf('.') + 1)..]))
        {
            string valueKind = Kind(expected.EnumerateObject().First().Value);
            Assert.All(actual.EnumerateObject(), p => Assert.Equal(valueKind, Kind(p.Value)));
        }
        else if (expected.ValueKind == JsonValueKind.Object)
        {
            var sent = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
            foreach (JsonProperty property in expected.EnumerateObject())
            {
                Assert.True(sent.ContainsKey(property.Name), $"{path}.{property.Name} is missing (names are compared case-sensitively); sent: {string.Join(", ", sent.Keys)}");
                AssertSameShape(property.Value, sent[property.Name], $"{path}.{property.Name}");
            }
            var known = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (string extra in sent.Keys.Where(k => !known.Contains(k)))
            {
                Assert.True(Optional.Contains(extra), $"{path}.{extra} is not in the example and not a documented optional field");
            }
        }
        else if (expected.ValueKind == JsonValueKind.Array && expected.GetArrayLength() > 0)
        {
            Assert.True(actual.GetArrayLength() > 0, $"{path}: the emulator sent an empty array");
            AssertSameShape(expected[0], actual[0], path + "[0]");
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? "Boolean" : e.ValueKind.ToString();

    /// <summary>Wraps one chosen element as the only item of the body's "value" array, keeping the other keys.</summary>
    private static JsonElement WithOnlyItem(JsonElement body, JsonElement item)
    {
        var copy = body.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        copy["value"] = new[] { item };
        return JsonSerializer.SerializeToElement(copy);
    }

    [Fact]
    public async Task UsageAggregatesListDaily()
    {
        using HttpResponseMessage response = await emulator.GetAsync(EmulatorFixture.UsagePath(Sub, emulator.Day(3), emulator.Day(2), extra: "&showDetails=true"));
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        // The example is a classic row (infoFields only, with a sub-category): compare against the emulator's row of the same meter.
        JsonElement classic = body.GetProperty("value").EnumerateArray()
            .First(r => r.GetProperty("properties").GetProperty("meterName").GetString() == "Standard IO – Page Blob/Disk (GB)");
        AssertSameShape(Example("usageaggregates-list-daily-response.json"), WithOnlyItem(body, classic));
        JsonElement arm = body.GetProperty("value").EnumerateArray().First(r => r.GetProperty("properties").TryGetProperty("instanceData", out _));
        Assert.Equal(
            Example("usageaggregates-list-daily-response.json").GetProperty("value")[0].EnumerateObject().Select(p => p.Name),
            arm.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task RateCardGet()
    {
        using HttpResponseMessage redirect = await emulator.GetAsync(
            $"subscriptions/{Sub}/providers/Microsoft.Commerce/RateCard?api-version=2015-06-01-preview&$filter={Uri.EscapeDataString("OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'")}");
        using HttpResponseMessage blob = await emulator.GetAsync(redirect.Headers.Location!.ToString(), token: "");
        using JsonDocument card = JsonDocument.Parse((await blob.Content.ReadAsByteArrayAsync()).AsMemory(3));
        JsonElement thirdParty = card.RootElement.GetProperty("Meters").EnumerateArray()
            .First(m => m.GetProperty("MeterTags").GetArrayLength() > 0);
        var body = card.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        body["Meters"] = new[] { thirdParty };
        AssertSameShape(Example("ratecard-get-response.json"), JsonSerializer.SerializeToElement(body));
        Assert.Equal(
            Example("ratecard-get-response.json").GetProperty("Meters")[0].EnumerateObject().Select(p => p.Name),
            thirdParty.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("invoices-list-2018-03-01-preview.json", "invoices?api-version=2018-03-01-preview")]
    [InlineData("invoices-list-expand-downloadurl-2017-04-24-preview.json", "invoices?api-version=2017-04-24-preview&$top=1&$expand=downloadUrl&$filter=invoicePeriodStartDate%20le%20LAST")]
    [InlineData("invoices-get-latest-2017-04-24-preview.json", "invoices/latest?api-version=2017-04-24-preview")]
    [InlineData("invoices-get-with-error-2017-02-27-preview.json", "invoices/NAME?api-version=2017-02-27")]
    [InlineData("billingperiods-get-2017-04-24-preview.json", "billingPeriods/PERIOD?api-version=2017-04-24-preview")]
    [InlineData("billingperiods-list-2018-03-01-preview.json", "billingPeriods?api-version=2018-03-01-preview")]
    public async Task BillingPayloads(string example, string call)
    {
        using HttpResponseMessage latest = await emulator.GetAsync($"subscriptions/{Sub}/providers/Microsoft.Billing/invoices/latest?api-version=2018-03-01-preview");
        JsonElement newest = await EmulatorFixture.JsonAsync(latest);
        string period = newest.GetProperty("properties").GetProperty("billingPeriodIds")[0].GetString()!.Split('/')[^1];
        call = call.Replace("NAME", newest.GetProperty("name").GetString(), StringComparison.Ordinal)
            .Replace("PERIOD", period, StringComparison.Ordinal)
            .Replace("LAST", newest.GetProperty("properties").GetProperty("invoicePeriodStartDate").GetString(), StringComparison.Ordinal);
        using HttpResponseMessage response = await emulator.GetAsync($"subscriptions/{Sub}/providers/Microsoft.Billing/{call}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSameShape(Example(example), await EmulatorFixture.JsonAsync(response));
    }

    [Fact]
    public async Task ErrorEnvelopeWithTarget()
    {
        using HttpResponseMessage response = await emulator.GetAsync(
            $"subscriptions/{Sub}/providers/Microsoft.Billing/invoices?api-version=2017-02-27&$filter={Uri.EscapeDataString("name eq 2017-01-01")}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSameShape(Example("invoices-get-with-error-2017-02-27-preview.json", "default"), await EmulatorFixture.JsonAsync(response));
    }

    [Fact]
    public void ExamplesAreByteForByteCopiesOfTheReference()
    {
        string reference = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/reference/examples"));
        if (!Directory.Exists(reference))
        {
            return;
        }
        foreach (string file in Directory.GetFiles(reference, "*.json"))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Examples", Path.GetFileName(file))));
        }
        Assert.Equal(Directory.GetFiles(reference, "*.json").Length, Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Examples"), "*.json").Length);
    }
}
