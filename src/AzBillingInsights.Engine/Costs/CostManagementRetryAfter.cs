using System;
using System.Globalization;
using Azure;
using Azure.Core;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// How long Cost Management asks a caller to wait: <c>Retry-After</c> and its own headers
    /// (<c>x-ms-ratelimit-microsoft.costmanagement-{qpu,entity,tenant,client}-retry-after</c>, and the older
    /// <c>x-ms-ratelimit-microsoft.consumption-retry-after</c>), all in seconds; the longest one wins.
    /// </summary>
    internal static class CostManagementRetryAfter
    {
        private const string Prefix = "x-ms-ratelimit-microsoft.";
        private const string Suffix = "-retry-after";

        internal static TimeSpan? Read(Response response)
        {
            TimeSpan? longest = null;
            foreach (HttpHeader header in response.Headers)
            {
                bool isRetryAfter = string.Equals(header.Name, "Retry-After", StringComparison.OrdinalIgnoreCase)
                    || (header.Name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && header.Name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase));
                if (isRetryAfter && double.TryParse(header.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
                {
                    TimeSpan wait = TimeSpan.FromSeconds(seconds);
                    longest = longest is null || wait > longest ? wait : longest;
                }
            }

            return longest;
        }
    }
}
