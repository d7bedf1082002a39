using System.Diagnostics;

namespace AzBillingInsights.Emulator.Tests;

/// <summary>The program as users and the module start it: a child process announcing itself on stdout.</summary>
public sealed class ProcessTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "AzBillingInsights.Emulator.dll");

    private static Process Start(params string[] args) => StartIn(null, args);

    /// <summary>Starts the program with <c>TZ</c> set to <paramref name="timeZone"/> (or inherited when null).</summary>
    private static Process StartIn(string? timeZone, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (timeZone is not null)
        {
            info.Environment["TZ"] = timeZone;
        }
        info.ArgumentList.Add(Dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info)!;
    }

    private static async Task<JsonElement> ReadyAsync(Process process)
    {
        string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(line);
        Assert.StartsWith("AZBILLING_EMULATOR_READY {", line);
        using JsonDocument doc = JsonDocument.Parse(line["AZBILLING_EMULATOR_READY ".Length..]);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task PrintsOneReadyLineServesAndStopsCleanlyOnSigterm()
    {
        using Process process = Start("--port", "0", "--seed", "7", "--resource-count", "10", "--subscription-count", "2", "--identity-header", "h");
        try
        {
            JsonElement ready = await ReadyAsync(process);
            Assert.Equal(["endpoint", "identityEndpoint", "identityHeader", "subscriptionIds", "processId"], ready.EnumerateObject().Select(p => p.Name));
            string endpoint = ready.GetProperty("endpoint").GetString()!;
            Assert.Matches(@"^http://127\.0\.0\.1:\d+/$", endpoint);
            Assert.Equal(endpoint + "msi/token", ready.GetProperty("identityEndpoint").GetString());
            Assert.Equal("h", ready.GetProperty("identityHeader").GetString());
            Assert.Equal(2, ready.GetProperty("subscriptionIds").GetArrayLength());
            Assert.Equal(process.Id, ready.GetProperty("processId").GetInt32());

            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, ready.GetProperty("identityEndpoint").GetString() + "?resource=https://management.azure.com/");
            request.Headers.Add("X-IDENTITY-HEADER", "h");
            using HttpResponseMessage token = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);

            using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task ExitsWhenTheParentProcessExits()
    {
        using Process parent = Process.Start("sleep", "60");
        using Process process = Start("--resource-count", "5", "--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await ReadyAsync(process);
            Assert.False(process.HasExited);
            parent.Kill();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.True(process.HasExited);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            if (!parent.HasExited)
            {
                parent.Kill();
            }
        }
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--colour", "blue")]
    [InlineData("--fault", "meltdown")]
    [InlineData("--now", "2026-03-29T01:00:00")]
    [InlineData("--now", "yesterday")]
    [InlineData("--now", "1999-12-31T23:00:00Z")]
    public async Task BadOptionsExitWithCode2AndUsageOnStderr(string name, string value)
    {
        using Process process = Start(name, value);
        string stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("usage: AzBillingInsights.Emulator", stderr);
        Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29T01:00:00Z")]
    [InlineData("America/New_York", "2026-03-08T07:30:00Z")]
    [InlineData("Europe/Berlin", "2026-10-25T01:00:00Z")]
    public async Task OnADaylightSavingChangeInALocalZoneDaysAreStillUtcDays(string timeZone, string now)
    {
        using Process process = StartIn(timeZone, "--port", "0", "--seed", "7", "--resource-count", "10", "--identity-header", "h", "--now", now);
        try
        {
            JsonElement ready = await ReadyAsync(process);
            Assert.Equal(now, ready.GetProperty("now").GetString()![..19] + "Z");
            using var client = new HttpClient { BaseAddress = new Uri(ready.GetProperty("endpoint").GetString()!) };
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, "msi/token?resource=https://management.azure.com/");
            tokenRequest.Headers.Add("X-IDENTITY-HEADER", "h");
            using HttpResponseMessage tokenResponse = await client.SendAsync(tokenRequest);
            string token = (await EmulatorFixture.JsonAsync(tokenResponse)).GetProperty("access_token").GetString()!;

            // The day of the change and the days around it: 24-hour buckets starting at UTC midnight, up to the pinned hour.
            DateTime day = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Date;
            string sub = ready.GetProperty("subscriptionIds")[0].GetString()!;
            using var usageRequest = new HttpRequestMessage(HttpMethod.Get, EmulatorFixture.UsagePath(sub, EmulatorFixture.Iso(day.AddDays(-3)), EmulatorFixture.Iso(day)));
            usageRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage usage = await client.SendAsync(usageRequest);
            Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
            JsonElement[] rows = (await EmulatorFixture.JsonAsync(usage)).GetProperty("value").EnumerateArray().Select(r => r.GetProperty("properties")).ToArray();
            Assert.NotEmpty(rows);
            foreach (JsonElement row in rows)
            {
                string start = row.GetProperty("usageStartTime").GetString()!;
                Assert.EndsWith("T00:00:00+00:00", start);
                Assert.Equal(TimeSpan.FromDays(1), DateTimeOffset.Parse(row.GetProperty("usageEndTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime < day);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
