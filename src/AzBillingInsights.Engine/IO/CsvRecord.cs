using System;
using System.Buffers;
using System.Text;

namespace AzBillingInsights.Engine.IO
{
    /// <summary>
    /// One CSV record as written: its UTF-8 bytes and where each field ends. A field is decoded to text each time it
    /// is read, so a record costs two arrays however many columns it has, and one of a hundred thousand kept in a
    /// variable costs its bytes, not a string per cell.
    /// </summary>
    internal sealed class CsvRecord
    {
        private readonly byte[] _bytes;
        private readonly int[] _ends;

        internal CsvRecord(byte[] bytes, int[] ends)
        {
            _bytes = bytes;
            _ends = ends;
        }

        internal int FieldCount => _ends.Length;

        /// <summary>The text of field <paramref name="index"/>, quotes removed.</summary>
        internal string Text(int index)
        {
            int start = index == 0 ? 0 : _ends[index - 1] + 1;
            return Decode(_bytes.AsSpan(start, _ends[index] - start));
        }

        /// <summary>A field's text: UTF-8 decoded, and unquoted when it starts with a quote.</summary>
        internal static string Decode(ReadOnlySpan<byte> field) =>
            field.IsEmpty ? string.Empty
            : field[0] == (byte)'"' ? DecodeQuoted(field)
            : Encoding.UTF8.GetString(field);

        /// <summary>
        /// A field's UTF-8 text, unquoted when it starts with a quote, written to <paramref name="text"/> (at least as
        /// long as the field); returns its length.
        /// </summary>
        internal static int Unquote(ReadOnlySpan<byte> field, Span<byte> text)
        {
            if (field.IsEmpty || field[0] != (byte)'"')
            {
                field.CopyTo(text);
                return field.Length;
            }

            int length = 0;
            ReadOnlySpan<byte> rest = field.Slice(1);
            while (true)
            {
                int quote = rest.IndexOf((byte)'"');
                if (quote < 0)
                {
                    rest.CopyTo(text.Slice(length));
                    return length + rest.Length;
                }

                rest.Slice(0, quote).CopyTo(text.Slice(length));
                length += quote;
                if (quote + 1 < rest.Length && rest[quote + 1] == (byte)'"')
                {
                    text[length++] = (byte)'"';
                    rest = rest.Slice(quote + 2);
                    continue;
                }

                // Anything after the closing quote is kept as written.
                ReadOnlySpan<byte> afterClosingQuote = rest.Slice(quote + 1);
                afterClosingQuote.CopyTo(text.Slice(length));
                return length + afterClosingQuote.Length;
            }
        }

        private static string DecodeQuoted(ReadOnlySpan<byte> field)
        {
            byte[] rented = ArrayPool<byte>.Shared.Rent(field.Length);
            try
            {
                return Encoding.UTF8.GetString(rented, 0, Unquote(field, rented));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
