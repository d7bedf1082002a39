using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>The Azure clouds the billing APIs were offered in, with their ARM endpoint, authority and audience.</summary>
    public enum CloudName
    {
        AzureCloud,
        AzureChinaCloud,
        AzureUSGovernment,
        AzureGermanCloud,
    }

    /// <summary>Where ARM is and which token audience it accepts (docs/design.md, "ARM").</summary>
    public sealed class CloudEnvironment
    {
        private static readonly Dictionary<CloudName, CloudEnvironment> Known = new Dictionary<CloudName, CloudEnvironment>
        {
            [CloudName.AzureCloud] = new CloudEnvironment(
                "AzureCloud", "https://management.azure.com/", "https://login.microsoftonline.com/", "https://management.azure.com/"),
            [CloudName.AzureChinaCloud] = new CloudEnvironment(
                "AzureChinaCloud", "https://management.chinacloudapi.cn/", "https://login.chinacloudapi.cn/", "https://management.chinacloudapi.cn/"),
            [CloudName.AzureUSGovernment] = new CloudEnvironment(
                "AzureUSGovernment", "https://management.usgovcloudapi.net/", "https://login.microsoftonline.us/", "https://management.usgovcloudapi.net/"),
            [CloudName.AzureGermanCloud] = new CloudEnvironment(
                "AzureGermanCloud", "https://management.microsoftazure.de/", "https://login.microsoftonline.de/", "https://management.microsoftazure.de/"),
        };

        private CloudEnvironment(string name, string armEndpoint, string authorityHost, string audience)
            : this(name, new Uri(armEndpoint), new Uri(authorityHost), audience)
        {
        }

        private CloudEnvironment(string name, Uri armEndpoint, Uri authorityHost, string audience)
        {
            Name = name;
            ArmEndpoint = armEndpoint;
            AuthorityHost = authorityHost;
            Audience = audience;
        }

        public string Name { get; }
        public Uri ArmEndpoint { get; }
        public Uri AuthorityHost { get; }
        /// <summary>The v1 resource; the v2 scope is this plus <c>.default</c>.</summary>
        public string Audience { get; }
        public string Scope => Audience + ".default";

        public static CloudEnvironment Get(CloudName name) => Known[name];

        /// <summary>
        /// A cloud whose ARM endpoint is replaced (the emulator, Azure Stack). The audience stays the cloud's:
        /// the emulator, like ARM, accepts the AzureCloud audience.
        /// </summary>
        public CloudEnvironment WithArmEndpoint(Uri armEndpoint)
        {
            ArmEndpointPolicy.EnsureAllowed(armEndpoint);
            return new CloudEnvironment(Name, EnsureTrailingSlash(armEndpoint), AuthorityHost, Audience);
        }

        private static Uri EnsureTrailingSlash(Uri uri) =>
            uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
