using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AzBillingInsights.Emulator.Tests;

/// <summary>
/// A real emulator on Kestrel at 127.0.0.1:0 with a small estate, started once per test class.
/// Subclasses pick other options (a tight read budget, short-lived download URLs, ...).
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    public const string IdentityHeader = "test-identity-secret";
    public const string UsageApi = "2015-06-01-preview";

    private WebApplication? app;

    public Uri Endpoint { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public IReadOnlyList<string> SubscriptionIds { get; private set; } = [];
    public string ReaderToken { get; private set; } = "";

    internal Estate Estate => app!.Services.GetRequiredService<Estate>();

    /// <summary>Extra command-line options, parsed exactly as the program parses them.</summary>
    protected virtual string[] ExtraArguments => [];

    public async Task InitializeAsync()
    {
        EmulatorOptions options = EmulatorOptions.Parse(["--port", "0", "--seed", "42", "--resource-count", "20", "--identity-header", IdentityHeader, "--now", TestClock.Now, .. ExtraArguments]);
        app = EmulatorHost.Build(options);
        await app.StartAsync();
        Endpoint = EmulatorHost.Endpoint(app);
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = Endpoint };
        SubscriptionIds = Estate.Subscriptions.Select(s => s.IdText).ToList();
        ReaderToken = await ManagedIdentityTokenAsync();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async Task<string> ManagedIdentityTokenAsync(string resource = "https://management.azure.com/", string extraQuery = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"msi/token?resource={Uri.EscapeDataString(resource)}&api-version=2019-08-01{extraQuery}");
        request.Headers.Add("X-IDENTITY-HEADER", IdentityHeader);
        using HttpResponseMessage response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Mints a token for a named principal via POST /_emulator/tokens.</summary>
    public async Task<string> TokenAsync(string principal, Dictionary<string, string> roles, int expiresInSeconds = 3600, string audience = "https://management.azure.com/")
    {
        string body = JsonSerializer.Serialize(new { principal, roles, expiresInSeconds, audience });
        using HttpResponseMessage response = await Client.PostAsync("_emulator/tokens", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> GetAsync(string relativeOrAbsolute, string? token = null, IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, relativeOrAbsolute);
        if ((token ?? ReaderToken) is { Length: > 0 } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        foreach ((string name, string value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return Client.SendAsync(request);
    }

    public static string UsagePath(string subscriptionId, string start, string end, string granularity = "Daily", string extra = "") =>
        $"subscriptions/{subscriptionId}/providers/Microsoft.Commerce/UsageAggregates?api-version={UsageApi}" +
        $"&reportedStartTime={Uri.EscapeDataString(start)}&reportedEndTime={Uri.EscapeDataString(end)}&aggregationGranularity={granularity}{extra}";

    /// <summary>UTC midnight <paramref name="daysBack"/> days before the data horizon, in the wire form clients send.</summary>
    public string Day(int daysBack) => Iso(Estate.Clock.Horizon.Date.AddDays(-daysBack));

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        using JsonDocument doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public static async Task AssertArmErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? messageContains = null)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {body}");
        using JsonDocument doc = JsonDocument.Parse(body);
        JsonElement error = doc.RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        if (messageContains is not null)
        {
            Assert.Contains(messageContains, error.GetProperty("message").GetString());
        }
    }

    /// <summary>Follows nextLink to the end and returns every row.</summary>
    public async Task<List<JsonElement>> DrainAsync(string firstPage, string? token = null)
    {
        var rows = new List<JsonElement>();
        string? next = firstPage;
        while (next is not null)
        {
            using HttpResponseMessage response = await GetAsync(next, token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonElement page = await JsonAsync(response);
            JsonElement value = page.GetProperty("value");
            Assert.True(value.GetArrayLength() <= 1000);
            rows.AddRange(value.EnumerateArray());
            next = page.TryGetProperty("nextLink", out JsonElement link) ? link.GetString() : null;
        }
        return rows;
    }
}
