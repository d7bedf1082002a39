using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AzBillingInsights.Engine.IO;
using AzBillingInsights.Engine.Json;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Turns each record of one cost report into a <see cref="CostRow"/>: its numbers, dates, tags and additional info
    /// parsed, its text kept as bytes. A report writes the same dates, prices and tags on row after row, so a cell
    /// whose bytes equal the row before's keeps the value parsed there, and a changed date or JSON object is looked up
    /// by its text (a JSON object by its bytes) before it is parsed. The lookups are bounded: one that fills is emptied
    /// and starts again.
    /// </summary>
    internal sealed class CostRowParser
    {
        private const int MaxDates = 4096;
        /// <summary>
        /// Real exports write tags and additional info per resource (a VM's own tags, AKS's per-pool ones, a VmName
        /// or ContainerId in additional info), and a report lists every resource each day. The lookup must hold a
        /// whole day of them, or a report of more resources than it holds parses every cell again: a 6,238-resource
        /// blob with its own tags per resource took 0.70 s instead of 0.25 s with 4,096 entries.
        /// </summary>
        private const int MaxObjects = 1 << 16;
        private const int MaxNames = 4096;
        private const int MaxPlainNumberLength = 32;
        private static readonly int ColumnCount = Enum.GetValues(typeof(CostColumn)).Length;

        private readonly CostColumnMap _map;
        private readonly Utf8CsvReader _records;
        private readonly CostMetric? _metric;
        private readonly Dictionary<string, DateTime> _dates = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        private readonly Utf8ValueCache<IReadOnlyDictionary<string, string>> _objects = new Utf8ValueCache<IReadOnlyDictionary<string, string>>(MaxObjects);
        private readonly Utf8ValueCache<string> _names = new Utf8ValueCache<string>(MaxNames);
        private readonly Utf8ValueCache<IReadOnlyDictionary<string, string>>.Factory _parseObject;
        private readonly DateTime?[] _lastDates = new DateTime?[ColumnCount];
        private readonly decimal?[] _lastNumbers = new decimal?[ColumnCount];
        private readonly IReadOnlyDictionary<string, string>[] _lastObjects = new IReadOnlyDictionary<string, string>[ColumnCount];
        private long _lastRecordNumber = -1;
        private bool _followsLastRow;
        private CostColumn _parsing;

        internal CostRowParser(CostColumnMap map, Utf8CsvReader records, CostMetric? metric)
        {
            _map = map;
            _records = records;
            _metric = metric;
            _parseObject = field => CostFieldParser.ParseObject(field, _names);
        }

        /// <summary>The reader's current record as a row.</summary>
        /// <exception cref="CostDetailsFormatException">A value is not what its column holds; the message names the row and the column.</exception>
        [MethodImpl(JitHints.HotPath)]
        internal CostRow Parse(long line)
        {
            _followsLastRow = _records.RecordNumber == _lastRecordNumber + 1;
            _lastRecordNumber = _records.RecordNumber;
            try
            {
                return new CostRow(_map, _records.ToRecord(_map.Header.Count))
                {
                    Metric = _metric,
                    Date = Date(CostColumn.Date) ?? throw new FormatException("The cell is empty; every row needs a date."),
                    BillingPeriodStartDate = Date(CostColumn.BillingPeriodStartDate),
                    BillingPeriodEndDate = Date(CostColumn.BillingPeriodEndDate),
                    Quantity = Number(CostColumn.Quantity) ?? 0m,
                    EffectivePrice = Number(CostColumn.EffectivePrice),
                    UnitPrice = Number(CostColumn.UnitPrice),
                    PayGPrice = Number(CostColumn.PayGPrice),
                    Cost = Number(CostColumn.Cost) ?? throw new FormatException("The cell is empty; a cost is never taken as zero."),
                    CostInUsd = Number(CostColumn.CostInUsd),
                    PayGCost = Number(CostColumn.PayGCost),
                    Tags = Object(CostColumn.Tags),
                    AdditionalInfo = Object(CostColumn.AdditionalInfo),
                };
            }
            catch (FormatException e)
            {
                int ordinal = _map[_parsing];
                string column = ordinal < 0 ? _parsing.ToString() : _map.Header[ordinal];
                throw new CostDetailsFormatException($"Row {line} of the cost report, column {column}: {e.Message}", e);
            }
        }

        /// <summary>True with the value the row before parsed, when this row follows it and the cell did not change.</summary>
        private bool IsUnchanged(int ordinal) => _followsLastRow && _records.IsSameAsPrevious(ordinal);

        [MethodImpl(JitHints.HotPath)]
        private DateTime? Date(CostColumn column)
        {
            int ordinal = _map[column];
            if (ordinal < 0)
            {
                return null;
            }

            if (IsUnchanged(ordinal))
            {
                return _lastDates[(int)column];
            }

            _parsing = column;
            string text = _records.Text(ordinal);
            DateTime? value = null;
            if (!CostFieldParser.IsEmpty(text))
            {
                if (!_dates.TryGetValue(text, out DateTime date))
                {
                    date = CostFieldParser.ParseDate(text);
                    if (_dates.Count >= MaxDates)
                    {
                        _dates.Clear();
                    }

                    _dates[text] = date;
                }

                value = date;
            }

            return _lastDates[(int)column] = value;
        }

        [MethodImpl(JitHints.HotPath)]
        private decimal? Number(CostColumn column)
        {
            int ordinal = _map[column];
            if (ordinal < 0)
            {
                return null;
            }

            if (IsUnchanged(ordinal))
            {
                return _lastNumbers[(int)column];
            }

            _parsing = column;
            return _lastNumbers[(int)column] = TryParsePlainNumber(_records.Field(ordinal), out decimal plain) ? plain : ParseNumberText(_records.Text(ordinal));
        }

        /// <summary>Most cells are short ASCII numbers: read from the bytes, without a string.</summary>
        private static bool TryParsePlainNumber(ReadOnlySpan<byte> field, out decimal value)
        {
            value = 0m;
            if (field.IsEmpty || field.Length > MaxPlainNumberLength)
            {
                return false;
            }

            Span<char> chars = stackalloc char[MaxPlainNumberLength];
            for (int i = 0; i < field.Length; i++)
            {
                chars[i] = (char)field[i]; // a byte over 127 is no digit, so the parse below refuses it
            }

            return CostFieldParser.TryParsePlainDecimal(chars.Slice(0, field.Length), out value);
        }

        private static decimal? ParseNumberText(string text) => CostFieldParser.IsEmpty(text) ? null : CostFieldParser.ParseDecimal(text);

        [MethodImpl(JitHints.HotPath)]
        private IReadOnlyDictionary<string, string> Object(CostColumn column)
        {
            int ordinal = _map[column];
            if (ordinal < 0)
            {
                return JsonStringMap.Empty;
            }

            if (IsUnchanged(ordinal))
            {
                return _lastObjects[(int)column];
            }

            _parsing = column;
            ReadOnlySpan<byte> field = _records.Field(ordinal);
            return _lastObjects[(int)column] = field.IsEmpty ? JsonStringMap.Empty : _objects.GetOrAdd(field, _parseObject);
        }
    }
}
