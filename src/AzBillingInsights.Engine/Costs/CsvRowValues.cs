using System;
using System.Runtime.CompilerServices;
using Sylvan.Data.Csv;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Copies a record's fields out of the reader's buffer as strings, handing back the previous row's string when a
    /// column repeats its text. A cost report writes a resource's rows together and the same account, subscription,
    /// date, agreement and tags on row after row, so most cells are such repeats: comparing with the row before costs a
    /// vectorized compare, where a pool keyed by hash paid for hashing every cell and kept strings alive long enough
    /// to be promoted and collected by full garbage collections.
    /// </summary>
    internal sealed class CsvRowValues
    {
        private string[] _previous;

        internal CsvRowValues(int fieldCount) => _previous = new string[fieldCount];

        /// <summary>The current record's values, one string per header column.</summary>
        [MethodImpl(JitHints.HotPath)]
        internal string[] Read(CsvDataReader reader)
        {
            var values = new string[_previous.Length];
            for (int i = 0; i < values.Length; i++)
            {
                ReadOnlySpan<char> text = reader.GetFieldSpan(i);
                string? previous = _previous[i];
                values[i] = previous is not null && text.SequenceEqual(previous.AsSpan()) ? previous
                    : text.Length == 0 ? string.Empty
                    : text.ToString();
            }

            _previous = values;
            return values;
        }
    }
}
