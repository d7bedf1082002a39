using System;
using AzBillingInsights.Engine;

namespace AzBillingInsights
{
    /// <summary>What Get-AzBillingInsightsContext shows about the connection. Never the token itself.</summary>
    public sealed class BillingInsightsContext
    {
        internal BillingInsightsContext(BillingConnection connection)
        {
            Account = connection.Account;
            TenantId = connection.TenantId;
            Environment = connection.Cloud.Name;
            ArmEndpoint = connection.Cloud.ArmEndpoint;
            Audience = connection.Cloud.Audience;
            CredentialType = connection.CredentialKind.ToString();
            DefaultSubscriptionId = connection.DefaultSubscriptionId;
            TokenExpiresOn = connection.Tokens.ExpiresOn;
            TokenRenewable = connection.CanRenewToken;
        }

        public string? Account { get; }
        public string? TenantId { get; }
        public string Environment { get; }
        public Uri ArmEndpoint { get; }
        public string Audience { get; }
        public string CredentialType { get; }
        public string? DefaultSubscriptionId { get; }
        public DateTimeOffset? TokenExpiresOn { get; }
        /// <summary>False for a token given with -AccessToken: calls fail once TokenExpiresOn has passed.</summary>
        public bool TokenRenewable { get; }
    }
}
