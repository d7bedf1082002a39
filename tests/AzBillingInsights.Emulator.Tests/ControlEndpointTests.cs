using System.Globalization;

namespace AzBillingInsights.Emulator.Tests;

public sealed class ControlEndpointTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task RequestLogRecordsRequestsWithoutSecretsAndCanBeCleared()
    {
        using (await emulator.Client.DeleteAsync("_emulator/requests"))
        {
        }
        string sub = emulator.SubscriptionIds[0];
        using HttpResponseMessage usage = await emulator.GetAsync(EmulatorFixture.UsagePath(sub, emulator.Day(3), emulator.Day(2)));
        using HttpResponseMessage faulted = await emulator.GetAsync(EmulatorFixture.UsagePath(sub, emulator.Day(3), emulator.Day(2)),
            headers: new Dictionary<string, string> { [FaultInjector.Header] = "503" });
        using HttpResponseMessage latest = await emulator.GetAsync($"subscriptions/{sub}/providers/Microsoft.Billing/invoices/latest?api-version=2018-03-01-preview");
        string url = (await EmulatorFixture.JsonAsync(latest)).GetProperty("properties").GetProperty("downloadUrl").GetProperty("url").GetString()!;
        using HttpResponseMessage pdf = await emulator.GetAsync(url, token: "");

        using HttpResponseMessage log = await emulator.Client.GetAsync("_emulator/requests");
        JsonElement[] entries = (await EmulatorFixture.JsonAsync(log)).EnumerateArray().ToArray();
        Assert.Equal(4, entries.Length);
        Assert.Equal(["time", "method", "path", "status", "fault", "durationMs"], entries[0].EnumerateObject().Select(p => p.Name));
        Assert.All(entries, e => Assert.Equal("GET", e.GetProperty("method").GetString()));
        Assert.StartsWith($"/subscriptions/{sub}/providers/Microsoft.Commerce/UsageAggregates?api-version=", entries[0].GetProperty("path").GetString());
        Assert.Equal(200, entries[0].GetProperty("status").GetInt32());
        Assert.Equal(503, entries[1].GetProperty("status").GetInt32());
        Assert.Equal("503", entries[1].GetProperty("fault").GetString());
        Assert.Contains("sig=REDACTED", entries[3].GetProperty("path").GetString());
        Assert.DoesNotContain(new Uri(url).Query.Split("sig=")[1], entries[3].GetProperty("path").GetString());
        Assert.True(DateTimeOffset.TryParse(entries[0].GetProperty("time").GetString(), CultureInfo.InvariantCulture, out _));

        using HttpResponseMessage cleared = await emulator.Client.DeleteAsync("_emulator/requests");
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        using HttpResponseMessage empty = await emulator.Client.GetAsync("_emulator/requests");
        Assert.Equal(0, (await EmulatorFixture.JsonAsync(empty)).GetArrayLength());
    }

    [Fact]
    public async Task EstateTruthDescribesSubscriptionsOffersAndIdentities()
    {
        using HttpResponseMessage response = await emulator.Client.GetAsync("_emulator/truth/estate");
        JsonElement estate = await EmulatorFixture.JsonAsync(response);
        JsonElement[] subs = estate.GetProperty("subscriptions").EnumerateArray().ToArray();
        Assert.Equal(emulator.SubscriptionIds, subs.Select(s => s.GetProperty("subscriptionId").GetString()));
        Assert.Equal(["MS-AZR-0003P", "MS-AZR-0059P", "MS-AZR-0026P"], subs.Select(s => s.GetProperty("offerDurableId").GetString()));
        Assert.Equal([true, true, false], subs.Select(s => s.GetProperty("invoicesOptedIn").GetBoolean()));
        Assert.Equal(20, subs.Sum(s => s.GetProperty("resourceCount").GetInt32()));
        JsonElement[] resources = subs.SelectMany(s => s.GetProperty("resources").EnumerateArray()).ToArray();
        Assert.Equal(20, resources.Length);
        Assert.True(resources.Select(r => r.GetProperty("type").GetString()).Distinct().Count() >= 10);
        Assert.All(resources, r => Assert.NotEqual(0, r.GetProperty("meterIds").GetArrayLength()));
        Assert.True(estate.GetProperty("meterCount").GetInt32() >= 20_000);
        Assert.Equal(ManagedIdentities.UserAssignedClientId, estate.GetProperty("managedIdentities")[1].GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task AnomaliesAreListedAndVisibleInTheUsage()
    {
        using HttpResponseMessage response = await emulator.Client.GetAsync("_emulator/truth/anomalies");
        JsonElement[] anomalies = (await EmulatorFixture.JsonAsync(response)).EnumerateArray().ToArray();
        Assert.True(anomalies.Length >= 3);
        JsonElement anomaly = anomalies[0];
        string sub = anomaly.GetProperty("subscriptionId").GetString()!;
        DateTime start = DateTimeOffset.Parse(anomaly.GetProperty("usageStartTime").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
        DateTime end = DateTimeOffset.Parse(anomaly.GetProperty("usageEndTime").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
        string resource = anomaly.GetProperty("resourceUri").GetString()!;
        string meter = anomaly.GetProperty("meterId").GetString()!;

        async Task<decimal> QuantityAsync(DateTime from, DateTime to)
        {
            DateTime reportedEnd = to.Date.AddDays(4) < emulator.Estate.Clock.Horizon ? to.Date.AddDays(4) : emulator.Estate.Clock.Horizon;
            List<JsonElement> rows = await emulator.DrainAsync(EmulatorFixture.UsagePath(sub, EmulatorFixture.Iso(from.Date), EmulatorFixture.Iso(reportedEnd), "Hourly"));
            return rows.Select(r => r.GetProperty("properties"))
                .Where(p => p.GetProperty("meterId").GetString() == meter && p.GetProperty("instanceData").GetString()!.Contains(resource, StringComparison.Ordinal))
                .Where(p => DateTimeOffset.Parse(p.GetProperty("usageStartTime").GetString()!, CultureInfo.InvariantCulture).UtcDateTime is var t && t >= from && t < to)
                .Sum(p => p.GetProperty("quantity").GetDecimal());
        }
        decimal during = await QuantityAsync(start, end);
        decimal weekBefore = await QuantityAsync(start.AddDays(-7), end.AddDays(-7));
        Assert.True(during > weekBefore * (decimal)anomaly.GetProperty("multiplier").GetDouble() / 2, $"{during} vs {weekBefore}");
    }

    [Fact]
    public async Task TruthForAnUnknownSubscriptionIsNotFound()
    {
        using HttpResponseMessage usage = await emulator.Client.GetAsync($"_emulator/truth/usage?subscriptionId={Guid.NewGuid()}&reportedStartTime=2020-01-01&reportedEndTime=2020-01-02");
        await EmulatorFixture.AssertArmErrorAsync(usage, HttpStatusCode.NotFound, "SubscriptionNotFound");
        using HttpResponseMessage months = await emulator.Client.GetAsync("_emulator/truth/months?subscriptionId=nope");
        await EmulatorFixture.AssertArmErrorAsync(months, HttpStatusCode.NotFound, "SubscriptionNotFound");
    }

    [Fact]
    public async Task MonthTruthSeparatesChargesFromOfferTerms()
    {
        async Task<JsonElement> MonthAsync(int index)
        {
            using HttpResponseMessage response = await emulator.Client.GetAsync($"_emulator/truth/months?subscriptionId={emulator.SubscriptionIds[index]}");
            return (await EmulatorFixture.JsonAsync(response))[1];
        }
        JsonElement payg = await MonthAsync(0);
        JsonElement credit = await MonthAsync(1);
        JsonElement commitment = await MonthAsync(2);
        Assert.Equal(payg.GetProperty("charges").GetDecimal(), payg.GetProperty("amountDue").GetDecimal());
        Assert.Equal(50m, credit.GetProperty("creditApplied").GetDecimal());
        Assert.Equal(-50m, credit.GetProperty("offerAdjustment").GetDecimal());
        Assert.Equal(100m, commitment.GetProperty("recurringCharge").GetDecimal());
        decimal charges = commitment.GetProperty("charges").GetDecimal();
        decimal expectedDiscount = Math.Max(0, Math.Min(charges, 5000) - 1000) * 0.05m + Math.Max(0, charges - 5000) * 0.10m;
        Assert.InRange(commitment.GetProperty("commitmentDiscount").GetDecimal(), expectedDiscount - 0.01m, expectedDiscount + 0.01m);
        Assert.NotNull(commitment.GetProperty("invoiceName").GetString());
        Assert.All(new[] { payg, credit, commitment }, m => Assert.Equal("USD", m.GetProperty("currency").GetString()));
        Assert.All(new[] { payg, credit, commitment }, m =>
            Assert.Equal(m.GetProperty("amountDue").GetDecimal() - m.GetProperty("charges").GetDecimal(), m.GetProperty("offerAdjustment").GetDecimal()));
    }
}
