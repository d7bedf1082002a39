using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AzBillingInsights
{
    /// <summary>
    /// What an Export-AzCostData run was asked for, kept at the export's root so that -Resume can continue the run
    /// with the same subscriptions, window, format, layout and source.
    /// </summary>
    internal sealed class ExportRunRecord
    {
        internal const string FileName = "_export.json";

        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            WriteIndented = true,
            Converters = { new JsonStringEnumConverter() },
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        public List<string> SubscriptionIds { get; set; } = new List<string>();
        public DateTime From { get; set; }
        public DateTime To { get; set; }
        public CostDataFormat Format { get; set; }
        public CostDataLayout Layout { get; set; }
        public CostDataChargePeriod ChargePeriod { get; set; }
        public AggregationGranularity? AggregationGranularity { get; set; }
        public int BillingPeriodStartDay { get; set; } = 1;
        public bool ExcludeOfferTerms { get; set; }
        public PriceSourceName PriceSource { get; set; }
        public CostDetailMetric? Metric { get; set; }
        public string OfferDurableId { get; set; } = string.Empty;
        public string Currency { get; set; } = string.Empty;
        public string Locale { get; set; } = string.Empty;
        public string RegionInfo { get; set; } = string.Empty;

        internal static string PathIn(string root) => System.IO.Path.Combine(root, FileName);

        internal string ToJson() => JsonSerializer.Serialize(this, Json);

        /// <exception cref="FileNotFoundException">No run was started in <paramref name="root"/>.</exception>
        /// <exception cref="InvalidDataException">The record is not one this module wrote.</exception>
        internal static ExportRunRecord Read(string root)
        {
            string path = PathIn(root);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"No export was started in '{root}': {FileName} is missing. Run Export-AzCostData with -From and -To first.", path);
            }

            try
            {
                return JsonSerializer.Deserialize<ExportRunRecord>(File.ReadAllText(path), Json) is { SubscriptionIds.Count: > 0 } record
                    ? record
                    : throw new InvalidDataException($"'{path}' names no subscription.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"'{path}' is not a record of an Export-AzCostData run: {e.Message}", e);
            }
        }
    }
}
