using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AzBillingInsights.Emulator.Tests;

public sealed class InvoiceTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Api = "2018-03-01-preview";

    private string Sub => emulator.SubscriptionIds[0];

    /// <summary>Thirteen complete months; the newest one's invoice exists from the 5th of the month on.</summary>
    private int InvoiceCount => emulator.Estate.Clock.Horizon.Day >= 5 ? 13 : 12;

    private string Invoices => $"subscriptions/{Sub}/providers/Microsoft.Billing/invoices";

    private Task<List<JsonElement>> ListAllAsync(string query) => DrainAsync($"{Invoices}?api-version={Api}{query}");

    private async Task<List<JsonElement>> DrainAsync(string first)
    {
        var items = new List<JsonElement>();
        string? next = first;
        while (next is not null)
        {
            using HttpResponseMessage response = await emulator.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement page = await EmulatorFixture.JsonAsync(response);
            items.AddRange(page.GetProperty("value").EnumerateArray());
            next = page.TryGetProperty("nextLink", out JsonElement link) ? link.GetString() : null;
        }
        return items;
    }

    [Fact]
    public async Task ListIsNewestFirstPagedWithSkipTokenAndWithoutDownloadUrls()
    {
        using (HttpResponseMessage first = await emulator.GetAsync($"{Invoices}?api-version={Api}"))
        {
            JsonElement page = await EmulatorFixture.JsonAsync(first);
            Assert.Equal(InvoiceEndpoints.PageSize, page.GetProperty("value").GetArrayLength());
            string next = page.GetProperty("nextLink").GetString()!;
            Assert.StartsWith(emulator.Endpoint + Invoices + "?", next);
            Assert.Contains("%24skiptoken=", next);
        }
        List<JsonElement> all = await ListAllAsync("");
        Assert.Equal(InvoiceCount, all.Count);
        string[] starts = all.Select(i => i.GetProperty("properties").GetProperty("invoicePeriodStartDate").GetString()!).ToArray();
        Assert.Equal(starts.OrderByDescending(s => s, StringComparer.Ordinal), starts);
        Assert.Equal(starts.Length, starts.Distinct().Count());
        foreach (JsonElement invoice in all)
        {
            string name = invoice.GetProperty("name").GetString()!;
            Assert.Matches(@"^\d{6}-\d{15}$", name);
            Assert.Equal($"/subscriptions/{Sub}/providers/Microsoft.Billing/invoices/{name}", invoice.GetProperty("id").GetString());
            Assert.Equal("Microsoft.Billing/invoices", invoice.GetProperty("type").GetString());
            JsonElement p = invoice.GetProperty("properties");
            Assert.False(p.TryGetProperty("downloadUrl", out _));
            DateTime start = DateTime.ParseExact(p.GetProperty("invoicePeriodStartDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(start.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.GetProperty("invoicePeriodEndDate").GetString());
            Assert.Equal($"/subscriptions/{Sub}/providers/Microsoft.Billing/billingPeriods/{start.AddMonths(1):yyyyMM}-1", p.GetProperty("billingPeriodIds")[0].GetString());
        }
    }

    [Fact]
    public async Task TopKeepsOnlyTheNewestNAcrossPagesAndExpandAddsDownloadUrls()
    {
        // billing.json 2018-03-01-preview: $top limits the result to the most recent N, it is not the page size.
        List<JsonElement> all = await ListAllAsync("");
        using HttpResponseMessage response = await emulator.GetAsync($"{Invoices}?api-version={Api}&$top=3&$expand=downloadUrl");
        JsonElement page = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(3, page.GetProperty("value").GetArrayLength());
        Assert.False(page.TryGetProperty("nextLink", out _));
        Assert.Equal(all.Take(3).Select(Name), page.GetProperty("value").EnumerateArray().Select(Name));
        foreach (JsonElement invoice in page.GetProperty("value").EnumerateArray())
        {
            JsonElement url = invoice.GetProperty("properties").GetProperty("downloadUrl");
            Assert.Equal(["expiryTime", "url"], url.EnumerateObject().Select(p => p.Name));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", url.GetProperty("expiryTime").GetString());
            Assert.StartsWith(emulator.Endpoint + "_blob/invoices/", url.GetProperty("url").GetString());
        }
        List<JsonElement> eleven = await ListAllAsync("&$top=11&$expand=downloadUrl");
        Assert.Equal(all.Take(11).Select(Name), eleven.Select(Name));
        Assert.All(eleven, i => Assert.True(i.GetProperty("properties").TryGetProperty("downloadUrl", out _)));
        Assert.Equal(all.Count, (await ListAllAsync("&$top=100")).Count);
    }

    [Fact]
    public async Task PeriodsRunFromEachSubscriptionsSignUpDayToAnInclusiveEnd()
    {
        Assert.Contains(emulator.Estate.Subscriptions, s => s.BillingDay != 1);
        foreach (Subscription subscription in emulator.Estate.Subscriptions.Where(s => s.InvoicesOptedIn))
        {
            string periods = $"subscriptions/{subscription.IdText}/providers/Microsoft.Billing/billingPeriods?api-version={Api}";
            using HttpResponseMessage list = await emulator.GetAsync(periods);
            JsonElement[] items = (await EmulatorFixture.JsonAsync(list)).GetProperty("value").EnumerateArray().ToArray();
            Assert.NotEmpty(items);
            using HttpResponseMessage latest = await emulator.GetAsync($"subscriptions/{subscription.IdText}/providers/Microsoft.Billing/invoices/latest?api-version={Api}");
            JsonElement invoice = (await EmulatorFixture.JsonAsync(latest)).GetProperty("properties");
            DateTime start = Date(invoice.GetProperty("invoicePeriodStartDate"));
            DateTime end = Date(invoice.GetProperty("invoicePeriodEndDate"));
            Assert.Equal(subscription.BillingDay, start.Day);
            Assert.Equal(start.AddMonths(1).AddDays(-1), end);
            JsonElement period = items[0].GetProperty("properties");
            Assert.Equal(start, Date(period.GetProperty("billingPeriodStartDate")));
            Assert.Equal(end, Date(period.GetProperty("billingPeriodEndDate")));
        }
    }

    private static string Name(JsonElement invoice) => invoice.GetProperty("name").GetString()!;

    private static DateTime Date(JsonElement value) => DateTime.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("ten")]
    public async Task TopOutsideOneToHundredIsRefused(string top)
    {
        using HttpResponseMessage response = await emulator.GetAsync($"{Invoices}?api-version={Api}&$top={top}");
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", "$top");
    }

    [Fact]
    public async Task FilterOnPeriodEndDateSupportsEveryOperator()
    {
        List<JsonElement> all = await ListAllAsync("");
        string[] ends = all.Select(i => i.GetProperty("properties").GetProperty("invoicePeriodEndDate").GetString()!).ToArray();
        string pivot = ends[4];
        async Task<string[]> Filtered(string filter) =>
            (await ListAllAsync("&$filter=" + Uri.EscapeDataString(filter))).Select(i => i.GetProperty("properties").GetProperty("invoicePeriodEndDate").GetString()!).ToArray();
        Assert.Equal([pivot], await Filtered($"invoicePeriodEndDate eq {pivot}"));
        Assert.Equal(ends.Where(e => string.CompareOrdinal(e, pivot) < 0), await Filtered($"invoicePeriodEndDate lt {pivot}"));
        Assert.Equal(ends.Where(e => string.CompareOrdinal(e, pivot) > 0), await Filtered($"invoicePeriodEndDate gt {pivot}"));
        Assert.Equal(ends.Where(e => string.CompareOrdinal(e, pivot) <= 0), await Filtered($"invoicePeriodEndDate le {pivot}"));
        Assert.Equal(ends.Where(e => string.CompareOrdinal(e, pivot) >= 0), await Filtered($"invoicePeriodEndDate ge {pivot}"));
        Assert.Equal(ends.Skip(2).Take(5), await Filtered($"invoicePeriodEndDate le {ends[2]} and invoicePeriodEndDate ge {ends[6]}"));
    }

    [Theory]
    [InlineData("invoicePeriodEndDate ne 2026-01-01")]
    [InlineData("invoicePeriodEndDate ge 2026-01-01 or invoicePeriodEndDate lt 2025-01-01")]
    [InlineData("not invoicePeriodEndDate ge 2026-01-01")]
    [InlineData("name eq 2026-01-01")]
    [InlineData("invoicePeriodEndDate ge yesterday")]
    public async Task UnsupportedFiltersAreRefused(string filter)
    {
        using HttpResponseMessage response = await emulator.GetAsync($"{Invoices}?api-version={Api}&$filter={Uri.EscapeDataString(filter)}");
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", "invoicePeriodEndDate");
        JsonElement error = (await EmulatorFixture.JsonAsync(response)).GetProperty("error");
        Assert.Equal("$filter", error.GetProperty("target").GetString());
    }

    [Fact]
    public async Task LatestAndGetByNameIncludeTheDownloadUrl()
    {
        List<JsonElement> all = await ListAllAsync("");
        using HttpResponseMessage latest = await emulator.GetAsync($"{Invoices}/latest?api-version=2017-04-24-preview");
        JsonElement newest = await EmulatorFixture.JsonAsync(latest);
        Assert.Equal(all[0].GetProperty("name").GetString(), newest.GetProperty("name").GetString());
        Assert.True(newest.GetProperty("properties").TryGetProperty("downloadUrl", out _));
        string name = all[5].GetProperty("name").GetString()!;
        using HttpResponseMessage byName = await emulator.GetAsync($"{Invoices}/{name}?api-version={Api}");
        JsonElement one = await EmulatorFixture.JsonAsync(byName);
        Assert.Equal(all[5].GetProperty("properties").GetProperty("invoicePeriodStartDate").GetString(), one.GetProperty("properties").GetProperty("invoicePeriodStartDate").GetString());
        Assert.True(one.GetProperty("properties").TryGetProperty("downloadUrl", out _));
    }

    [Fact]
    public async Task UnknownInvoiceIsNotFound()
    {
        using HttpResponseMessage response = await emulator.GetAsync($"{Invoices}/2001-01-05-123456789?api-version={Api}");
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.NotFound, "ResourceNotFound", "2001-01-05-123456789");
    }

    [Fact]
    public async Task OldestApiVersionHasNoBillingPeriods()
    {
        using HttpResponseMessage response = await emulator.GetAsync($"{Invoices}/latest?api-version=2017-02-27-preview");
        JsonElement invoice = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(["invoicePeriodStartDate", "invoicePeriodEndDate", "downloadUrl"], invoice.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        using HttpResponseMessage periods = await emulator.GetAsync($"subscriptions/{Sub}/providers/Microsoft.Billing/billingPeriods?api-version=2017-02-27-preview");
        await EmulatorFixture.AssertArmErrorAsync(periods, HttpStatusCode.BadRequest, "NoRegisteredProviderFound");
        using HttpResponseMessage missing = await emulator.GetAsync($"{Invoices}?$top=1");
        await EmulatorFixture.AssertArmErrorAsync(missing, HttpStatusCode.BadRequest, "NoApiVersion");
    }

    [Fact]
    public async Task BillingPeriodsLinkToTheirInvoices()
    {
        string periods = $"subscriptions/{Sub}/providers/Microsoft.Billing/billingPeriods";
        JsonElement[] items = (await DrainAsync($"{periods}?api-version={Api}")).ToArray();
        Assert.Equal(InvoiceCount, items.Length);
        List<JsonElement> invoices = await ListAllAsync("");
        for (int i = 0; i < items.Length; i++)
        {
            Assert.Matches(@"^\d{6}-1$", items[i].GetProperty("name").GetString());
            Assert.Equal("Microsoft.Billing/billingPeriods", items[i].GetProperty("type").GetString());
            Assert.Equal(invoices[i].GetProperty("id").GetString(), items[i].GetProperty("properties").GetProperty("invoiceIds")[0].GetString());
        }
        string name = items[2].GetProperty("name").GetString()!;
        using HttpResponseMessage one = await emulator.GetAsync($"{periods}/{name}?api-version=2017-04-24-preview");
        Assert.Equal(items[2].GetProperty("properties").GetProperty("billingPeriodStartDate").GetString(),
            (await EmulatorFixture.JsonAsync(one)).GetProperty("properties").GetProperty("billingPeriodStartDate").GetString());
        List<JsonElement> filtered = await DrainAsync($"{periods}?api-version={Api}&$filter={Uri.EscapeDataString("billingPeriodEndDate le " + items[10].GetProperty("properties").GetProperty("billingPeriodEndDate").GetString())}");
        Assert.Equal(items.Length - 10, filtered.Count);
        using HttpResponseMessage unknown = await emulator.GetAsync($"{periods}/190001-1?api-version={Api}");
        await EmulatorFixture.AssertArmErrorAsync(unknown, HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task OperationsAreListed()
    {
        using HttpResponseMessage response = await emulator.GetAsync("providers/Microsoft.Billing/operations?api-version=2017-04-24-preview");
        JsonElement first = (await EmulatorFixture.JsonAsync(response)).GetProperty("value")[0];
        Assert.Equal(["name", "display"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["provider", "resource", "operation"], first.GetProperty("display").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task PdfIsValidAndStatesTheTruthTotal()
    {
        using HttpResponseMessage latest = await emulator.GetAsync($"{Invoices}/latest?api-version={Api}");
        JsonElement invoice = await EmulatorFixture.JsonAsync(latest);
        string url = invoice.GetProperty("properties").GetProperty("downloadUrl").GetProperty("url").GetString()!;
        using HttpResponseMessage download = await emulator.GetAsync(url, token: "");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        byte[] pdf = await download.Content.ReadAsByteArrayAsync();
        string text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.4\n", text);
        Assert.EndsWith("%%EOF\n", text);
        int startxref = int.Parse(Regex.Match(text, @"startxref\n(\d+)\n").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.StartsWith("xref\n0 6\n", text[startxref..]);
        MatchCollection offsets = Regex.Matches(text[startxref..], @"(\d{10}) 00000 n ");
        for (int i = 0; i < offsets.Count; i++)
        {
            Assert.StartsWith($"{i + 1} 0 obj", text[int.Parse(offsets[i].Groups[1].Value, CultureInfo.InvariantCulture)..]);
        }
        int length = int.Parse(Regex.Match(text, @"/Length (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        int streamStart = text.IndexOf("stream\n", StringComparison.Ordinal) + "stream\n".Length;
        Assert.StartsWith("endstream", text[(streamStart + length)..]);

        JsonElement month = await MonthAsync(Sub, invoice.GetProperty("properties").GetProperty("invoicePeriodStartDate").GetString()![..7]);
        Assert.Equal(invoice.GetProperty("name").GetString(), month.GetProperty("invoiceName").GetString());
        Assert.Contains($"(Total charges: USD {month.GetProperty("charges").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture)})", text);
        Assert.Contains($"(Amount due: USD {month.GetProperty("amountDue").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture)})", text);
    }

    /// <summary>
    /// The independent check: price a month's usage, read from the Usage API, with the rate card read from
    /// the RateCard API, using this test's own implementation of the documented rules.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task MonthTruthEqualsUsageFromTheApiPricedWithTheRateCard(int subscriptionIndex)
    {
        string sub = emulator.SubscriptionIds[subscriptionIndex];
        int billingDay = emulator.Estate.Subscriptions[subscriptionIndex].BillingDay;
        DateTime month = new DateTime(emulator.Estate.Clock.Horizon.Year, emulator.Estate.Clock.Horizon.Month, billingDay, 0, 0, 0, DateTimeKind.Utc).AddMonths(-3);
        string offer = emulator.Estate.Subscriptions[subscriptionIndex].Offer.DurableId;

        using HttpResponseMessage redirect = await emulator.GetAsync(
            $"subscriptions/{sub}/providers/Microsoft.Commerce/RateCard?api-version=2016-08-31-preview&$filter={Uri.EscapeDataString($"OfferDurableId eq '{offer}' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'")}");
        using HttpResponseMessage blob = await emulator.GetAsync(redirect.Headers.Location!.ToString(), token: "");
        using JsonDocument card = JsonDocument.Parse((await blob.Content.ReadAsByteArrayAsync()).AsMemory(3));
        var meters = card.RootElement.GetProperty("Meters").EnumerateArray().ToDictionary(
            m => m.GetProperty("MeterId").GetString()!,
            m => (Included: m.GetProperty("IncludedQuantity").GetDecimal(),
                  Tiers: m.GetProperty("MeterRates").EnumerateObject()
                      .Select(r => (Start: decimal.Parse(r.Name, CultureInfo.InvariantCulture), Rate: r.Value.GetDecimal())).OrderBy(t => t.Start).ToArray()));

        List<JsonElement> rows = await emulator.DrainAsync(EmulatorFixture.UsagePath(sub, EmulatorFixture.Iso(month), EmulatorFixture.Iso(month.AddMonths(1).AddDays(2))));
        var quantities = rows.Select(r => r.GetProperty("properties"))
            .Where(p => DateTimeOffset.Parse(p.GetProperty("usageStartTime").GetString()!, CultureInfo.InvariantCulture).UtcDateTime is var t && t >= month && t < month.AddMonths(1))
            .GroupBy(p => p.GetProperty("meterId").GetString()!)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.GetProperty("quantity").GetDecimal()));

        decimal charges = 0m;
        decimal eligible = 0m;
        JsonElement[] terms = card.RootElement.GetProperty("OfferTerms").EnumerateArray().ToArray();
        var excluded = terms.Where(t => t.TryGetProperty("ExcludedMeterIds", out _))
            .SelectMany(t => t.GetProperty("ExcludedMeterIds").EnumerateArray().Select(e => e.GetString())).ToHashSet();
        foreach ((string meterId, decimal quantity) in quantities)
        {
            (decimal included, (decimal Start, decimal Rate)[] tiers) = meters[meterId];
            decimal cost = 0m;
            for (int i = 0; i < tiers.Length; i++)
            {
                decimal lo = Math.Max(tiers[i].Start, included);
                decimal hi = Math.Min(i + 1 < tiers.Length ? tiers[i + 1].Start : decimal.MaxValue, quantity);
                cost += hi > lo ? tiers[i].Rate * (hi - lo) : 0m;
            }
            charges += cost;
            eligible += excluded.Contains(meterId) ? 0m : cost;
        }
        decimal due = charges;
        foreach (JsonElement term in terms)
        {
            switch (term.GetProperty("Name").GetString())
            {
                case "Monetary Credit":
                    due -= Math.Min(term.GetProperty("Credit").GetDecimal(), eligible);
                    break;
                case "Monetary Commitment":
                    var steps = term.GetProperty("TieredDiscount").EnumerateObject()
                        .Select(s => (From: decimal.Parse(s.Name, CultureInfo.InvariantCulture), Percent: s.Value.GetDecimal())).OrderBy(s => s.From).ToArray();
                    for (int i = 0; i < steps.Length; i++)
                    {
                        decimal hi = Math.Min(i + 1 < steps.Length ? steps[i + 1].From : decimal.MaxValue, eligible);
                        due -= hi > steps[i].From ? (hi - steps[i].From) * steps[i].Percent / 100m : 0m;
                    }
                    break;
                case "Recurring Charge":
                    due += term.GetProperty("RecurringCharge").GetDecimal();
                    break;
            }
        }

        JsonElement truth = await MonthAsync(sub, month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        Assert.True(truth.GetProperty("complete").GetBoolean());
        Assert.Equal(quantities.Values.Sum(), truth.GetProperty("quantity").GetDecimal());
        Assert.Equal(quantities.Count, truth.GetProperty("meterCount").GetInt32());
        Assert.Equal(Math.Round(charges, 2, MidpointRounding.AwayFromZero), truth.GetProperty("charges").GetDecimal());
        Assert.Equal(Math.Round(due, 2, MidpointRounding.AwayFromZero), truth.GetProperty("amountDue").GetDecimal());
        Assert.True(charges > 0);
    }

    private async Task<JsonElement> MonthAsync(string sub, string month)
    {
        using HttpResponseMessage response = await emulator.Client.GetAsync($"_emulator/truth/months?subscriptionId={sub}");
        JsonElement months = await EmulatorFixture.JsonAsync(response);
        DateTime horizon = emulator.Estate.Clock.Horizon;
        int billingDay = emulator.Estate.Find(sub)!.BillingDay;
        Assert.Equal(horizon > new DateTime(horizon.Year, horizon.Month, billingDay, 0, 0, 0, DateTimeKind.Utc) ? 14 : 13, months.GetArrayLength());
        return months.EnumerateArray().Single(m => m.GetProperty("month").GetString() == month);
    }
}

/// <summary>Download URLs expire; storage then refuses them.</summary>
public sealed class ShortDownloadUrlFixture : EmulatorFixture
{
    protected override string[] ExtraArguments => ["--download-url-lifetime-seconds", "1"];
}

public sealed class DownloadUrlExpiryTests(ShortDownloadUrlFixture emulator) : IClassFixture<ShortDownloadUrlFixture>
{
    [Fact]
    public async Task ExpiredDownloadUrlIsRefusedLikeStorage()
    {
        using HttpResponseMessage latest = await emulator.GetAsync($"subscriptions/{emulator.SubscriptionIds[0]}/providers/Microsoft.Billing/invoices/latest?api-version=2018-03-01-preview");
        string url = (await EmulatorFixture.JsonAsync(latest)).GetProperty("properties").GetProperty("downloadUrl").GetProperty("url").GetString()!;
        await Task.Delay(2100);
        using HttpResponseMessage download = await emulator.GetAsync(url, token: "");
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        string xml = await download.Content.ReadAsStringAsync();
        Assert.Contains("<Code>AuthenticationFailed</Code>", xml);
        Assert.Contains("Signed expiry time", xml);
    }
}
