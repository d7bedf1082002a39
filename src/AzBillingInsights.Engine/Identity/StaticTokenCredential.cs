using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>
    /// A token the caller already holds (-AccessToken). It cannot be refreshed: once it has expired it is refused
    /// here, before it is sent, instead of coming back from ARM as a 401.
    /// </summary>
    internal sealed class StaticTokenCredential : TokenCredential
    {
        /// <summary>The usual lifetime of an ARM token, assumed for a JWT without an <c>exp</c> claim.</summary>
        private static readonly TimeSpan AssumedLifetime = TimeSpan.FromHours(1);

        /// <summary>The text PowerShell makes of a SecureString passed where a string is expected.</summary>
        private const string SecureStringText = "System.Security.SecureString";

        private readonly AccessToken _token;
        private readonly Func<DateTimeOffset> _clock;

        internal StaticTokenCredential(string token, DateTimeOffset expiresOn, Func<DateTimeOffset>? clock = null)
        {
            _token = new AccessToken(token, expiresOn);
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>
        /// Checks a caller's token before anything is sent: it must be a JWT (ARM accepts nothing else) and not expired.
        /// The expiry given with it (Get-AzAccessToken's ExpiresOn) wins over the token's own <c>exp</c> claim.
        /// </summary>
        internal static StaticTokenCredential FromCallersToken(string token, DateTimeOffset? expiresOn, Func<DateTimeOffset> clock)
        {
            string trimmed = token.Trim();
            if (trimmed.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                trimmed = trimmed.Substring("Bearer ".Length).Trim();
            }

            JwtClaims claims = JwtClaims.TryRead(trimmed) ?? throw new InvalidAccessTokenException(NotAJwt(trimmed));
            DateTimeOffset expiry = expiresOn ?? claims.ExpiresOn ?? clock().Add(AssumedLifetime);
            if (expiry <= clock())
            {
                throw new AccessTokenExpiredException(expiry);
            }

            return new StaticTokenCredential(trimmed, expiry, clock);
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Current();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new ValueTask<AccessToken>(Current());

        private AccessToken Current() => _token.ExpiresOn > _clock() ? _token : throw new AccessTokenExpiredException(_token.ExpiresOn);

        private static string NotAJwt(string token) => string.Equals(token, SecureStringText, StringComparison.Ordinal)
            ? $"The access token is the text '{SecureStringText}': a SecureString was turned into text before it reached Connect-AzBillingInsights "
                + "(for example inside a string such as \"$($t.Token)\"). Pass the SecureString itself, or pipe Get-AzAccessToken into Connect-AzBillingInsights."
            : $"The access token is not a JWT (three base64url parts, {token.Length} characters given), so Azure Resource Manager would refuse it; it was not sent. "
                + "Pass the Token of Get-AzAccessToken -ResourceUrl https://management.azure.com/ or the accessToken of az account get-access-token.";
    }
}
