using System;
using System.Collections.Concurrent;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Reports that finished, by endpoint and request, kept while their links are valid: asking again for the same
    /// report (after a failed download, or simply twice) reads the same blobs instead of spending another of the
    /// scope's few reports an hour. One per process, shared by every runspace.
    /// </summary>
    internal static class FinishedCostReports
    {
        /// <summary>Links this close to expiry are not worth starting a download on.</summary>
        private static readonly TimeSpan Margin = TimeSpan.FromMinutes(2);

        private static readonly ConcurrentDictionary<string, CostReportManifest> Reports = new ConcurrentDictionary<string, CostReportManifest>(StringComparer.Ordinal);

        internal static bool TryGet(Uri endpoint, CostReportSpec spec, DateTimeOffset now, out CostReportManifest manifest)
        {
            string key = KeyOf(endpoint, spec);
            if (Reports.TryGetValue(key, out manifest!) && manifest.ValidTill - Margin > now)
            {
                return true;
            }

            Reports.TryRemove(key, out _);
            return false;
        }

        internal static void Remember(Uri endpoint, CostReportSpec spec, CostReportManifest manifest) => Reports[KeyOf(endpoint, spec)] = manifest;

        internal static void Forget(Uri endpoint, CostReportSpec spec) => Reports.TryRemove(KeyOf(endpoint, spec), out _);

        /// <summary>For tests and Disconnect: nothing finished is known any more.</summary>
        internal static void Clear() => Reports.Clear();

        private static string KeyOf(Uri endpoint, CostReportSpec spec) => endpoint.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + "|" + spec.Key;
    }
}
