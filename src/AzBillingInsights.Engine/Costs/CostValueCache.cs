using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Parsed dates and JSON objects (tags, additional info) by their text, for one report: the same few dates and
    /// each resource's tags come back on row after row. The parsed objects are read-only, so rows share them.
    /// Bounded: a cache that fills is emptied and starts again.
    /// </summary>
    internal sealed class CostValueCache
    {
        private const int MaxEntries = 4096;
        private readonly Dictionary<string, DateTime> _dates = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _objects = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);

        /// <exception cref="FormatException">Not a date.</exception>
        public DateTime Date(string text)
        {
            if (!_dates.TryGetValue(text, out DateTime date))
            {
                date = CostFieldParser.ParseDate(text);
                Bound(_dates);
                _dates[text] = date;
            }

            return date;
        }

        public DateTime? OptionalDate(string text) => CostFieldParser.IsEmpty(text) ? (DateTime?)null : Date(text);

        /// <exception cref="FormatException">Not a JSON object.</exception>
        public IReadOnlyDictionary<string, string> Object(string text)
        {
            if (text.Length == 0)
            {
                return CostFieldParser.NoEntries;
            }

            if (!_objects.TryGetValue(text, out IReadOnlyDictionary<string, string>? entries))
            {
                entries = CostFieldParser.ParseObject(text);
                Bound(_objects);
                _objects[text] = entries;
            }

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
