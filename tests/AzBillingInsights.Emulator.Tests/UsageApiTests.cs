using System.Text.RegularExpressions;
using System.Globalization;

namespace AzBillingInsights.Emulator.Tests;

public sealed class UsageApiTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private static readonly string[] PropertyOrder =
    [
        "subscriptionId", "usageStartTime", "usageEndTime", "meterName", "meterRegion", "meterCategory", "meterSubCategory",
        "unit", "instanceData", "meterId", "infoFields", "quantity",
    ];

    private string Sub => emulator.SubscriptionIds[0];

    [Fact]
    public async Task DailyPageHasTheWireShape()
    {
        DateTime start = emulator.Estate.Clock.Horizon.Date.AddDays(-3);
        using HttpResponseMessage response = await emulator.GetAsync(EmulatorFixture.UsagePath(Sub, emulator.Day(3), emulator.Day(2)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement page = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(["value"], page.EnumerateObject().Select(p => p.Name));
        JsonElement[] rows = page.GetProperty("value").EnumerateArray().ToArray();
        Assert.NotEmpty(rows);
        string name = $"Daily_BRSDT_{start:yyyyMMdd}_0000";
        foreach (JsonElement row in rows)
        {
            Assert.Equal(["id", "name", "type", "properties"], row.EnumerateObject().Select(p => p.Name));
            Assert.Equal($"/subscriptions/{Sub}/providers/Microsoft.Commerce/UsageAggregates/{name}", row.GetProperty("id").GetString());
            Assert.Equal(name, row.GetProperty("name").GetString());
            Assert.Equal("Microsoft.Commerce/UsageAggregate", row.GetProperty("type").GetString());
            JsonElement p = row.GetProperty("properties");
            string[] keys = p.EnumerateObject().Select(x => x.Name).ToArray();
            Assert.Equal(PropertyOrder.Where(keys.Contains), keys);
            Assert.Equal(Sub, p.GetProperty("subscriptionId").GetString());
            string usageStart = p.GetProperty("usageStartTime").GetString()!;
            string usageEnd = p.GetProperty("usageEndTime").GetString()!;
            Assert.EndsWith("T00:00:00+00:00", usageStart);
            Assert.Equal(TimeSpan.FromDays(1), DateTimeOffset.Parse(usageEnd, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(usageStart, CultureInfo.InvariantCulture));
            Assert.Equal(JsonValueKind.Number, p.GetProperty("quantity").ValueKind);
            Assert.True(p.GetProperty("quantity").GetDecimal() > 0);
            Assert.Equal(JsonValueKind.Object, p.GetProperty("infoFields").ValueKind);
            if (p.TryGetProperty("instanceData", out JsonElement instanceData))
            {
                Assert.Equal(JsonValueKind.String, instanceData.ValueKind);
                using JsonDocument inner = JsonDocument.Parse(instanceData.GetString()!);
                JsonElement resources = inner.RootElement.GetProperty("Microsoft.Resources");
                Assert.StartsWith($"/subscriptions/{Sub}/resourceGroups/", resources.GetProperty("resourceUri").GetString());
                Assert.Matches("^[a-z0-9]+$", resources.GetProperty("location").GetString());
            }
        }
    }

    [Fact]
    public async Task TimesAreWrittenAsAzureWritesThemWithAPlainPlusSign()
    {
        // Azure writes "+00:00"; a JSON encoder's default escaping would write "\u002B00:00", equal in value but
        // not the wire format clients meet, and slower for them to read.
        using HttpResponseMessage response = await emulator.GetAsync(EmulatorFixture.UsagePath(Sub, emulator.Day(3), emulator.Day(2)));
        string body = await response.Content.ReadAsStringAsync();
        Assert.Matches("\"usageStartTime\":\"\\d{4}-\\d{2}-\\d{2}T00:00:00\\+00:00\"", body);
        Assert.DoesNotContain("\\u002B", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RowsShowEveryDocumentedVariant()
    {
        var rows = new List<JsonElement>();
        foreach (string sub in emulator.SubscriptionIds)
        {
            rows.AddRange(await emulator.DrainAsync(EmulatorFixture.UsagePath(sub, emulator.Day(3), emulator.Day(2))));
        }
        JsonElement[] props = rows.Select(r => r.GetProperty("properties")).ToArray();
        var instances = props.Where(p => p.TryGetProperty("instanceData", out _))
            .Select(p => JsonDocument.Parse(p.GetProperty("instanceData").GetString()!).RootElement.GetProperty("Microsoft.Resources")).ToList();

        Assert.Contains(props, p => !p.TryGetProperty("meterSubCategory", out _));
        Assert.Contains(props, p => !p.TryGetProperty("meterRegion", out _));
        Assert.Contains(props, p => p.TryGetProperty("meterRegion", out JsonElement r) && r.GetString() == "");
        Assert.Contains(props, p => !p.TryGetProperty("instanceData", out _) && p.GetProperty("infoFields").TryGetProperty("meteredService", out _));
        Assert.Contains(instances, i => i.TryGetProperty("tags", out JsonElement t) && t.ValueKind == JsonValueKind.Null);
        Assert.Contains(instances, i => !i.TryGetProperty("tags", out _));
        Assert.Contains(instances, i => i.TryGetProperty("additionalInfo", out JsonElement a) && a.TryGetProperty("ServiceType", out _));
        Assert.Contains(instances, i => i.TryGetProperty("partNumber", out _) && i.TryGetProperty("orderNumber", out _));
        Assert.Contains(instances, i => i.TryGetProperty("tags", out JsonElement t) && t.ValueKind == JsonValueKind.Object
            && t.TryGetProperty("Owner", out JsonElement owner) && owner.GetString() == EstateGenerator.HostileTagValue);
        Assert.Contains(props, p => p.GetProperty("meterName").GetString()!.Contains('–'));
    }

    /// <summary>The link form a real session record shows (issue 14): explicit port, 2015-03-31, reportedstartTime, "+", Base64 with %3d.</summary>
    [Fact]
    public async Task NextLinkIsWrittenAsTheServiceWritesIt()
    {
        string first = EmulatorFixture.UsagePath(Sub, emulator.Day(12), emulator.Day(2), "Hourly");
        using HttpResponseMessage response = await emulator.GetAsync(first);
        string next = (await EmulatorFixture.JsonAsync(response)).GetProperty("nextLink").GetString()!;
        string time = @"\d{4}-\d{2}-\d{2}\+00%3a00%3a00Z";
        Match link = Regex.Match(next, $@"^http://127\.0\.0\.1:{emulator.Endpoint.Port}/subscriptions/{Sub}/providers/Microsoft\.Commerce/UsageAggregates" +
            $@"\?api-version=2015-03-31&reportedstartTime={time}&reportedEndTime={time}&aggregationGranularity=Hourly&showDetails=true" +
            @"&continuationToken=(?<token>(?:[A-Za-z0-9]|%2b|%2f)+%3d%3d)$");
        Assert.True(link.Success, next);
        Assert.Equal(10, Convert.FromBase64String(Uri.UnescapeDataString(link.Groups["token"].Value)).Length);
        using HttpResponseMessage followed = await emulator.GetAsync(next);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal(1000, (await EmulatorFixture.JsonAsync(followed)).GetProperty("value").GetArrayLength());
    }

    [Fact]
    public async Task HourlyPagesFollowNextLinkAndAgreeWithTruth()
    {
        string first = EmulatorFixture.UsagePath(Sub, emulator.Day(12), emulator.Day(2), "Hourly");
        using (HttpResponseMessage response = await emulator.GetAsync(first))
        {
            JsonElement page = await EmulatorFixture.JsonAsync(response);
            Assert.Equal(1000, page.GetProperty("value").GetArrayLength());
            string next = page.GetProperty("nextLink").GetString()!;
            Assert.StartsWith(emulator.Endpoint + "subscriptions/" + Sub + "/providers/Microsoft.Commerce/UsageAggregates?", next);
            Assert.Contains("aggregationGranularity=Hourly", next);
            Assert.Contains("&continuationToken=", next);
        }
        List<JsonElement> rows = await emulator.DrainAsync(first);
        string expectedName = $"Hourly_BRSDT_{emulator.Estate.Clock.Horizon.Date.AddDays(-12):yyyyMMdd}_0000";
        Assert.All(rows, r => Assert.Equal(expectedName, r.GetProperty("name").GetString()));
        Assert.All(rows, r => Assert.EndsWith(":00:00+00:00", r.GetProperty("properties").GetProperty("usageStartTime").GetString()));
        Assert.Equal(rows.Count, rows.Select(Key).Distinct().Count());
        (long count, decimal total) = await TruthAsync(Sub, emulator.Day(12), emulator.Day(2), "Hourly", true);
        Assert.True(count > 3000);
        Assert.Equal(count, rows.Count);
        Assert.Equal(total, rows.Sum(r => r.GetProperty("properties").GetProperty("quantity").GetDecimal()));
    }

    [Fact]
    public async Task ShowDetailsFalseMergesRowsOfTheSameMeterAndBucket()
    {
        List<JsonElement> details = await emulator.DrainAsync(EmulatorFixture.UsagePath(Sub, emulator.Day(6), emulator.Day(2)));
        List<JsonElement> merged = await emulator.DrainAsync(EmulatorFixture.UsagePath(Sub, emulator.Day(6), emulator.Day(2), extra: "&showDetails=false"));
        var expected = details.Select(r => r.GetProperty("properties"))
            .GroupBy(p => (p.GetProperty("meterId").GetString(), p.GetProperty("usageStartTime").GetString()))
            .ToDictionary(g => g.Key, g => g.Sum(p => p.GetProperty("quantity").GetDecimal()));
        var actual = merged.Select(r => r.GetProperty("properties"))
            .ToDictionary(p => (p.GetProperty("meterId").GetString(), p.GetProperty("usageStartTime").GetString()), p => p.GetProperty("quantity").GetDecimal());
        Assert.True(merged.Count < details.Count);
        Assert.Equal(expected.OrderBy(e => e.Key).ToList(), actual.OrderBy(e => e.Key).ToList());
        Assert.All(merged, r => Assert.False(r.GetProperty("properties").TryGetProperty("instanceData", out _)));
        (long count, decimal total) = await TruthAsync(Sub, emulator.Day(6), emulator.Day(2), "Daily", false);
        Assert.Equal(count, merged.Count);
        Assert.Equal(total, actual.Values.Sum());
    }

    [Fact]
    public async Task RowsAreReportedAfterTheirBucketWithinTheLag()
    {
        DateTime start = emulator.Estate.Clock.Horizon.Date.AddDays(-5);
        DateTime end = start.AddDays(2);
        List<JsonElement> rows = await emulator.DrainAsync(EmulatorFixture.UsagePath(Sub, EmulatorFixture.Iso(start), EmulatorFixture.Iso(end), "Hourly"));
        foreach (JsonElement p in rows.Select(r => r.GetProperty("properties")))
        {
            DateTime usageEnd = DateTimeOffset.Parse(p.GetProperty("usageEndTime").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
            Assert.True(usageEnd <= end.AddHours(-1), $"bucket ending {usageEnd:O} cannot be reported before {end:O}");
            Assert.True(usageEnd >= start.AddHours(-QuantityModel.MaxLagHours), $"bucket ending {usageEnd:O} is older than the lag allows");
        }
        Assert.Contains(rows, r => DateTimeOffset.Parse(r.GetProperty("properties").GetProperty("usageStartTime").GetString()!, CultureInfo.InvariantCulture) < start);
        // Adjacent reported windows partition the rows.
        (long whole, decimal wholeTotal) = await TruthAsync(Sub, EmulatorFixture.Iso(start), EmulatorFixture.Iso(end), "Hourly", true);
        (long a, decimal aTotal) = await TruthAsync(Sub, EmulatorFixture.Iso(start), EmulatorFixture.Iso(start.AddDays(1)), "Hourly", true);
        (long b, decimal bTotal) = await TruthAsync(Sub, EmulatorFixture.Iso(start.AddDays(1)), EmulatorFixture.Iso(end), "Hourly", true);
        Assert.Equal(rows.Count, whole);
        Assert.Equal(whole, a + b);
        Assert.Equal(wholeTotal, aTotal + bTotal);
    }

    [Fact]
    public async Task SameQueryGivesIdenticalBytes()
    {
        string path = EmulatorFixture.UsagePath(Sub, emulator.Day(4), emulator.Day(3));
        using HttpResponseMessage first = await emulator.GetAsync(path);
        using HttpResponseMessage second = await emulator.GetAsync(path);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss'Z'")]
    [InlineData("yyyy-MM-dd HH:mm:ss'Z'")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss'+00:00Z'")]
    [InlineData("M/d/yyyy h:mm:ss tt")]
    [InlineData("MM/dd/yyyy")]
    [InlineData("yyyyMMdd'T'HH:mm:ss'Z'")]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss'+00:00,'")]
    public async Task ReportedTimesAreParsedLeniently(string format)
    {
        DateTime start = emulator.Estate.Clock.Horizon.Date.AddDays(-4);
        string s = Uri.EscapeDataString(start.ToString(format, CultureInfo.InvariantCulture));
        string e = Uri.EscapeDataString(start.AddDays(1).ToString(format, CultureInfo.InvariantCulture));
        using HttpResponseMessage response = await emulator.GetAsync(
            $"subscriptions/{Sub}/providers/Microsoft.Commerce/UsageAggregates?api-version=2015-06-01-preview&reportedStartTime={s}&reportedEndTime={e}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement page = await EmulatorFixture.JsonAsync(response);
        Assert.Equal($"Daily_BRSDT_{start:yyyyMMdd}_0000", page.GetProperty("value")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task UnencodedPlusArrivingAsSpaceIsAccepted()
    {
        DateTime start = emulator.Estate.Clock.Horizon.Date.AddDays(-4);
        using HttpResponseMessage response = await emulator.GetAsync(
            $"subscriptions/{Sub}/providers/Microsoft.Commerce/UsageAggregates?api-version=2015-06-01-preview" +
            $"&reportedStartTime={start:yyyy-MM-dd}T00:00:00+00:00&reportedEndTime={start.AddDays(1):yyyy-MM-dd}T00:00:00+00:00");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PathSegmentsQueryNamesAndGranularityAreCaseInsensitive()
    {
        using HttpResponseMessage response = await emulator.GetAsync(
            $"SUBSCRIPTIONS/{Sub.ToUpperInvariant()}/providers/microsoft.commerce/usageAggregates?API-VERSION=2015-06-01-preview" +
            $"&reportedstartTime={Uri.EscapeDataString(emulator.Day(3))}&REPORTEDENDTIME={Uri.EscapeDataString(emulator.Day(2))}&aggregationgranularity=daily&showDetails=True");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(0, (await EmulatorFixture.JsonAsync(response)).GetProperty("value").GetArrayLength());
    }

    [Theory]
    [InlineData("api-version", "", "NoApiVersion", "api-version")]
    [InlineData("api-version", "2099-01-01", "NoRegisteredProviderFound", "2015-06-01-preview")]
    [InlineData("reportedStartTime", "", "InvalidProperty", "'reportedStartTime' is required")]
    [InlineData("reportedEndTime", "", "InvalidProperty", "'reportedEndTime' is required")]
    [InlineData("reportedStartTime", "yesterday", "InvalidProperty", "not a valid date-time")]
    [InlineData("reportedStartTime", "HALF", "InvalidProperty", "whole UTC hour")]
    [InlineData("reportedStartTime", "NOON", "InvalidProperty", "UTC midnight")]
    [InlineData("reportedStartTime", "END", "InvalidProperty", "must be earlier than reportedEndTime")]
    [InlineData("reportedEndTime", "FUTURE", "RequestEndTimeIsInFuture", "in the future")]
    [InlineData("aggregationGranularity", "Weekly", "InvalidAggregationGranularity", "'Weekly'")]
    [InlineData("showDetails", "maybe", "InvalidProperty", "showDetails")]
    [InlineData("continuationToken", "not-a-token", "InvalidProperty", "continuationToken")]
    public async Task InvalidQueriesNameTheBrokenRule(string parameter, string value, string code, string message)
    {
        DateTime start = emulator.Estate.Clock.Horizon.Date.AddDays(-3);
        var query = new Dictionary<string, string>
        {
            ["api-version"] = "2015-06-01-preview",
            ["reportedStartTime"] = EmulatorFixture.Iso(start),
            ["reportedEndTime"] = EmulatorFixture.Iso(start.AddDays(1)),
            ["aggregationGranularity"] = "Daily",
        };
        query[parameter] = value switch
        {
            "HALF" => EmulatorFixture.Iso(start.AddMinutes(30)),
            "NOON" => EmulatorFixture.Iso(start.AddHours(12)),
            "END" => EmulatorFixture.Iso(start.AddDays(1)),
            "FUTURE" => EmulatorFixture.Iso(DateTime.UtcNow.Date.AddDays(2)),
            _ => value,
        };
        string qs = string.Join('&', query.Where(kv => kv.Value.Length > 0).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));
        using HttpResponseMessage response = await emulator.GetAsync($"subscriptions/{Sub}/providers/Microsoft.Commerce/UsageAggregates?{qs}");
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.BadRequest, code, message);
    }

    [Fact]
    public async Task EveryResponseCarriesArmHeaders()
    {
        string correlation = Guid.NewGuid().ToString();
        using HttpResponseMessage ok = await emulator.GetAsync(EmulatorFixture.UsagePath(Sub, emulator.Day(3), emulator.Day(2)),
            headers: new Dictionary<string, string> { ["x-ms-correlation-request-id"] = correlation });
        using HttpResponseMessage error = await emulator.GetAsync(EmulatorFixture.UsagePath(Sub, emulator.Day(3), emulator.Day(3)));
        foreach (HttpResponseMessage response in new[] { ok, error })
        {
            Assert.True(Guid.TryParse(response.Headers.GetValues("x-ms-request-id").Single(), out _));
            Assert.Matches(@"^EASTUS:\d{8}T\d{6}Z:[0-9a-f-]{36}$", response.Headers.GetValues("x-ms-routing-request-id").Single());
            Assert.True(int.TryParse(response.Headers.GetValues("x-ms-ratelimit-remaining-subscription-reads").Single(), out _));
            Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
            Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
            Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        }
        Assert.Equal(correlation, ok.Headers.GetValues("x-ms-correlation-request-id").Single());
        Assert.EndsWith(correlation, ok.Headers.GetValues("x-ms-routing-request-id").Single());
    }

    [Fact]
    public async Task UnknownRouteIsAnArmNotFound()
    {
        using HttpResponseMessage response = await emulator.GetAsync($"subscriptions/{Sub}/providers/Microsoft.Commerce/Nothing?api-version=1");
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.NotFound, "NotFound");
    }

    private static string Key(JsonElement row)
    {
        JsonElement p = row.GetProperty("properties");
        return p.GetProperty("meterId").GetString() + p.GetProperty("usageStartTime").GetString()
            + (p.TryGetProperty("instanceData", out JsonElement i) ? i.GetString() : p.GetProperty("infoFields").ToString());
    }

    private async Task<(long Count, decimal Total)> TruthAsync(string sub, string start, string end, string granularity, bool details)
    {
        using HttpResponseMessage response = await emulator.Client.GetAsync(
            $"_emulator/truth/usage?subscriptionId={sub}&reportedStartTime={Uri.EscapeDataString(start)}&reportedEndTime={Uri.EscapeDataString(end)}" +
            $"&aggregationGranularity={granularity}&showDetails={details}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement truth = await EmulatorFixture.JsonAsync(response);
        return (truth.GetProperty("rowCount").GetInt64(), truth.GetProperty("totalQuantity").GetDecimal());
    }
}
