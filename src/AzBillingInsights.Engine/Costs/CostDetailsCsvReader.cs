using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Sylvan.Data.Csv;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Streams the rows of a cost CSV (a Cost Details blob or a Cost Management export) as <see cref="CostRow"/>s,
    /// whichever schema wrote it. Sylvan.Data.Csv does the RFC 4180 reading (quoted fields, doubled quotes,
    /// line breaks inside quotes) from a buffer it reuses, so memory stays flat however long the report is; <see cref="CsvRowValues"/>
    /// turns each record into strings.
    /// </summary>
    public static class CostDetailsCsvReader
    {
        private const int BufferSize = 64 * 1024;

        /// <exception cref="CostDetailsFormatException">The header is not a cost report's, or a row cannot be read (it names the row and the column).</exception>
        public static async IAsyncEnumerable<CostRow> ReadAsync(Stream csv, CostMetric? metric, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var cache = new CostValueCache();
            using var text = new StreamReader(csv, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen: true);
            var options = new CsvDataReaderOptions
            {
                HasHeaders = true,
                Delimiter = ',',
                BufferSize = BufferSize,
                // A Tags or AdditionalInfo cell can be long; let the buffer grow for it rather than fail.
                MaxBufferSize = 16 * 1024 * 1024,
            };
            using CsvDataReader reader = await CsvDataReader.CreateAsync(text, options, cancellationToken).ConfigureAwait(false);
            var header = new string[reader.FieldCount];
            for (int i = 0; i < header.Length; i++)
            {
                header[i] = reader.GetName(i);
            }

            CostColumnMap map = CostColumnMap.FromHeader(header);
            var rowValues = new CsvRowValues(header.Length);
            long line = 1;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                line++;
                if (reader.RowFieldCount < header.Length)
                {
                    if (reader.RowFieldCount == 1 && reader.GetString(0).Length == 0)
                    {
                        continue; // a blank line, as some exports end with
                    }

                    throw new CostDetailsFormatException(
                        $"Row {line} of the cost report has {reader.RowFieldCount} of its {header.Length} columns: the report was cut off or is damaged.");
                }

                yield return CostRowMapper.Map(map, rowValues.Read(reader), metric, line, cache);
            }
        }
    }
}
