using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Sylvan.Data.Csv;

namespace AzBillingInsights.Emulator.Tests;

/// <summary>Six subscriptions (3 EA, 6 MCA), reports built at once, three reports a minute per scope.</summary>
public sealed class CostDetailsFixture : EmulatorFixture
{
    protected override string[] ExtraArguments => ["--subscription-count", "6", "--cost-details-build-seconds", "0", "--cost-details-limits", "3/60"];
}

public sealed class CostDetailsTests(CostDetailsFixture emulator) : IClassFixture<CostDetailsFixture>
{
    private const string Api = "api-version=2022-05-01";

    private Estate Estate => emulator.Estate;
    private Subscription Ea => Estate.Subscriptions.Single(s => s.Agreement == BillingAgreement.EnterpriseAgreement);
    private Subscription Mca => Estate.Subscriptions.Single(s => s.Agreement == BillingAgreement.MicrosoftCustomerAgreement);

    /// <summary>A complete billing period of the subscription (from its billing day), <paramref name="back"/> periods before the newest complete one.</summary>
    private async Task<(DateTime First, DateTime Last, JsonElement Truth)> PeriodAsync(Subscription subscription, int back = 0)
    {
        using HttpResponseMessage response = await emulator.GetAsync($"_emulator/truth/months?subscriptionId={subscription.IdText}");
        JsonElement truth = (await EmulatorFixture.JsonAsync(response)).EnumerateArray().Where(m => m.GetProperty("complete").GetBoolean()).Reverse().ElementAt(back);
        DateTime first = truth.GetProperty("usageStartTime").GetDateTime().ToUniversalTime().Date;
        DateTime end = truth.GetProperty("usageEndTime").GetDateTime().ToUniversalTime().Date;
        return (first, end.AddDays(-1), truth);
    }

