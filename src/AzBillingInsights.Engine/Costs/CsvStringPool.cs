using System;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Hands Sylvan one string per distinct cell text instead of a new one per cell: a cost report repeats its
    /// subscription, resource ids, meters, dates and tags on thousands of rows, so most of its 50-odd cells a row
    /// are repeats. A direct-mapped table (a newer text replaces an older one in its slot) keeps memory fixed.
    /// </summary>
    internal sealed class CsvStringPool
    {
        private const int MaxPooledLength = 512;
        private readonly string?[] _slots = new string?[1 << 14];

        public string Get(char[] buffer, int offset, int length)
        {
            if (length == 0)
            {
                return string.Empty;
            }

            var text = new ReadOnlySpan<char>(buffer, offset, length);
            if (length > MaxPooledLength)
            {
                return new string(text);
            }

            int slot = string.GetHashCode(text) & (_slots.Length - 1);
            string? known = _slots[slot];
            if (known is not null && text.SequenceEqual(known.AsSpan()))
            {
                return known;
            }

            string created = new string(text);
            _slots[slot] = created;
            return created;
        }
    }
}
