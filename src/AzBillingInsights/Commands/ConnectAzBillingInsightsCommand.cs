using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Commands
{
    [Cmdlet(VerbsCommunications.Connect, "AzBillingInsights", DefaultParameterSetName = DefaultChainSet)]
    [OutputType(typeof(BillingInsightsContext))]
    public sealed class ConnectAzBillingInsightsCommand : AsyncPSCmdlet
    {
        private const string DefaultChainSet = "DefaultChain";
        private const string IdentitySet = "Identity";
        private const string SecretSet = "ServicePrincipalSecret";
        private const string CertificateSet = "ServicePrincipalCertificate";
        private const string DeviceCodeSet = "DeviceCode";
        private const string AccessTokenSet = "AccessToken";

        [Parameter(Mandatory = true, ParameterSetName = IdentitySet)]
        public SwitchParameter Identity { get; set; }

        /// <summary>Client id of a user-assigned managed identity (or of the one the default chain should use).</summary>
        [Parameter(ParameterSetName = IdentitySet)]
        [Parameter(ParameterSetName = DefaultChainSet)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        public SwitchParameter ServicePrincipal { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(ParameterSetName = DefaultChainSet)]
        [Parameter(ParameterSetName = AccessTokenSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("Tenant")]
        public string? TenantId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [ValidateNotNullOrEmpty]
        [Alias("AppId")]
        public string? ApplicationId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        public SecureString? ClientSecret { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        [Parameter(ParameterSetName = CertificateSet)]
        public SecureString? CertificatePassword { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        public SwitchParameter DeviceCode { get; set; }

        /// <summary>
        /// A token you already hold, as a SecureString or as text; bound from Get-AzAccessToken's Token, so
        /// <c>Get-AzAccessToken -ResourceUrl https://management.azure.com/ | Connect-AzBillingInsights</c> works.
        /// </summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Token")]
        [SecureStringTransformation]
        [ValidateNotEmptySecret]
        public SecureString? AccessToken { get; set; }

        /// <summary>When the token expires (Get-AzAccessToken's ExpiresOn); else read from the token.</summary>
        [Parameter(ParameterSetName = AccessTokenSet, ValueFromPipelineByPropertyName = true)]
        public DateTimeOffset? ExpiresOn { get; set; }

        /// <summary>Who the token was issued to (Get-AzAccessToken's UserId), shown when the token's claims do not say.</summary>
        [Parameter(ParameterSetName = AccessTokenSet, ValueFromPipelineByPropertyName = true)]
        [Alias("UserId")]
        public string? AccountId { get; set; }

        [Parameter]
        public AzureEnvironmentName Environment { get; set; } = AzureEnvironmentName.AzureCloud;

        /// <summary>Replaces the cloud's ARM endpoint: the local emulator or Azure Stack. http only for loopback hosts.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? ArmEndpoint { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        /// <summary>How often a failed call (429, 5xx, reset, cut-off body) is retried, with exponential backoff that honours Retry-After.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 6;

        /// <summary>A token given now and expiring this soon is announced at once, not only by the next call.</summary>
        private static readonly TimeSpan AnnounceExpiryWithin = TimeSpan.FromMinutes(15);

        /// <summary>Runs per piped object: Get-AzAccessToken's output binds by property name.</summary>
        protected override async Task ProcessRecordAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            if (ArmEndpoint is not null)
            {
                ArmEndpointPolicy.EnsureAllowed(ArmEndpoint);
            }

            // Checked here, not at the first call, which would fail far from the typo.
            SubscriptionIdArgument.Ensure(SubscriptionId);

            var request = new ConnectionRequest
            {
                Kind = KindFromParameterSet(),
                Cloud = (CloudName)Enum.Parse(typeof(CloudName), Environment.ToString()),
                ArmEndpoint = ArmEndpoint,
                SubscriptionId = SubscriptionId,
                MaxRetries = MaxRetries,
                TenantId = TenantId,
                ClientId = ApplicationId ?? ClientId,
                ClientSecret = Plain(ClientSecret),
                CertificatePath = CertificatePath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificatePath),
                CertificatePassword = Plain(CertificatePassword),
                AccessToken = Plain(AccessToken),
                AccessTokenExpiresOn = ExpiresOn,
                AccountId = AccountId,
                DeviceCodePrompt = pipeline.WriteWarning,
            };

            pipeline.WriteVerbose($"Connecting to {request.ArmEndpoint?.GetLeftPart(UriPartial.Authority) ?? Environment.ToString()} with {request.Kind}.");
            BillingConnection connection = await BillingConnection.OpenAsync(request, cancellationToken).ConfigureAwait(false);
            BillingSession.Set(connection);
            string? expiryNotice = connection.TokenExpiryNotice(DateTimeOffset.UtcNow, AnnounceExpiryWithin);
            if (expiryNotice is not null)
            {
                pipeline.WriteWarning(expiryNotice);
            }

            pipeline.WriteObject(new BillingInsightsContext(connection));
        }

        /// <summary>The expiry of the connection being replaced is no news to someone connecting anew.</summary>
        protected override void WarnIfTokenExpiresSoon()
        {
        }

        private CredentialKind KindFromParameterSet() => ParameterSetName switch
        {
            IdentitySet => CredentialKind.ManagedIdentity,
            SecretSet => CredentialKind.ClientSecret,
            CertificateSet => CredentialKind.ClientCertificate,
            DeviceCodeSet => CredentialKind.DeviceCode,
            AccessTokenSet => CredentialKind.AccessToken,
            _ => CredentialKind.DefaultChain,
        };

        private static string? Plain(SecureString? secret) => secret is null ? null : new NetworkCredential(string.Empty, secret).Password;
    }
}
