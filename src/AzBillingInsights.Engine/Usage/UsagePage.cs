using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>One page of the Usage API: its rows, and where the next page is (null on the last).</summary>
    public sealed class UsagePage
    {
        internal UsagePage(IReadOnlyList<UsageRecord> records, Uri? nextLink)
        {
            Records = records;
            NextLink = nextLink;
        }

        public IReadOnlyList<UsageRecord> Records { get; }
        public Uri? NextLink { get; }

        /// <summary>The continuation token carried by <see cref="NextLink"/>: where a later call can resume.</summary>
        public string? NextContinuationToken => NextLink is null ? null : ContinuationTokenOf(NextLink);

        internal static string? ContinuationTokenOf(Uri link)
        {
            string query = link.Query.TrimStart('?');
            foreach (string pair in query.Split('&'))
            {
                int equals = pair.IndexOf('=');
                if (equals > 0 && string.Equals(pair.Substring(0, equals), "continuationToken", StringComparison.OrdinalIgnoreCase))
                {
                    return Uri.UnescapeDataString(pair.Substring(equals + 1));
                }
            }

            return null;
        }
    }
}
