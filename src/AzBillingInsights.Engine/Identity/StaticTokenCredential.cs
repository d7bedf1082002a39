using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>
    /// A token the caller already holds (-AccessToken). Its expiry comes from the token's own <c>exp</c> claim;
    /// an opaque token is assumed good for an hour, the usual ARM token lifetime. It cannot be refreshed.
    /// </summary>
    internal sealed class StaticTokenCredential : TokenCredential
    {
        private readonly AccessToken _token;

        internal StaticTokenCredential(string token)
        {
            DateTimeOffset expiresOn = JwtClaims.TryRead(token)?.ExpiresOn ?? DateTimeOffset.UtcNow.AddHours(1);
            _token = new AccessToken(token, expiresOn);
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => _token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new ValueTask<AccessToken>(_token);
    }
}
