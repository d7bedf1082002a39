using System;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Engine
{
    /// <summary>One signed-in connection: the cloud, the credential's token provider, the ARM client, the default subscription.</summary>
    public sealed class BillingConnection
    {
        private BillingConnection(CloudEnvironment cloud, CredentialKind kind, TokenProvider tokens, string? subscriptionId, int maxRetries)
        {
            Cloud = cloud;
            CredentialKind = kind;
            Tokens = tokens;
            DefaultSubscriptionId = subscriptionId;
            Arm = new ArmClient(cloud.ArmEndpoint, tokens, new ArmClientOptions(maxRetries));
        }

        public CloudEnvironment Cloud { get; }
        public CredentialKind CredentialKind { get; }
        public TokenProvider Tokens { get; }
        public ArmClient Arm { get; }
        public string? DefaultSubscriptionId { get; }
        /// <summary>Who the token was issued to (upn, app id or object id), read from its claims.</summary>
        public string? Account { get; private set; }
        public string? TenantId { get; private set; }
        /// <summary>False for a token given with -AccessToken: nothing can renew it when it expires.</summary>
        public bool CanRenewToken => CredentialKind != CredentialKind.AccessToken;

        /// <summary>
        /// A warning to show when the token cannot be renewed and expires within <paramref name="within"/> of
        /// <paramref name="now"/>; null otherwise (a renewable token is renewed before it expires).
        /// </summary>
        public string? TokenExpiryNotice(DateTimeOffset now, TimeSpan within)
        {
            DateTimeOffset? expiresOn = Tokens.ExpiresOn;
            if (CanRenewToken || expiresOn is null || expiresOn.Value - now > within)
            {
                return null;
            }

            TimeSpan left = expiresOn.Value - now;
            string when = left <= TimeSpan.Zero ? "has expired" : $"expires in {Math.Max(1, (int)Math.Ceiling(left.TotalMinutes))} min";
            return $"The access token given to Connect-AzBillingInsights {when} ({expiresOn.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC) and cannot be renewed: "
                + "calls after that fail with AccessTokenExpired. Connect again with a new token, or run Connect-AzBillingInsights without -AccessToken "
                + "to reuse the Connect-AzAccount or az login session, whose tokens are renewed.";
        }

        /// <summary>Builds the credential and gets a first token, so a wrong secret fails here and not mid-report.</summary>
        public static async Task<BillingConnection> OpenAsync(ConnectionRequest request, CancellationToken cancellationToken)
        {
            CloudEnvironment cloud = CloudEnvironment.Get(request.Cloud);
            if (request.ArmEndpoint is not null)
            {
                cloud = cloud.WithArmEndpoint(request.ArmEndpoint);
            }

            ArmEndpointPolicy.EnsureAllowed(cloud.ArmEndpoint);
            Func<DateTimeOffset> clock = () => DateTimeOffset.UtcNow;
            var tokens = new TokenProvider(CredentialFactory.Create(request, cloud, clock), cloud.Scope, clock);
            var connection = new BillingConnection(cloud, request.Kind, tokens, request.SubscriptionId, request.MaxRetries);
            Azure.Core.AccessToken token = await FirstTokenAsync(tokens, request.Kind, cancellationToken).ConfigureAwait(false);
            JwtClaims? claims = JwtClaims.TryRead(token.Token);
            connection.Account = claims?.Account ?? request.AccountId;
            connection.TenantId = claims?.TenantId ?? request.TenantId;
            return connection;
        }

        private static async Task<Azure.Core.AccessToken> FirstTokenAsync(TokenProvider tokens, CredentialKind kind, CancellationToken cancellationToken)
        {
            try
            {
                return await tokens.GetTokenAsync(renew: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Azure.Identity.AuthenticationFailedException || e is Azure.Identity.CredentialUnavailableException || e is Azure.RequestFailedException)
            {
                throw new SignInException($"Sign-in with {kind} failed: {e.Message}", e);
            }
        }

        /// <summary>The subscription to use: the one given, else the connection's default.</summary>
        public string ResolveSubscription(string? subscriptionId)
        {
            string? resolved = string.IsNullOrWhiteSpace(subscriptionId) ? DefaultSubscriptionId : subscriptionId;
            if (string.IsNullOrWhiteSpace(resolved))
            {
                throw new ArgumentException(
                    "No subscription was given and the connection has no default. Pass -SubscriptionId, or connect with Connect-AzBillingInsights -SubscriptionId.");
            }

            return resolved!.Trim();
        }
    }
}
