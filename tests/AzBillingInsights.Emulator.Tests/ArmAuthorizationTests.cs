using System.Buffers.Text;
using System.Text;

namespace AzBillingInsights.Emulator.Tests;

public sealed class ArmAuthorizationTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private string Sub => emulator.SubscriptionIds[0];
    private string Usage => EmulatorFixture.UsagePath(Sub, emulator.Day(3), emulator.Day(2));

    [Fact]
    public async Task MissingAuthorizationHeaderIsAuthenticationFailed()
    {
        using HttpResponseMessage response = await emulator.GetAsync(Usage, token: "");
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.Unauthorized, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        Assert.StartsWith("Bearer authorization_uri=", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task NonBearerSchemeIsAuthenticationFailed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Usage);
        request.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz");
        using HttpResponseMessage response = await emulator.Client.SendAsync(request);
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.Unauthorized, "AuthenticationFailed", "invalid format");
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    public async Task MalformedTokenIsAuthenticationFailed(string token)
    {
        using HttpResponseMessage response = await emulator.GetAsync(Usage, token);
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.Unauthorized, "AuthenticationFailed", "malformed");
    }

    [Fact]
    public async Task TamperedTokenIsRefused()
    {
        string[] parts = emulator.ReaderToken.Split('.');
        string payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"exp\":", "\"exp\":1", StringComparison.Ordinal);
        string forged = parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload)) + "." + parts[2];
        using HttpResponseMessage response = await emulator.GetAsync(Usage, forged);
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.Unauthorized, "AuthenticationFailed");
    }

    [Fact]
    public async Task ExpiredTokenIsExpiredAuthenticationToken()
    {
        string token = await emulator.TokenAsync("expired-user", new() { [Sub] = "Reader" }, expiresInSeconds: -120);
        using HttpResponseMessage response = await emulator.GetAsync(Usage, token);
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.Unauthorized, "ExpiredAuthenticationToken", "The access token expiry UTC time '");
        string message = (await EmulatorFixture.JsonAsync(response)).GetProperty("error").GetProperty("message").GetString()!;
        Assert.Matches(@"^The access token expiry UTC time '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)' is earlier than current UTC time '\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)'\.$", message);
    }

    [Fact]
    public async Task WrongAudienceIsInvalidAuthenticationTokenAudience()
    {
        string token = await emulator.ManagedIdentityTokenAsync("https://vault.azure.net");
        using HttpResponseMessage response = await emulator.GetAsync(Usage, token);
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationTokenAudience",
            "The access token has been obtained for wrong audience or resource 'https://vault.azure.net'. It should exactly match with one of the allowed audiences " +
            "'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.");
    }

    [Theory]
    [InlineData("https://management.azure.com/")]
    [InlineData("https://management.azure.com")]
    [InlineData("https://management.core.windows.net/")]
    [InlineData("https://management.core.windows.net")]
    public async Task AllFourAzureCloudAudiencesAreAccepted(string audience)
    {
        string token = await emulator.TokenAsync("audience-user", new() { [Sub] = "Reader" }, audience: audience);
        using HttpResponseMessage response = await emulator.GetAsync(Usage, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PrincipalWithoutRoleIsAuthorizationFailed()
    {
        string token = await emulator.TokenAsync("mallory@contoso.com", new() { [emulator.SubscriptionIds[1]] = "Reader" });
        using HttpResponseMessage response = await emulator.GetAsync(Usage, token);
        string oid = ControlEndpoints.PrincipalObjectId("mallory@contoso.com").ToString();
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.Forbidden, "AuthorizationFailed",
            $"The client 'mallory@contoso.com' with object id '{oid}' does not have authorization to perform action 'Microsoft.Commerce/UsageAggregates/read' " +
            $"over scope '/subscriptions/{Sub}' or the scope is invalid. If access was recently granted, please refresh your credentials.");
        using HttpResponseMessage other = await emulator.GetAsync(EmulatorFixture.UsagePath(emulator.SubscriptionIds[1], emulator.Day(3), emulator.Day(2)), token);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData("Owner")]
    [InlineData("Contributor")]
    [InlineData("Reader")]
    [InlineData("Billing Reader")]
    public async Task EveryReadRoleGrantsUsageRateCardAndInvoices(string role)
    {
        string token = await emulator.TokenAsync("role-" + role, new() { [Sub] = role });
        using HttpResponseMessage usage = await emulator.GetAsync(Usage, token);
        using HttpResponseMessage invoices = await emulator.GetAsync($"subscriptions/{Sub}/providers/Microsoft.Billing/invoices?api-version=2018-03-01-preview", token);
        using HttpResponseMessage card = await emulator.GetAsync(
            $"subscriptions/{Sub}/providers/Microsoft.Commerce/RateCard?api-version=2016-08-31-preview&$filter=OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'", token);
        Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, invoices.StatusCode);
        Assert.Equal(HttpStatusCode.Found, card.StatusCode);
    }

    [Fact]
    public async Task UnknownSubscriptionIsSubscriptionNotFound()
    {
        string unknown = Guid.NewGuid().ToString();
        using HttpResponseMessage response = await emulator.GetAsync(EmulatorFixture.UsagePath(unknown, emulator.Day(3), emulator.Day(2)));
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.NotFound, "SubscriptionNotFound", $"The subscription '{unknown}' could not be found.");
    }

    [Fact]
    public async Task MalformedSubscriptionIdIsInvalidSubscriptionId()
    {
        using HttpResponseMessage response = await emulator.GetAsync(EmulatorFixture.UsagePath("not-a-guid", emulator.Day(3), emulator.Day(2)));
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.BadRequest, "InvalidSubscriptionId", "'not-a-guid'");
    }

    [Fact]
    public async Task InvoicesNeedTheSubscriptionsOptInAndAreRefusedAsAzureDoes()
    {
        // Azure answers 401, often with no body, even to a token that reads usage (reference §3.1).
        string commitment = emulator.Estate.Subscriptions.Single(s => !s.InvoicesOptedIn).IdText;
        using HttpResponseMessage response = await emulator.GetAsync($"subscriptions/{commitment}/providers/Microsoft.Billing/invoices?api-version=2018-03-01-preview");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        using HttpResponseMessage usage = await emulator.GetAsync(EmulatorFixture.UsagePath(commitment, emulator.Day(3), emulator.Day(2)));
        Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
    }

    [Fact]
    public async Task TokenControlEndpointRejectsUnknownRoles()
    {
        string body = JsonSerializer.Serialize(new { principal = "eve", roles = new Dictionary<string, string> { [Sub] = "Janitor" } });
        using HttpResponseMessage response = await emulator.Client.PostAsync("_emulator/tokens", new StringContent(body, Encoding.UTF8, "application/json"));
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.BadRequest, "InvalidRequest", "Janitor");
        using HttpResponseMessage missing = await emulator.Client.PostAsync("_emulator/tokens", new StringContent("{}", Encoding.UTF8, "application/json"));
        await EmulatorFixture.AssertArmErrorAsync(missing, HttpStatusCode.BadRequest, "InvalidRequest", "principal");
    }

    [Fact]
    public async Task MintedTokensCarryTheDocumentedClaims()
    {
        using HttpResponseMessage response = await emulator.Client.PostAsync("_emulator/tokens",
            new StringContent("{\"principal\":\"alice\",\"roles\":{}}", Encoding.UTF8, "application/json"));
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        string token = body.GetProperty("access_token").GetString()!;
        long expiresOn = long.Parse(body.GetProperty("expires_on").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresOn - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 3500, 3700);
        using JsonDocument claims = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
        Assert.Equal(ControlEndpoints.PrincipalObjectId("alice").ToString(), claims.RootElement.GetProperty("oid").GetString());
        Assert.Equal("https://management.azure.com/", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal(expiresOn, claims.RootElement.GetProperty("exp").GetInt64());
        Assert.True(claims.RootElement.TryGetProperty("iat", out _));
        Assert.True(claims.RootElement.TryGetProperty("appid", out _));
        using HttpResponseMessage noRole = await emulator.GetAsync(Usage, token);
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
    }
}

