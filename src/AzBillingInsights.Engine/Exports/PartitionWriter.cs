using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>
    /// Writes one partition so that a reader never sees half of it: the data file goes to a hidden temporary name in
    /// the partition's folder and is renamed into place when complete, then the manifest is published the same way.
    /// A crash leaves finished partitions readable, at worst a hidden temporary file that the next run removes.
    /// </summary>
    public sealed class PartitionWriter
    {
        private const string TemporarySuffix = ".tmp";

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
            string temporary = Path.Combine(paths.Folder, "." + Path.GetFileName(paths.DataFile) + "." + Guid.NewGuid().ToString("N") + TemporarySuffix);
            try
            {
                await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await using IFocusFileWriter writer = _format == ExportFormat.Parquet ? new ParquetFocusWriter(stream) : new CsvFocusWriter(stream);
                    await foreach (FocusRow row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                    {
                        if (manifest.Currency.Length == 0)
                        {
                            manifest.Currency = row.BillingCurrency;
                        }

                        manifest.BilledCost += row.BilledCost;
                        manifest.EffectiveCost += row.EffectiveCost;
                        manifest.ListCost += row.ListCost;
                        manifest.ContractedCost += row.ContractedCost;
                        await writer.WriteAsync(row, cancellationToken).ConfigureAwait(false);
                    }

                    await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                    manifest.RowCount = writer.RowCount;
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                File.Move(temporary, paths.DataFile, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }

            manifest.Format = _format.ToString();
            manifest.Files = new List<string> { Path.GetFileName(paths.DataFile) };
            await PublishAsync(paths.Manifest, manifest.ToJson(), cancellationToken).ConfigureAwait(false);
            if (paths.HubsTrigger is not null)
            {
                await PublishAsync(paths.HubsTrigger, string.Empty, cancellationToken).ConfigureAwait(false);
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
                bool isTemporary = name.StartsWith(".", StringComparison.Ordinal) && name.EndsWith(TemporarySuffix, StringComparison.Ordinal);
                if (isData || isTemporary)
                {
                    File.Delete(file);
                }
            }
        }

        private static async Task PublishAsync(string path, string text, CancellationToken cancellationToken)
        {
            string temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + TemporarySuffix);
            try
            {
                await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
                File.Move(temporary, path, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }
    }
}
