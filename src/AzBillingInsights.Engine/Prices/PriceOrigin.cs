using System;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>
    /// Where prices came from: the endpoint a source read them from (an ARM endpoint for the RateCard API: Azure,
    /// Azure China, a proxy, the emulator), normalised so that one endpoint has one spelling: scheme and host
    /// lower-case, no default port, the path with a trailing slash, no query. Prices cached from one origin are never
    /// served for another.
    /// </summary>
    public sealed class PriceOrigin : IEquatable<PriceOrigin>
    {
        private PriceOrigin(string value) => Value = value;

        /// <summary>The normalised endpoint, for example <c>https://management.azure.com/</c>.</summary>
        public string Value { get; }

        /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute http or https address.</exception>
        public static PriceOrigin From(Uri endpoint)
        {
            if (endpoint is null)
            {
                throw new ArgumentNullException(nameof(endpoint));
            }

            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"'{endpoint}' is not an absolute http or https address.", nameof(endpoint));
            }

            // Uri already lower-cases scheme and host and knows the scheme's default port.
            string port = endpoint.IsDefaultPort ? string.Empty : ":" + endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string path = endpoint.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? endpoint.AbsolutePath : endpoint.AbsolutePath + "/";
            return new PriceOrigin($"{endpoint.Scheme}://{endpoint.Host}{port}{path}");
        }

        /// <inheritdoc cref="From(Uri)"/>
        public static PriceOrigin Parse(string endpoint)
        {
            if (!Uri.TryCreate(endpoint?.Trim(), UriKind.Absolute, out Uri? uri))
            {
                throw new ArgumentException($"'{endpoint}' is not an absolute http or https address.", nameof(endpoint));
            }

            return From(uri);
        }

        public bool Equals(PriceOrigin? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as PriceOrigin);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

        public override string ToString() => Value;
    }
}
