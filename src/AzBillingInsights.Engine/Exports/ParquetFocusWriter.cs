using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Parquet;
using Parquet.Schema;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>
    /// FOCUS rows to Parquet, a row group at a time so memory stays flat whatever the row count: money and
    /// quantities as DECIMAL(38, 18), instants as UTC timestamps, text as UTF-8 strings, Snappy-compressed.
    /// </summary>
    internal sealed class ParquetFocusWriter : IFocusFileWriter
    {
        internal const int RowGroupSize = 50_000;
        private const int Precision = 38;
        private const int Scale = 18;

        private readonly Stream _stream;
        private readonly int _rowGroupSize;
        private readonly DataField[] _fields;
        private readonly List<FocusRow> _pending;
        private ParquetWriter? _writer;

        public ParquetFocusWriter(Stream stream, int rowGroupSize = RowGroupSize)
        {
            _stream = stream;
            _rowGroupSize = rowGroupSize;
            _fields = FocusSchema.Columns.Select(FieldOf).ToArray();
            _pending = new List<FocusRow>(rowGroupSize);
        }

        public long RowCount { get; private set; }

        public async ValueTask WriteAsync(FocusRow row, CancellationToken cancellationToken)
        {
            _pending.Add(row);
            RowCount++;
            if (_pending.Count == _rowGroupSize)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            // A partition without rows is still a readable file with the schema.
            if (_pending.Count > 0 || _writer is null)
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            await _writer!.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }

        public async ValueTask DisposeAsync()
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
            }
        }

        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_fields), _stream, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, false, cancellationToken).ConfigureAwait(false);
            using ParquetRowGroupWriter group = _writer.CreateRowGroup();
            IReadOnlyList<FocusColumn> columns = FocusSchema.Columns;
            for (int i = 0; i < columns.Count; i++)
            {
                FocusColumn column = columns[i];
                switch (column.Kind)
                {
                    case FocusColumnKind.Decimal:
                        await group.WriteAsync<decimal>(_fields[i], _pending.Select(column.DecimalOf).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
                        break;
                    case FocusColumnKind.Timestamp:
                        await group.WriteAsync<DateTime>(_fields[i], _pending.Select(r => column.TimestampOf(r)?.UtcDateTime).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await group.WriteAsync(_fields[i], _pending.Select(column.StringOf).ToArray()!, null).ConfigureAwait(false);
                        break;
                }
            }

            group.CompleteValidate();
            _pending.Clear();
        }

        private static DataField FieldOf(FocusColumn column) => column.Kind switch
        {
            FocusColumnKind.Decimal => new DecimalDataField(column.Name, Precision, Scale, forceByteArrayEncoding: true, isNullable: true),
            FocusColumnKind.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.DateAndTimeMicros, isAdjustedToUTC: true, isNullable: true),
            _ => new DataField(column.Name, typeof(string), isNullable: true),
        };
    }
}
