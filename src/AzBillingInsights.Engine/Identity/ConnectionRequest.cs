using System;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>How the caller wants to authenticate; chosen by the cmdlet's parameter set.</summary>
    public enum CredentialKind
    {
        /// <summary>
        /// Azure.Identity's DefaultAzureCredential, first that answers wins: environment variables, workload identity,
        /// managed identity, Visual Studio, Azure CLI (az login), Azure PowerShell (Connect-AzAccount), Azure Developer CLI.
        /// </summary>
        DefaultChain,
        ManagedIdentity,
        ClientSecret,
        ClientCertificate,
        DeviceCode,
        AccessToken,
    }

    /// <summary>Plain values from which the engine builds the credential; no SDK type crosses into the cmdlets.</summary>
    public sealed class ConnectionRequest
    {
        public CredentialKind Kind { get; set; }
        public CloudName Cloud { get; set; } = CloudName.AzureCloud;
        /// <summary>Replaces the cloud's ARM endpoint (emulator, Azure Stack).</summary>
        public Uri? ArmEndpoint { get; set; }
        public string? SubscriptionId { get; set; }
        public string? TenantId { get; set; }
        /// <summary>Application id of a service principal, or client id of a user-assigned managed identity.</summary>
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        public string? CertificatePath { get; set; }
        public string? CertificatePassword { get; set; }
        public string? AccessToken { get; set; }
        /// <summary>The expiry that came with <see cref="AccessToken"/> (Get-AzAccessToken's ExpiresOn); else the token's own claim.</summary>
        public DateTimeOffset? AccessTokenExpiresOn { get; set; }
        /// <summary>Who <see cref="AccessToken"/> was issued to (Get-AzAccessToken's UserId), when its claims do not say.</summary>
        public string? AccountId { get; set; }
        /// <summary>Retries of a failed ARM call (throttling, 5xx, resets, cut-off bodies) before it fails for good.</summary>
        public int MaxRetries { get; set; } = 6;
        /// <summary>Shows the device-code message to the user.</summary>
        public Action<string>? DeviceCodePrompt { get; set; }
    }
}