    private async Task<HttpResponseMessage> PostAsync(string scope, string body, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{scope.TrimStart('/')}/providers/Microsoft.CostManagement/generateCostDetailsReport?{Api}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ReaderToken);
        foreach ((string name, string value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await emulator.Client.SendAsync(request);
    }

    private static string Window(string metric, DateTime first, DateTime last) =>
        $"{{\"metric\":\"{metric}\",\"timePeriod\":{{\"start\":\"{first:yyyy-MM-dd}\",\"end\":\"{last:yyyy-MM-dd}\"}}}}";

    /// <summary>POSTs, polls to the end, and returns the final status body.</summary>
    private async Task<JsonElement> RunAsync(string scope, string body, IDictionary<string, string>? headers = null)
    {
        using HttpResponseMessage accepted = await PostAsync(scope, body, headers);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.NotNull(accepted.Headers.RetryAfter);
        Uri location = accepted.Headers.Location!;
        Assert.Contains("/providers/Microsoft.CostManagement/costDetailsOperationStatus/", location.AbsolutePath);
        using HttpResponseMessage status = await emulator.GetAsync(location.ToString());
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        return await EmulatorFixture.JsonAsync(status);
    }

    /// <summary>Every blob's rows, read without the Authorization header, as header-name → value maps.</summary>
    private async Task<(List<string> Header, List<Dictionary<string, string>> Rows)> DownloadAsync(JsonElement status)
    {
        Assert.Equal("Completed", status.GetProperty("status").GetString());
        JsonElement blobs = status.GetProperty("manifest").GetProperty("blobs");
        Assert.True(blobs.GetArrayLength() >= 2);
        Assert.Equal(blobs.GetArrayLength(), status.GetProperty("manifest").GetProperty("blobCount").GetInt32());
        var rows = new List<Dictionary<string, string>>();
        List<string> header = [];
        foreach (JsonElement blob in blobs.EnumerateArray())
        {
            using HttpResponseMessage response = await emulator.Client.GetAsync(blob.GetProperty("blobLink").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            byte[] bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(blob.GetProperty("byteCount").GetInt64(), bytes.Length);
            using CsvDataReader csv = CsvDataReader.Create(new StringReader(Encoding.UTF8.GetString(bytes)), new CsvDataReaderOptions { Delimiter = ',' });
            header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
            while (csv.Read())
            {
                rows.Add(header.Select((name, i) => (name, csv.GetString(i))).ToDictionary(p => p.name, p => p.Item2));
            }
        }
        return (header, rows);
    }

    private static decimal Sum(List<Dictionary<string, string>> rows, string column) =>
        rows.Sum(r => decimal.Parse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture));

    [Fact]
    public async Task AnEaSubscriptionsMonthOfActualCost_AddsUpToItsInvoiceToTheCent()
    {
        (DateTime first, DateTime last, JsonElement truth) = await PeriodAsync(Ea);
        JsonElement status = await RunAsync($"/subscriptions/{Ea.IdText}", Window("ActualCost", first, last));
        (List<string> header, List<Dictionary<string, string>> rows) = await DownloadAsync(status);

        Assert.Contains("CostInBillingCurrency", header);
        Assert.Contains("BillingAccountId", header);
        Assert.Equal(truth.GetProperty("amountDue").GetDecimal(), Math.Round(Sum(rows, "CostInBillingCurrency"), 2, MidpointRounding.AwayFromZero));
        Assert.Equal(truth.GetProperty("charges").GetDecimal(), Math.Round(Sum(rows.Where(r => r["ChargeType"] == "Usage").ToList(), "CostInBillingCurrency"), 2, MidpointRounding.AwayFromZero));
        Assert.Single(rows, r => r["ChargeType"] == "Purchase");
        Assert.All(rows, r => Assert.Matches(@"^\d\d/\d\d/\d{4}$", r["Date"]));
        Assert.Contains(rows, r => r["Tags"].StartsWith("\"", StringComparison.Ordinal));
        Assert.Equal($"/subscriptions/{Ea.IdText}", status.GetProperty("manifest").GetProperty("requestContext").GetProperty("requestScope").GetString());
    }

    [Fact]
    public async Task AgreementRows_CarryCalendarMonthBillingPeriods_AsRealEaExportsDo()
    {
        (DateTime first, DateTime last, _) = await PeriodAsync(Ea);
        JsonElement status = await RunAsync($"/subscriptions/{Ea.IdText}", Window("ActualCost", first, last));
        (_, List<Dictionary<string, string>> rows) = await DownloadAsync(status);

        Assert.Equal(1, first.Day);
        Assert.Equal(first.AddMonths(1).AddDays(-1), last);
        Assert.All(rows, r =>
        {
            Assert.Equal(first.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture), r["BillingPeriodStartDate"]);
            Assert.Equal(last.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture), r["BillingPeriodEndDate"]);
        });
        Assert.Equal(1, Mca.BillingDay);
        Assert.Contains(Estate.Subscriptions, s => s.Agreement == BillingAgreement.OnlineServicesProgram && s.BillingDay != 1);
    }

    [Fact]
    public async Task AmortizedCost_SpreadsTheRecurringChargeOverTheDaysAndKeepsTheTotal()
    {
        (DateTime first, DateTime last, JsonElement truth) = await PeriodAsync(Ea);
        JsonElement status = await RunAsync(Estate.BillingAccounts.EaScope, $"{{\"metric\":\"AmortizedCost\",\"billingPeriod\":\"{first:yyyyMM}\"}}");
        (_, List<Dictionary<string, string>> rows) = await DownloadAsync(status);

        Assert.DoesNotContain(rows, r => r["ChargeType"] == "Purchase");
        Assert.Equal((last - first).Days + 1, rows.Count(r => r["MeterName"] == "Recurring Charge"));
        Assert.Equal(100m, Sum(rows.Where(r => r["MeterName"] == "Recurring Charge").ToList(), "CostInBillingCurrency"));
        Assert.Equal(truth.GetProperty("amountDue").GetDecimal(),
            Math.Round(Sum(rows, "CostInBillingCurrency"), 2, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task AnMcaInvoice_ComesInTheMcaLayoutAndEqualsTheInvoice()
    {
        (_, _, JsonElement truth) = await PeriodAsync(Mca, back: 1);
        string invoice = truth.GetProperty("invoiceName").GetString()!;

        JsonElement status = await RunAsync(Estate.BillingAccounts.McaBillingProfileScope, $"{{\"metric\":\"ActualCost\",\"invoiceId\":\"{invoice}\"}}");
        (List<string> header, List<Dictionary<string, string>> rows) = await DownloadAsync(status);

        Assert.Contains("costInUsd", header);
        Assert.Contains("paygCostInBillingCurrency", header);
        Assert.All(rows, r => Assert.Equal(invoice, r["invoiceId"]));
        Assert.Equal(truth.GetProperty("amountDue").GetDecimal(), Math.Round(Sum(rows, "costInBillingCurrency"), 2, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public async Task APayAsYouGoSubscription_GetsTheServicesUnsupportedOfferError()
    {
        Subscription payg = Estate.Subscriptions.First(s => s.Agreement == BillingAgreement.OnlineServicesProgram);

        (DateTime first, DateTime last, _) = await PeriodAsync(Ea);
        using HttpResponseMessage response = await PostAsync($"/subscriptions/{payg.IdText}", Window("ActualCost", first, last));

        await EmulatorFixture.AssertArmErrorAsync(response, (HttpStatusCode)422, "422", "offer type: WebDirect for get detailed report request is not supported");
    }

    [Fact]
    public async Task TwoPeriodSelectors_AreRefused()
    {
        (DateTime first, _, _) = await PeriodAsync(Ea);
        using HttpResponseMessage response = await PostAsync($"/subscriptions/{Ea.IdText}",
            $"{{\"metric\":\"ActualCost\",\"billingPeriod\":\"{first:yyyyMM}\",\"timePeriod\":{{\"start\":\"{first:yyyy-MM-dd}\",\"end\":\"{first:yyyy-MM-dd}\"}}}}");

        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", "Exactly one of");
    }

    [Fact]
    public async Task AScopeOverItsLimit_Gets429WithCostManagementsRetryAfter()
    {
        string scope = $"/subscriptions/{Ea.IdText}/resourceGroups/{Ea.Resources[0].ResourceGroup}";
        (DateTime first, DateTime last, _) = await PeriodAsync(Ea);
        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage ok = await PostAsync(scope, Window("ActualCost", first, last));
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }

        using HttpResponseMessage throttled = await PostAsync(scope, Window("ActualCost", first, last));

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        int wait = int.Parse(throttled.Headers.GetValues("x-ms-ratelimit-microsoft.costmanagement-entity-retry-after").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 60);
    }

    [Fact]
    public async Task AReportFailedFault_EndsWithStatusFailed()
    {
        (DateTime first, DateTime last, _) = await PeriodAsync(Mca);
        JsonElement status = await RunAsync(Estate.BillingAccounts.McaBillingAccountScope, Window("AmortizedCost", first, last),
            new Dictionary<string, string> { [FaultInjector.Header] = "reportfailed" });

        Assert.Equal("Failed", status.GetProperty("status").GetString());
        Assert.Equal("ReportGenerationFailed", status.GetProperty("error").GetProperty("code").GetString());
    }
}
