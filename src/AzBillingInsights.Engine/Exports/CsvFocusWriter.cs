using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>
    /// FOCUS rows to RFC 4180 CSV in UTF-8 without a byte-order mark: a header of the column names, decimals in
    /// invariant notation (never an exponent), instants as ISO 8601 UTC, empty for null.
    /// </summary>
    internal sealed class CsvFocusWriter : IFocusFileWriter
    {
        private readonly StreamWriter _writer;
        private bool _headerWritten;

        public CsvFocusWriter(Stream stream) =>
            _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\r\n" };

        public long RowCount { get; private set; }

        public async ValueTask WriteAsync(FocusRow row, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WriteHeaderOnceAsync().ConfigureAwait(false);
            var line = new StringBuilder(512);
            foreach (FocusColumn column in FocusSchema.Columns)
            {
                if (line.Length > 0)
                {
                    line.Append(',');
                }

                AppendField(line, column, row);
            }

            await _writer.WriteLineAsync(line.ToString()).ConfigureAwait(false);
            RowCount++;
        }

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            await WriteHeaderOnceAsync().ConfigureAwait(false);
            await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public ValueTask DisposeAsync() => _writer.DisposeAsync();

        private async Task WriteHeaderOnceAsync()
        {
            if (_headerWritten)
            {
                return;
            }

            _headerWritten = true;
            await _writer.WriteLineAsync(string.Join(",", FocusSchema.Columns.Select(c => c.Name))).ConfigureAwait(false);
        }

        private static void AppendField(StringBuilder line, FocusColumn column, FocusRow row)
        {
            switch (column.Kind)
            {
                case FocusColumnKind.Decimal:
                    line.Append(column.DecimalOf(row)?.ToString(CultureInfo.InvariantCulture));
                    break;
                case FocusColumnKind.Timestamp:
                    line.Append(column.TimestampOf(row)?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                    break;
                default:
                    AppendText(line, column.StringOf(row));
                    break;
            }
        }

        private static void AppendText(StringBuilder line, string? value)
        {
            if (value is null)
            {
                return;
            }

            if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
            {
                line.Append(value);
                return;
            }

            line.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
        }
    }
}
