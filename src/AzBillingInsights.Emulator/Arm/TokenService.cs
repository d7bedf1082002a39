using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>Who a token speaks for. <see cref="DisplayName"/> is the UPN for users and the app id for identities.</summary>
internal sealed record Principal(string ObjectId, string AppId, string DisplayName);

internal sealed record TokenClaims(Principal Principal, string Audience, long ExpiresOn);

/// <summary>
/// Issues and validates JWT-shaped bearer tokens (HS256), so a token edited by hand is refused. Every emulator
/// signs with the same fixed key, as every ARM instance accepts Entra ID's tokens: a client's token cache
/// (MSAL keeps managed-identity tokens process-wide) stays valid across emulators started one after another.
/// The key is public; emulator tokens grant nothing anywhere else.
/// </summary>
internal sealed class TokenService(string tenantId)
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    private static readonly byte[] key = SHA256.HashData(Encoding.UTF8.GetBytes("AzBillingInsights emulator token signing key"));

    public string TenantId { get; } = tenantId;

    public (string Token, long ExpiresOn) Issue(Principal principal, string audience, TimeSpan lifetime, bool isUser)
    {
        long now = EmulatorClock.RealNow.ToUnixTimeSeconds();
        long exp = now + (long)lifetime.TotalSeconds;
        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("aud", audience);
            writer.WriteString("iss", $"https://sts.windows.net/{TenantId}/");
            writer.WriteNumber("iat", now);
            writer.WriteNumber("nbf", now);
            writer.WriteNumber("exp", exp);
            writer.WriteString("appid", principal.AppId);
            writer.WriteString("idtyp", isUser ? "user" : "app");
            writer.WriteString("oid", principal.ObjectId);
            writer.WriteString("sub", principal.ObjectId);
            writer.WriteString("tid", TenantId);
            if (isUser)
            {
                writer.WriteString("upn", principal.DisplayName);
            }
            writer.WriteEndObject();
        }
        string unsigned = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(payload.ToArray());
        return (unsigned + "." + Sign(unsigned), exp);
    }

    /// <summary>Null when the token is not a JWT this process signed.</summary>
    public TokenClaims? Validate(string token)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(parts[0] + "." + parts[1])), Encoding.ASCII.GetBytes(parts[2])))
        {
            return null;
        }
        try
        {
            using JsonDocument doc = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            JsonElement root = doc.RootElement;
            string oid = root.GetProperty("oid").GetString() ?? "";
            string appId = root.GetProperty("appid").GetString() ?? "";
            string name = root.TryGetProperty("upn", out JsonElement upn) ? upn.GetString() ?? appId : appId;
            return new TokenClaims(new Principal(oid, appId, name), root.GetProperty("aud").GetString() ?? "", root.GetProperty("exp").GetInt64());
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private string Sign(string unsigned) => Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned)));
}
