using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Parsed dates and JSON objects (tags, additional info) by their text, for one report: the same few dates and
    /// each resource's tags come back on row after row. The parsed objects are read-only, so rows share them.
    /// Bounded: a cache that fills is emptied and starts again. A row hands over the previous row's string when a cell
    /// repeats (<see cref="CsvRowValues"/>), so each column first checks for the very string it parsed last time.
    /// </summary>
    internal sealed class CostValueCache
    {
        private const int MaxEntries = 4096;
        private static readonly int ColumnCount = Enum.GetValues(typeof(CostColumn)).Length;

        private readonly Dictionary<string, DateTime> _dates = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _objects = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        private readonly string?[] _lastText = new string?[ColumnCount];
        private readonly DateTime[] _lastDate = new DateTime[ColumnCount];
        private readonly IReadOnlyDictionary<string, string>?[] _lastObject = new IReadOnlyDictionary<string, string>?[ColumnCount];

        /// <exception cref="FormatException">Not a date.</exception>
        [MethodImpl(JitHints.HotPath)]
        public DateTime Date(CostColumn column, string text)
        {
            if (ReferenceEquals(text, _lastText[(int)column]))
            {
                return _lastDate[(int)column];
            }

            if (!_dates.TryGetValue(text, out DateTime date))
            {
                date = CostFieldParser.ParseDate(text);
                Bound(_dates);
                _dates[text] = date;
            }

            _lastText[(int)column] = text;
            _lastDate[(int)column] = date;
            return date;
        }

        public DateTime? OptionalDate(CostColumn column, string text) => CostFieldParser.IsEmpty(text) ? (DateTime?)null : Date(column, text);

        /// <exception cref="FormatException">Not a JSON object.</exception>
        [MethodImpl(JitHints.HotPath)]
        public IReadOnlyDictionary<string, string> Object(CostColumn column, string text)
        {
            if (text.Length == 0)
            {
                return CostFieldParser.NoEntries;
            }

            if (ReferenceEquals(text, _lastText[(int)column]))
            {
                return _lastObject[(int)column]!;
            }

            if (!_objects.TryGetValue(text, out IReadOnlyDictionary<string, string>? entries))
            {
                entries = CostFieldParser.ParseObject(text);
                Bound(_objects);
                _objects[text] = entries;
            }

            _lastText[(int)column] = text;
            _lastObject[(int)column] = entries;
            return entries;
        }

        private static void Bound<T>(Dictionary<string, T> cache)
        {
            if (cache.Count >= MaxEntries)
            {
                cache.Clear();
            }
        }
    }
}
