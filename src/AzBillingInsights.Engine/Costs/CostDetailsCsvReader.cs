using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
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
            CostRowParser? rows = null;
            int columns = 0;
            while (true)
            {
                bool read;
                try
                {
                    read = await records.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (InvalidDataException e)
                {
                    throw new CostDetailsFormatException($"Row {records.RecordNumber + 1} of the cost report: {e.Message}", e);
                }

                if (!read)
                {
                    break;
                }

                if (rows is null)
                {
                    CostColumnMap map = CostColumnMap.FromHeader(Enumerable.Range(0, records.FieldCount).Select(records.Text).ToList());
                    columns = map.Header.Count;
                    rows = new CostRowParser(map, records, metric);
                    continue;
                }

                if (records.FieldCount < columns)
                {
                    if (records.FieldCount == 1 && records.Field(0).IsEmpty)
                    {
                        continue; // a blank line, as some exports end with
                    }

                    throw new CostDetailsFormatException(
                        $"Row {records.RecordNumber} of the cost report has {records.FieldCount} of its {columns} columns: the report was cut off or is damaged.");
                }

                yield return rows.Parse(records.RecordNumber);
            }

            if (rows is null)
            {
                throw new CostDetailsFormatException("The cost report is empty: it has not even a header row.");
            }
        }
    }
}
