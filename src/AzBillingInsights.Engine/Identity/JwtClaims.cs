using System;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>
    /// The few claims of an access token that the context shows (who, which tenant, until when). The signature
    /// is not checked: ARM does that; we only describe the token we were given.
    /// </summary>
    public sealed class JwtClaims
    {
        public string? Account { get; private set; }
        public string? TenantId { get; private set; }
        public string? Audience { get; private set; }
        public DateTimeOffset? ExpiresOn { get; private set; }

        public static JwtClaims? TryRead(string token)
        {
            string[] parts = token.Split('.');
            if (parts.Length != 3)
            {
                return null;
            }

            try
            {
                // Both the header and the payload must be JSON objects: "System.Security.SecureString" or a
                // truncated paste is not a token, whatever its dots.
                using JsonDocument header = JsonDocument.Parse(Base64UrlDecode(parts[0]));
                using JsonDocument payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
                JsonElement root = payload.RootElement;
                if (header.RootElement.ValueKind != JsonValueKind.Object || root.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                var claims = new JwtClaims
                {
                    Account = FirstString(root, "upn", "unique_name", "email", "appid", "oid"),
                    TenantId = FirstString(root, "tid"),
                    Audience = FirstString(root, "aud"),
                };
                if (root.TryGetProperty("exp", out JsonElement exp) && exp.ValueKind == JsonValueKind.Number)
                {
                    claims.ExpiresOn = DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64());
                }

                return claims;
            }
            catch (Exception e) when (e is FormatException || e is JsonException)
            {
                return null;
            }
        }

        private static string? FirstString(JsonElement root, params string[] names)
        {
            foreach (string name in names)
            {
                if (root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }

            return null;
        }

        private static byte[] Base64UrlDecode(string text)
        {
            var base64 = new StringBuilder(text.Replace('-', '+').Replace('_', '/'));
            while (base64.Length % 4 != 0)
            {
                base64.Append('=');
            }

            return Convert.FromBase64String(base64.ToString());
        }
    }
}
