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

        /// <summary>Builds the credential and gets a first token, so a wrong secret fails here and not mid-report.</summary>
        public static async Task<BillingConnection> OpenAsync(ConnectionRequest request, CancellationToken cancellationToken)
        {
            CloudEnvironment cloud = CloudEnvironment.Get(request.Cloud);
            if (request.ArmEndpoint is not null)
            {
                cloud = cloud.WithArmEndpoint(request.ArmEndpoint);
            }

            ArmEndpointPolicy.EnsureAllowed(cloud.ArmEndpoint);
            var tokens = new TokenProvider(CredentialFactory.Create(request, cloud), cloud.Scope);
            var connection = new BillingConnection(cloud, request.Kind, tokens, request.SubscriptionId, request.MaxRetries);
            Azure.Core.AccessToken token = await FirstTokenAsync(tokens, request.Kind, cancellationToken).ConfigureAwait(false);
            JwtClaims? claims = JwtClaims.TryRead(token.Token);
            connection.Account = claims?.Account;
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
