using System.Diagnostics;
using System.Text;

namespace AzBillingInsights.Emulator.Tests;

/// <summary>Fault injection; each test clears the queue first, and the fixture is this class's own.</summary>
public sealed class FaultTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private string Usage => EmulatorFixture.UsagePath(emulator.SubscriptionIds[0], emulator.Day(3), emulator.Day(2));

    private Task<HttpResponseMessage> WithFaultAsync(string fault) =>
        emulator.GetAsync(Usage, headers: new Dictionary<string, string> { [FaultInjector.Header] = fault });

    private async Task QueueAsync(object spec)
    {
        using HttpResponseMessage response = await emulator.Client.PostAsync("_emulator/faults",
            new StringContent(JsonSerializer.Serialize(spec), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Throttle429CarriesRetryAfter()
    {
        using HttpResponseMessage response = await WithFaultAsync("429;retryAfterSeconds=7");
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.TooManyRequests, "TooManyRequests");
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.True(response.Headers.Contains("x-ms-request-id"));
    }

    [Fact]
    public async Task ServerErrorsUseArmBodies()
    {
        using HttpResponseMessage internalError = await WithFaultAsync("500");
        await EmulatorFixture.AssertArmErrorAsync(internalError, HttpStatusCode.InternalServerError, "InternalServerError");
        using HttpResponseMessage unavailable = await WithFaultAsync("503");
        await EmulatorFixture.AssertArmErrorAsync(unavailable, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        Assert.Equal(TimeSpan.FromSeconds(1), unavailable.Headers.RetryAfter?.Delta);
        using HttpResponseMessage timeout = await WithFaultAsync("504");
        await EmulatorFixture.AssertArmErrorAsync(timeout, HttpStatusCode.GatewayTimeout, "GatewayTimeout",
            "The gateway did not receive a response from 'Microsoft.Commerce' within the specified time period.");
    }

    [Fact]
    public async Task AcceptedCarriesTheSpecsBodyAndPointsBackAtTheSameUrl()
    {
        using HttpResponseMessage response = await WithFaultAsync("202;retryAfterSeconds=2");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri(emulator.Endpoint, Usage), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        // The spec's 202 example: a flat {code, message}, no "value" a client could take for an empty page.
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(["code", "message"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("DataNotReady", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SlowDelaysThenAnswersNormally()
    {
        var watch = Stopwatch.StartNew();
        using HttpResponseMessage response = await WithFaultAsync("slow;delayMilliseconds=400");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 390, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task TruncateSendsHeadersThenCutsTheBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Usage);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", emulator.ReaderToken);
        request.Headers.Add(FaultInjector.Header, "truncate");
        using HttpResponseMessage response = await emulator.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 0);
        long declared = response.Content.Headers.ContentLength!.Value;
        await using Stream body = await response.Content.ReadAsStreamAsync();
        byte[] buffer = new byte[8192];
        long read = 0;
        Exception? failure = null;
        try
        {
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                read += n;
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            failure = e;
        }
        Assert.NotNull(failure);
        Assert.True(read < declared, $"read {read} of {declared}");
    }

    [Fact]
    public async Task ResetAbortsTheConnection()
    {
        await Assert.ThrowsAsync<HttpRequestException>(() => WithFaultAsync("reset"));
    }

    [Fact]
    public async Task UnknownFaultHeaderIsABadRequest()
    {
        using HttpResponseMessage response = await WithFaultAsync("418");
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.BadRequest, "InvalidEmulatorFault", "418");
    }

    [Fact]
    public async Task QueuedFaultsHonourPathSkipAndCount()
    {
        await emulator.Client.DeleteAsync("_emulator/faults");
        await QueueAsync(new { kind = "503", count = 2, retryAfterSeconds = 3, pathContains = "UsageAggregates", skip = 1 });
        using HttpResponseMessage listed = await emulator.Client.GetAsync("_emulator/faults");
        JsonElement pending = (await EmulatorFixture.JsonAsync(listed))[0];
        Assert.Equal("503", pending.GetProperty("kind").GetString());
        Assert.Equal(2, pending.GetProperty("count").GetInt32());

        using HttpResponseMessage other = await emulator.GetAsync($"subscriptions/{emulator.SubscriptionIds[0]}/providers/Microsoft.Billing/invoices?api-version=2018-03-01-preview");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
        {
            using HttpResponseMessage response = await emulator.GetAsync(Usage);
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task DeletingFaultsClearsTheQueue()
    {
        await QueueAsync(new { kind = "500", count = 5, pathContains = "RateCard-never-called" });
        using HttpResponseMessage deleted = await emulator.Client.DeleteAsync("_emulator/faults");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using HttpResponseMessage listed = await emulator.Client.GetAsync("_emulator/faults");
        Assert.Equal(0, (await EmulatorFixture.JsonAsync(listed)).GetArrayLength());
    }

    [Fact]
    public async Task BadFaultBodiesAreRefused()
    {
        using HttpResponseMessage response = await emulator.Client.PostAsync("_emulator/faults",
            new StringContent("{\"kind\":\"explode\"}", Encoding.UTF8, "application/json"));
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.BadRequest, "InvalidRequest", "explode");
    }
}

/// <summary>--fault on the command line queues faults before the first request.</summary>
public sealed class CommandLineFaultFixture : EmulatorFixture
{
    protected override string[] ExtraArguments => ["--fault", "504:2", "--read-budget", "4"];
}

public sealed class CommandLineFaultTests(CommandLineFaultFixture emulator) : IClassFixture<CommandLineFaultFixture>
{
    [Fact]
    public async Task StartupFaultsThenReadBudgetCountsDownTo429()
    {
        // Command-line faults skip the identity endpoint, so both queued 504s are still waiting.
        using HttpResponseMessage listed = await emulator.Client.GetAsync("_emulator/faults");
        int left = (await EmulatorFixture.JsonAsync(listed)).EnumerateArray().Sum(f => f.GetProperty("count").GetInt32());
        string usage = EmulatorFixture.UsagePath(emulator.SubscriptionIds[1], emulator.Day(3), emulator.Day(2));
        for (int i = 0; i < left; i++)
        {
            using HttpResponseMessage faulted = await emulator.GetAsync(usage);
            await EmulatorFixture.AssertArmErrorAsync(faulted, HttpStatusCode.GatewayTimeout, "GatewayTimeout");
        }
        var remaining = new List<string>();
        for (int i = 0; i < 4; i++)
        {
            using HttpResponseMessage ok = await emulator.GetAsync(usage);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            remaining.Add(ok.Headers.GetValues("x-ms-ratelimit-remaining-subscription-reads").Single());
        }
        Assert.Equal(["3", "2", "1", "0"], remaining);
        using HttpResponseMessage throttled = await emulator.GetAsync(usage);
        await EmulatorFixture.AssertArmErrorAsync(throttled, HttpStatusCode.TooManyRequests, "SubscriptionRequestsThrottled", emulator.SubscriptionIds[1]);
        // Four reads an hour flow back one every 900 s.
        Assert.InRange(throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 800, 900);
        using HttpResponseMessage otherSubscription = await emulator.GetAsync(EmulatorFixture.UsagePath(emulator.SubscriptionIds[2], emulator.Day(3), emulator.Day(2)));
        Assert.Equal(HttpStatusCode.OK, otherSubscription.StatusCode);
    }

    [Theory]
    [InlineData("boom")]
    [InlineData("429:0")]
    [InlineData("429:x")]
    public void BadCommandLineFaultsAreRejected(string spec)
    {
        Assert.Throws<ArgumentException>(() => EmulatorOptions.Parse(["--fault", spec]));
    }
}