/// <summary>The other refusal shapes of invoice reads: 403 AuthorizationFailed, and the code this emulator used to invent.</summary>
public sealed class ForbiddenInvoicesFixture : EmulatorFixture
{
    protected override string[] ExtraArguments => ["--invoice-refusal", "403"];
}

public sealed class InventedInvoiceRefusalFixture : EmulatorFixture
{
    protected override string[] ExtraArguments => ["--invoice-refusal", "InvoiceAccessNotEnabled"];
}

public sealed class ForbiddenInvoiceTests(ForbiddenInvoicesFixture emulator) : IClassFixture<ForbiddenInvoicesFixture>
{
    [Fact]
    public async Task InvoicesOfASubscriptionThatHasNotOptedInAreForbidden()
    {
        string commitment = emulator.Estate.Subscriptions.Single(s => !s.InvoicesOptedIn).IdText;
        using HttpResponseMessage response = await emulator.GetAsync($"subscriptions/{commitment}/providers/Microsoft.Billing/invoices/latest?api-version=2018-03-01-preview");
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.Forbidden, "AuthorizationFailed", "Microsoft.Billing/invoices/read");
    }
}

public sealed class InventedInvoiceRefusalTests(InventedInvoiceRefusalFixture emulator) : IClassFixture<InventedInvoiceRefusalFixture>
{
    [Fact]
    public async Task TheInventedCodeIsOnlyAnOption()
    {
        string commitment = emulator.Estate.Subscriptions.Single(s => !s.InvoicesOptedIn).IdText;
        using HttpResponseMessage response = await emulator.GetAsync($"subscriptions/{commitment}/providers/Microsoft.Billing/invoices?api-version=2018-03-01-preview");
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.Forbidden, "InvoiceAccessNotEnabled", commitment);
    }
}
