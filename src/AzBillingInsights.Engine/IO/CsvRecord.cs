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
            : field[0] == (byte)'"' ? Unquote(field)
            : Encoding.UTF8.GetString(field);

        /// <summary>The text of a quoted field: doubled quotes become one, and anything after the closing quote is kept as written.</summary>
        private static string Unquote(ReadOnlySpan<byte> field)
        {
            byte[] rented = ArrayPool<byte>.Shared.Rent(field.Length);
            try
            {
                Span<byte> text = rented;
                int length = 0;
                ReadOnlySpan<byte> rest = field.Slice(1);
                while (true)
                {
                    int quote = rest.IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        rest.CopyTo(text.Slice(length));
                        length += rest.Length;
                        break;
                    }

                    rest.Slice(0, quote).CopyTo(text.Slice(length));
                    length += quote;
                    if (quote + 1 < rest.Length && rest[quote + 1] == (byte)'"')
                    {
                        text[length++] = (byte)'"';
                        rest = rest.Slice(quote + 2);
                        continue;
                    }

                    ReadOnlySpan<byte> afterClosingQuote = rest.Slice(quote + 1);
                    afterClosingQuote.CopyTo(text.Slice(length));
                    length += afterClosingQuote.Length;
                    break;
                }

                return Encoding.UTF8.GetString(text.Slice(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
