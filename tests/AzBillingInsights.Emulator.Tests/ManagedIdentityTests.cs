using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AzBillingInsights.Emulator.Tests;

public sealed class ManagedIdentityTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Arm = "https://management.azure.com/";

    private async Task<HttpResponseMessage> RequestAsync(string query, string? header = EmulatorFixture.IdentityHeader, HttpMethod? method = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, "msi/token" + query) { Content = content };
        if (header is not null)
        {
            request.Headers.Add("X-IDENTITY-HEADER", header);
        }
        request.Headers.Add("Metadata", "True");
        return await emulator.Client.SendAsync(request);
    }

    [Fact]
    public async Task SystemAssignedTokenHasTheAppServiceShapeAndReadsEverySubscription()
    {
        using HttpResponseMessage response = await RequestAsync($"?resource={Uri.EscapeDataString(Arm)}&api-version=2019-08-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(["access_token", "expires_on", "resource", "token_type", "client_id"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.String, body.GetProperty("expires_on").ValueKind);
        long expiresOn = long.Parse(body.GetProperty("expires_on").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(expiresOn - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3500, 3700);
        Assert.Equal(Arm, body.GetProperty("resource").GetString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(ManagedIdentities.SystemAssignedClientId, body.GetProperty("client_id").GetString());
        string token = body.GetProperty("access_token").GetString()!;
        Assert.Equal(3, token.Split('.').Length);
        using JsonDocument claims = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
        Assert.Equal(ManagedIdentities.SystemAssignedPrincipalId, claims.RootElement.GetProperty("oid").GetString());
        Assert.Equal(ManagedIdentities.SystemAssignedClientId, claims.RootElement.GetProperty("appid").GetString());
        foreach (string sub in emulator.SubscriptionIds)
        {
            using HttpResponseMessage usage = await emulator.GetAsync(EmulatorFixture.UsagePath(sub, emulator.Day(3), emulator.Day(2)), token);
            Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
        }
    }

    [Theory]
    [InlineData("client_id", ManagedIdentities.UserAssignedClientId)]
    [InlineData("principal_id", ManagedIdentities.UserAssignedPrincipalId)]
    [InlineData("object_id", ManagedIdentities.UserAssignedPrincipalId)]
    [InlineData("mi_res_id", "RESOURCE")]
    public async Task UserAssignedIdentityIsSelectedByAnyOfItsIds(string parameter, string value)
    {
        if (value == "RESOURCE")
        {
            value = $"/subscriptions/{emulator.SubscriptionIds[0]}/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-billing-reader";
        }
        using HttpResponseMessage response = await RequestAsync($"?resource={Uri.EscapeDataString(Arm)}&api-version=2019-08-01&{parameter}={Uri.EscapeDataString(value)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(ManagedIdentities.UserAssignedClientId, body.GetProperty("client_id").GetString());
        using HttpResponseMessage usage = await emulator.GetAsync(EmulatorFixture.UsagePath(emulator.SubscriptionIds[2], emulator.Day(3), emulator.Day(2)),
            body.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
    }

    [Fact]
    public async Task AutomationStylePostWithFormBodyWorks()
    {
        using HttpResponseMessage response = await RequestAsync("", method: HttpMethod.Post,
            content: new FormUrlEncodedContent(new Dictionary<string, string> { ["resource"] = Arm }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Arm, (await EmulatorFixture.JsonAsync(response)).GetProperty("resource").GetString());
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("wrong-secret", "does not match")]
    public async Task MissingOrWrongIdentityHeaderIs401(string? header, string message)
    {
        using HttpResponseMessage response = await RequestAsync($"?resource={Uri.EscapeDataString(Arm)}&api-version=2019-08-01", header);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(401, body.GetProperty("statusCode").GetInt32());
        Assert.Contains(message, body.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("?api-version=2019-08-01", "'resource' parameter is required")]
    [InlineData("?resource=https://management.azure.com/&api-version=2017-09-01", "not supported")]
    [InlineData("?resource=https://management.azure.com/&client_id=00000000-0000-0000-0000-000000000001", "No User Assigned")]
    [InlineData("?resource=https://management.azure.com/&client_id=a&mi_res_id=b", "Only one of")]
    public async Task BadRequestsAre400WithAppServiceBody(string query, string message)
    {
        using HttpResponseMessage response = await RequestAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.Contains(message, body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ApiVersionMayBeOmittedAsAutomationSamplesDo()
    {
        using HttpResponseMessage response = await RequestAsync($"?resource={Uri.EscapeDataString(Arm)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>Token lifetime is configurable; a one-second token expires and ARM then refuses it.</summary>
public sealed class ShortTokenFixture : EmulatorFixture
{
    protected override string[] ExtraArguments => ["--token-lifetime-seconds", "1"];
}

public sealed class TokenLifetimeTests(ShortTokenFixture emulator) : IClassFixture<ShortTokenFixture>
{
    [Fact]
    public async Task ManagedIdentityTokensExpireAfterTheConfiguredLifetime()
    {
        string token = await emulator.ManagedIdentityTokenAsync();
        await Task.Delay(2100);
        using HttpResponseMessage response = await emulator.GetAsync(EmulatorFixture.UsagePath(emulator.SubscriptionIds[0], emulator.Day(3), emulator.Day(2)), token);
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.Unauthorized, "ExpiredAuthenticationToken");
    }
}
