using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.IO;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>
    /// Writes one partition so that a reader never sees half of it: the data file and then the manifest are published
    /// through <see cref="AtomicFilePublisher"/>. A crash leaves finished partitions readable, at worst a hidden
    /// temporary file that the next run of the partition removes.
    /// </summary>
    public sealed class PartitionWriter
    {
        private readonly ExportFormat _format;

        public PartitionWriter(ExportFormat format) => _format = format;

        /// <summary>True when the partition has a manifest of this format version and every file it names.</summary>
        public static bool IsFinished(PartitionPaths paths)
        {
            PartitionManifest? manifest = PartitionManifest.TryRead(paths.Manifest);
            return manifest is not null && manifest.Files.TrueForAll(file => File.Exists(Path.Combine(paths.Folder, file)));
        }

        /// <summary>Writes <paramref name="rows"/> and then <paramref name="manifest"/>, filled in with the file's rows and totals.</summary>
        public async Task<PartitionManifest> WriteAsync(PartitionPaths paths, PartitionManifest manifest, IAsyncEnumerable<FocusRow> rows, CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(paths.Folder);
            RemoveEarlierAttempts(paths);
            manifest.RowCount = await AtomicFilePublisher.WriteAsync(paths.DataFile, overwrite: true, async (stream, token) =>
            {
                await using IFocusFileWriter writer = _format == ExportFormat.Parquet ? new ParquetFocusWriter(stream) : new CsvFocusWriter(stream);
                await foreach (FocusRow row in rows.WithCancellation(token).ConfigureAwait(false))
                {
                    if (manifest.Currency.Length == 0)
                    {
                        manifest.Currency = row.BillingCurrency;
                    }

                    manifest.BilledCost += row.BilledCost;
                    manifest.EffectiveCost += row.EffectiveCost;
                    manifest.ListCost += row.ListCost;
                    manifest.ContractedCost += row.ContractedCost;
                    await writer.WriteAsync(row, token).ConfigureAwait(false);
                }

                await writer.CompleteAsync(token).ConfigureAwait(false);
                return writer.RowCount;
            }, cancellationToken).ConfigureAwait(false);

            manifest.Format = _format.ToString();
            manifest.Files = new List<string> { Path.GetFileName(paths.DataFile) };
            string json = manifest.ToJson();
            AtomicFilePublisher.WriteText(paths.Manifest, overwrite: true, writer => writer.Write(json), cancellationToken);
            if (paths.HubsTrigger is not null)
            {
                AtomicFilePublisher.WriteText(paths.HubsTrigger, overwrite: true, _ => { }, cancellationToken);
            }

            return manifest;
        }

        /// <summary>
        /// A partition is rewritten whole: its manifest goes first (so it is never taken for finished meanwhile), then
        /// earlier data files (a hub's file name carries its ingestion id) and temporary files left by a crash.
        /// </summary>
        private static void RemoveEarlierAttempts(PartitionPaths paths)
        {
            File.Delete(paths.Manifest);
            if (paths.HubsTrigger is not null)
            {
                File.Delete(paths.HubsTrigger);
            }

            foreach (string file in Directory.EnumerateFiles(paths.Folder))
            {
                string name = Path.GetFileName(file);
                bool isData = name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
                bool isTemporary = name.StartsWith(".", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal);
                if (isData || isTemporary)
                {
                    File.Delete(file);
                }
            }
        }
    }
}
