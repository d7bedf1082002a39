using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Distinct strings, case-insensitively (ARM names are), as small integers. Of the spellings seen for one
    /// value the ordinally smallest is kept, so the text shown does not depend on which row came first.
    /// The last string instance is remembered so that runs of the same instance skip hashing.
    /// </summary>
    internal sealed class StringInterner
    {
        private readonly Dictionary<string, int> _ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly List<string> _texts = new List<string>();
        private string? _last;
        private int _lastId;

        public int Intern(string? value)
        {
            value ??= string.Empty;
            if (ReferenceEquals(value, _last))
            {
                return _lastId;
            }

            if (_ids.TryGetValue(value, out int id))
            {
                string known = _texts[id];
                if (!ReferenceEquals(known, value) && string.CompareOrdinal(value, known) < 0)
                {
                    _texts[id] = value;
                }
            }
            else
            {
                id = _texts.Count;
                _ids.Add(value, id);
                _texts.Add(value);
            }

            _last = value;
            _lastId = id;
            return id;
        }

        public string Text(int id) => _texts[id];

        /// <summary>For each id, its position when the values are sorted: an order that does not depend on arrival.</summary>
        public int[] Ranks()
        {
            var ids = new int[_texts.Count];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = i;
            }

            Array.Sort(ids, (a, b) => StringComparer.OrdinalIgnoreCase.Compare(_texts[a], _texts[b]));
            var ranks = new int[ids.Length];
            for (int rank = 0; rank < ids.Length; rank++)
            {
                ranks[ids[rank]] = rank;
            }

            return ranks;
        }
    }
}
