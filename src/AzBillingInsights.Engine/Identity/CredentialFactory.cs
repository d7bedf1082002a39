using System;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>Builds the Azure.Identity credential a <see cref="ConnectionRequest"/> asks for.</summary>
    internal static class CredentialFactory
    {
        internal static TokenCredential Create(ConnectionRequest request, CloudEnvironment cloud, Func<DateTimeOffset> clock)
        {
            Uri authority = cloud.AuthorityHost;
            switch (request.Kind)
            {
                case CredentialKind.DefaultChain:
                    return new DefaultAzureCredential(new DefaultAzureCredentialOptions
                    {
                        AuthorityHost = authority,
                        TenantId = request.TenantId,
                        ManagedIdentityClientId = request.ClientId,
                        ExcludeInteractiveBrowserCredential = true,
                    });
                case CredentialKind.ManagedIdentity:
                    // Works in Azure Automation and App Service through IDENTITY_ENDPOINT/IDENTITY_HEADER, and on VMs through IMDS.
                    return string.IsNullOrEmpty(request.ClientId)
                        ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(request.ClientId!));
                case CredentialKind.ClientSecret:
                    return new ClientSecretCredential(
                        Required(request.TenantId, "TenantId"), Required(request.ClientId, "ApplicationId"), Required(request.ClientSecret, "ClientSecret"),
                        new ClientSecretCredentialOptions { AuthorityHost = authority });
                case CredentialKind.ClientCertificate:
                    return CertificateLoader.CreateCredential(
                        Required(request.TenantId, "TenantId"), Required(request.ClientId, "ApplicationId"),
                        Required(request.CertificatePath, "CertificatePath"), request.CertificatePassword,
                        new ClientCertificateCredentialOptions { AuthorityHost = authority });
                case CredentialKind.DeviceCode:
                    return new DeviceCodeCredential(new DeviceCodeCredentialOptions
                    {
                        AuthorityHost = authority,
                        TenantId = request.TenantId,
                        DeviceCodeCallback = (code, _) =>
                        {
                            request.DeviceCodePrompt?.Invoke(code.Message);
                            return Task.CompletedTask;
                        },
                    });
                case CredentialKind.AccessToken:
                    return StaticTokenCredential.FromCallersToken(Required(request.AccessToken, "AccessToken"), request.AccessTokenExpiresOn, clock);
                default:
                    throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Unknown credential kind.");
            }
        }

        private static string Required(string? value, string parameter) =>
            string.IsNullOrEmpty(value) ? throw new ArgumentException($"-{parameter} is required for this kind of sign-in.", parameter) : value!;
    }
}
