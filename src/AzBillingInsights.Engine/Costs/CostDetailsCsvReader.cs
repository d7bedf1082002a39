using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.IO;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Streams the rows of a cost CSV (a Cost Details blob or a Cost Management export) as <see cref="CostRow"/>s,
    /// whichever schema wrote it. <see cref="Utf8CsvReader"/> reads the records from the bytes as they arrive, handing
    /// a row's unchanged cells the row before's strings, so memory stays flat however long the report is.
    /// </summary>
    public static class CostDetailsCsvReader
    {
        /// <exception cref="CostDetailsFormatException">The header is not a cost report's, or a row cannot be read (it names the row and the column).</exception>
        public static async IAsyncEnumerable<CostRow> ReadAsync(Stream csv, CostMetric? metric, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var records = new Utf8CsvReader(csv);
            var header = new List<string>();
            if (await ReadRecordAsync(records, 1, cancellationToken).ConfigureAwait(false))
            {
                for (int i = 0; i < records.FieldCount; i++)
                {
                    header.Add(records.Text(i));
                }
            }

            CostColumnMap map = CostColumnMap.FromHeader(header);
            var rows = new CostRowParser(map, records, metric);
            long line = 1;
            while (await ReadRecordAsync(records, line + 1, cancellationToken).ConfigureAwait(false))
            {
                line++;
                if (records.FieldCount < header.Count)
                {
                    if (records.FieldCount == 1 && records.Field(0).IsEmpty)
                    {
                        continue; // a blank line, as some exports end with
                    }

                    throw new CostDetailsFormatException(
                        $"Row {line} of the cost report has {records.FieldCount} of its {header.Count} columns: the report was cut off or is damaged.");
                }

                yield return rows.Parse(line);
            }
        }

        private static async ValueTask<bool> ReadRecordAsync(Utf8CsvReader records, long line, CancellationToken cancellationToken)
        {
            try
            {
                return await records.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw new CostDetailsFormatException($"Row {line} of the cost report: {e.Message}", e);
            }
        }
    }
}
