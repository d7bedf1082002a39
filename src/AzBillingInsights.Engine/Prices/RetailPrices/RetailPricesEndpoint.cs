using System;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// Where Retail Prices are read: the public address, or another base (the emulator, a mirror, a proxy) from a
    /// parameter or <see cref="EnvironmentVariable"/>. Nothing secret is sent, but prices decide money: plain http is
    /// accepted only to loopback, as for ARM, so nobody on the way can alter them.
    /// </summary>
    public static class RetailPricesEndpoint
    {
        public const string EnvironmentVariable = "AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT";

        public static readonly Uri Public = new Uri("https://prices.azure.com/");

        /// <summary>The base address: <paramref name="explicitBase"/>, else the environment variable, else the public one.</summary>
        /// <exception cref="ArgumentException">The address is not an absolute URI.</exception>
        /// <exception cref="InsecureEndpointException">The address is http to a host that is not loopback.</exception>
        public static Uri Resolve(string? explicitBase = null)
        {
            string? text = !string.IsNullOrWhiteSpace(explicitBase) ? explicitBase : Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return Public;
            }

            if (!Uri.TryCreate(text!.Trim(), UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException(
                    $"The Retail Prices endpoint '{text}' is not an absolute http(s) URI. Give a base address such as https://prices.azure.com/ (from -Endpoint or {EnvironmentVariable}).");
            }

            EnsureAllowed(uri);
            string path = uri.AbsolutePath.TrimEnd('/');
            const string ApiPath = "/api/retail/prices";
            if (path.EndsWith(ApiPath, StringComparison.OrdinalIgnoreCase))
            {
                path = path.Substring(0, path.Length - ApiPath.Length);
            }

            return new UriBuilder(uri) { Path = path + "/", Query = string.Empty, Fragment = string.Empty }.Uri;
        }

        /// <summary>Every address read from, the base and each NextPageLink: https, or http to loopback only.</summary>
        public static void EnsureAllowed(Uri uri)
        {
            if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && ArmEndpointPolicy.IsLoopback(uri)))
            {
                return;
            }

            throw new InsecureEndpointException(
                $"The Retail Prices address '{uri.GetLeftPart(UriPartial.Authority)}' is not https. Prices are read over https, " +
                "or over http from a loopback address (127.0.0.1, ::1, localhost) such as the local emulator. Use an https address.");
        }
    }
}
