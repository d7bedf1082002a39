using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>
    /// What a finished partition holds, written after its data file: rows, totals, source, module version and time of
    /// export. Its presence is what marks the partition finished; a data file without it is redone.
    /// </summary>
    public sealed class PartitionManifest
    {
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

        /// <summary>Bumped when the manifest or the columns change shape; other versions are redone.</summary>
        public const int CurrentFormatVersion = 1;

        public int FormatVersion { get; set; } = CurrentFormatVersion;
        public string FocusVersion { get; set; } = FocusSchema.Version;
        public string SubscriptionId { get; set; } = string.Empty;
        public DateTimeOffset BillingPeriodStart { get; set; }
        public DateTimeOffset BillingPeriodEnd { get; set; }
        /// <summary>The part of the billing period exported: the export's window clipped to the period.</summary>
        public DateTimeOffset From { get; set; }
        public DateTimeOffset To { get; set; }
        public string Source { get; set; } = string.Empty;
        public string Format { get; set; } = string.Empty;
        public string Currency { get; set; } = string.Empty;
        public long RowCount { get; set; }
        /// <summary>Usage rows whose meter the price source lacks: not in the file, because their cost is unknown.</summary>
        public long UnratedRowCount { get; set; }
        public decimal BilledCost { get; set; }
        public decimal EffectiveCost { get; set; }
        public decimal ListCost { get; set; }
        public decimal ContractedCost { get; set; }
        public List<string> Files { get; set; } = new List<string>();
        public string ModuleVersion { get; set; } = string.Empty;
        public DateTimeOffset ExportedAt { get; set; }

        public string ToJson() => JsonSerializer.Serialize(this, Json);

        /// <summary>The manifest at <paramref name="path"/>, or null when it is missing, unreadable or of another format version.</summary>
        public static PartitionManifest? TryRead(string path)
        {
            try
            {
                PartitionManifest? manifest = JsonSerializer.Deserialize<PartitionManifest>(File.ReadAllText(path), Json);
                return manifest?.FormatVersion == CurrentFormatVersion ? manifest : null;
            }
            catch (Exception e) when (e is IOException || e is JsonException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
