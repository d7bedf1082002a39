using System.Collections;
using System.Collections.Generic;
using System.Linq;
using AzBillingInsights.Engine.IO;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// A row's values by header name, read from the row's record through the one name-to-position map of its report,
    /// so keeping every column costs nothing beyond the record.
    /// </summary>
    internal sealed class CostRowColumns : IReadOnlyDictionary<string, string>
    {
        private readonly CostColumnMap _map;
        private readonly CsvRecord _record;

        internal CostRowColumns(CostColumnMap map, CsvRecord record)
        {
            _map = map;
            _record = record;
        }

        public int Count => _map.Header.Count;

        public IEnumerable<string> Keys => _map.Header;

        public IEnumerable<string> Values => Enumerable.Range(0, Count).Select(_record.Text);

        public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"The report has no column '{key}'.");

        public bool ContainsKey(string key) => _map.ByName.ContainsKey(key);

        public bool TryGetValue(string key, out string value)
        {
            if (_map.ByName.TryGetValue(key, out int ordinal))
            {
                value = _record.Text(ordinal);
                return true;
            }

            value = string.Empty;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            _map.Header.Select((name, i) => new KeyValuePair<string, string>(name, _record.Text(i))).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
