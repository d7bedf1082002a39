using System;
using System.Net;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>
    /// Bearer tokens travel over https only, except to a loopback host (the local emulator): a token sent in
    /// clear text to any other host could be read on the way.
    /// </summary>
    public static class ArmEndpointPolicy
    {
        public static void EnsureAllowed(Uri endpoint)
        {
            if (!endpoint.IsAbsoluteUri)
            {
                throw new ArgumentException($"The ARM endpoint '{endpoint}' is not an absolute URI. Give a full URI such as https://management.azure.com/.", nameof(endpoint));
            }

            bool isHttps = endpoint.Scheme == Uri.UriSchemeHttps;
            bool isLoopbackHttp = endpoint.Scheme == Uri.UriSchemeHttp && IsLoopback(endpoint);
            if (!isHttps && !isLoopbackHttp)
            {
                throw new InsecureEndpointException(
                    $"The endpoint '{endpoint.GetLeftPart(UriPartial.Authority)}' is not https. Bearer tokens are sent only over https, " +
                    "or over http to a loopback address (127.0.0.1, ::1, localhost) such as the local emulator. Use an https endpoint.");
            }
        }

        public static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out IPAddress? address) && IPAddress.IsLoopback(address));
    }

    /// <summary>An endpoint that would receive a bearer token over an unprotected connection.</summary>
    public sealed class InsecureEndpointException : Exception
    {
        public InsecureEndpointException(string message) : base(message)
        {
        }
    }
}
