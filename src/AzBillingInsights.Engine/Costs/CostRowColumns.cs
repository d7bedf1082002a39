using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// A row's raw values by header name, sharing one name-to-position map across the report, so keeping every
    /// column costs one array per row instead of a dictionary per row.
    /// </summary>
    internal sealed class CostRowColumns : IReadOnlyDictionary<string, string>
    {
        private readonly CostColumnMap _map;
        private readonly string[] _values;

        internal CostRowColumns(CostColumnMap map, string[] values)
        {
            _map = map;
            _values = values;
        }

        public int Count => _map.Header.Count;

        public IEnumerable<string> Keys => _map.Header;

        public IEnumerable<string> Values => _values;

        public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"The report has no column '{key}'.");

        public bool ContainsKey(string key) => _map.ByName.ContainsKey(key);

        public bool TryGetValue(string key, out string value)
        {
            if (_map.ByName.TryGetValue(key, out int ordinal))
            {
                value = ordinal < _values.Length ? _values[ordinal] : string.Empty;
                return true;
            }

            value = string.Empty;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            _map.Header.Select((name, i) => new KeyValuePair<string, string>(name, i < _values.Length ? _values[i] : string.Empty)).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
