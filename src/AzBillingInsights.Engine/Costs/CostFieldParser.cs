using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AzBillingInsights.Engine.IO;
using AzBillingInsights.Engine.Json;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// The value formats of cost exports: US dates (<c>09/21/2023</c>, <c>9/2/2023</c>) beside ISO ones, invariant
    /// decimals, and tags written as JSON without the braces (<c>"CostCenter": "1234","env": "prod"</c>).
    /// </summary>
    internal static class CostFieldParser
    {
        private static readonly string[] DateFormats =
        {
            "MM/dd/yyyy", "M/d/yyyy", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fffffffZ",
            "yyyy-MM-dd HH:mm:ss", "M/d/yyyy h:mm:ss tt", "MM/dd/yyyy HH:mm:ss",
        };

        /// <summary>
        /// A date in one of the layouts exports use, or any other ISO 8601 form (<c>2026-11-01T00:00:00.000Z</c>,
        /// <c>2026-11-01T00:00:00+00:00</c>): FOCUS files and newer report versions write times their own way.
        /// A time without an offset is UTC; one with an offset is moved to UTC.
        /// </summary>
        /// <exception cref="FormatException">Not a date in any layout exports use.</exception>
        internal static DateTime ParseDate(string text)
        {
            string trimmed = text.Trim();
            const DateTimeStyles Utc = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal;
            if (DateTime.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, Utc, out DateTime date))
            {
                return DateTime.SpecifyKind(date, DateTimeKind.Utc);
            }

            // Only year-first text falls through to the general parser, which would also take ambiguous forms.
            if (IsYearFirst(trimmed) && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, Utc, out DateTimeOffset iso))
            {
                return iso.UtcDateTime;
            }

            throw new FormatException($"'{text}' is not a date (expected MM/dd/yyyy or yyyy-MM-dd).");
        }

        private static bool IsYearFirst(string text) =>
            text.Length >= 10 && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3]) && text[4] == '-';

        /// <exception cref="FormatException">Not a number.</exception>
        internal static decimal ParseDecimal(string text) =>
            TryParsePlainDecimal(text.AsSpan(), out decimal value) || decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                ? value
                : throw new FormatException($"'{text}' is not a number.");

        /// <summary>
        /// The layout nearly every cost cell has, <c>-?digits(.digits)?</c> with at most 19 digits, read straight into
        /// a decimal with the same digits and scale decimal.Parse gives (trailing zeros kept). A cost report has five
        /// to seven numbers a row; decimal.Parse's general path (culture, exponent, whitespace) was a large part of
        /// reading one. Anything else, negative zero included, is left to decimal.Parse.
        /// </summary>
        [MethodImpl(JitHints.HotPath)]
        internal static bool TryParsePlainDecimal(ReadOnlySpan<char> text, out decimal value)
        {
            value = 0m;
            bool negative = text.Length > 0 && text[0] == '-';
            int start = negative ? 1 : 0;
            int point = -1;
            int digits = 0;
            ulong mantissa = 0;
            for (int i = start; i < text.Length; i++)
            {
                uint digit = (uint)(text[i] - '0');
                if (digit <= 9)
                {
                    if (++digits > 19)
                    {
                        return false;
                    }

                    mantissa = (mantissa * 10) + digit;
                }
                else if (text[i] == '.' && point < 0 && i > start && i < text.Length - 1)
                {
                    point = i;
                }
                else
                {
                    return false;
                }
            }

            if (digits == 0 || (negative && mantissa == 0))
            {
                return false;
            }

            byte scale = point < 0 ? (byte)0 : (byte)(text.Length - 1 - point);
            value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, scale);
            return true;
        }

        /// <summary>
        /// A CSV cell (<paramref name="field"/> as written, quotes included) holding a JSON object of tags or
        /// additional info, braces optional, read from its UTF-8 bytes into a <see cref="JsonStringMap"/>. An empty
        /// cell, <c>{}</c> and <c>NULL</c> have no entries.
        /// </summary>
        /// <exception cref="FormatException">The text is not a JSON object, with or without its braces.</exception>
        internal static IReadOnlyDictionary<string, string> ParseObject(ReadOnlySpan<byte> field, Utf8ValueCache<string>? names = null)
        {
            byte[] rented = ArrayPool<byte>.Shared.Rent(field.Length + 2);
            try
            {
                // The text goes in at 1, leaving room for the braces that brace-less tags are given.
                int length = CsvRecord.Unquote(field, rented.AsSpan(1));
                (int start, int trimmed) = Ascii.Trim(rented.AsSpan(1, length)).GetOffsetAndLength(length);
                Span<byte> text = rented.AsSpan(1 + start, trimmed);
                if (text.IsEmpty || text.SequenceEqual("{}"u8) || Ascii.EqualsIgnoreCase(text, "NULL"u8))
                {
                    return JsonStringMap.Empty;
                }

                if (text[0] != (byte)'{')
                {
                    rented[start] = (byte)'{';
                    rented[1 + start + trimmed] = (byte)'}';
                    return ReadObject(rented.AsSpan(start, trimmed + 2), text, names);
                }

                return ReadObject(text, text, names);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        private static IReadOnlyDictionary<string, string> ReadObject(ReadOnlySpan<byte> json, ReadOnlySpan<byte> cell, Utf8ValueCache<string>? names)
        {
            var reader = new Utf8JsonReader(json);
            try
            {
                reader.Read();
                IReadOnlyDictionary<string, string> entries = JsonStringMap.Read(ref reader, names);
                reader.Read(); // anything after the object is refused here
                return entries;
            }
            catch (JsonException e)
            {
                throw new FormatException($"'{Shorten(Encoding.UTF8.GetString(cell))}' is not a JSON object: {e.Message}", e);
            }
        }

        internal static bool IsEmpty(string text) => text.Length == 0 || string.Equals(text, "NULL", StringComparison.OrdinalIgnoreCase);

        private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";
    }
}
