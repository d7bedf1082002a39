using System;
using System.Collections.Generic;
using System.Text.Json;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>A finished Cost Details report: its blobs behind pre-signed links, valid until <see cref="ValidTill"/>.</summary>
    public sealed class CostReportManifest
    {
        public CostReportManifest(string? id, IReadOnlyList<CostReportBlob> blobs, long byteCount, DateTimeOffset validTill, bool compressData = false)
        {
            Id = id;
            Blobs = blobs;
            ByteCount = byteCount;
            ValidTill = validTill;
            CompressData = compressData;
        }

        public string? Id { get; }
        public IReadOnlyList<CostReportBlob> Blobs { get; }
        public long ByteCount { get; }
        public DateTimeOffset ValidTill { get; }
        /// <summary>The manifest's <c>compressData</c>: the blobs are gzip-compressed CSV. Reports say false today.</summary>
        public bool CompressData { get; }

        /// <summary>Reads a Completed status body (<c>{id, status, manifest:{blobs:[{blobLink, byteCount}]}, validTill}</c>).</summary>
        /// <exception cref="InvalidOperationException">The body lacks the manifest or its links.</exception>
        internal static CostReportManifest Parse(JsonElement root)
        {
            if (!root.TryGetProperty("manifest", out JsonElement manifest) || manifest.ValueKind != JsonValueKind.Object
                || !manifest.TryGetProperty("blobs", out JsonElement blobs) || blobs.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidOperationException("The finished cost report's status has no manifest with blobs.");
            }

            var list = new List<CostReportBlob>();
            foreach (JsonElement blob in blobs.EnumerateArray())
            {
                string? link = blob.TryGetProperty("blobLink", out JsonElement l) ? l.GetString() : null;
                if (link is null || !Uri.TryCreate(link, UriKind.Absolute, out Uri? uri))
                {
                    throw new InvalidOperationException("A blob of the finished cost report has no valid blobLink.");
                }

                list.Add(new CostReportBlob(uri, blob.TryGetProperty("byteCount", out JsonElement b) && b.TryGetInt64(out long bytes) ? bytes : 0));
            }

            long total = manifest.TryGetProperty("byteCount", out JsonElement t) && t.TryGetInt64(out long count) ? count : 0;
            DateTimeOffset validTill = root.TryGetProperty("validTill", out JsonElement v) && v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out DateTimeOffset until)
                ? until
                : DateTimeOffset.MinValue;
            string? id = root.TryGetProperty("id", out JsonElement i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
            bool compressed = manifest.TryGetProperty("compressData", out JsonElement c) && c.ValueKind == JsonValueKind.True;
            return new CostReportManifest(id, list, total, validTill, compressed);
        }
    }

    /// <summary>One CSV blob of a report; the link is its own credential and never shown.</summary>
    public sealed class CostReportBlob
    {
        public CostReportBlob(Uri link, long byteCount)
        {
            Link = link;
            ByteCount = byteCount;
        }

        public Uri Link { get; }
        public long ByteCount { get; }
    }
}
