using System.Diagnostics;

namespace AzBillingInsights.Emulator.Tests;

/// <summary>The program as users and the module start it: a child process announcing itself on stdout.</summary>
public sealed class ProcessTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "AzBillingInsights.Emulator.dll");

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
    public async Task BadOptionsExitWithCode2AndUsageOnStderr(string name, string value)
    {
        using Process process = Start(name, value);
        string stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("usage: AzBillingInsights.Emulator", stderr);
        Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
    }
}
