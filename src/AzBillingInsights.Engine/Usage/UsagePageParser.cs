using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AzBillingInsights.Engine.Json;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>
    /// Reads Usage API pages with <see cref="Utf8JsonReader"/>, no object model: rows come out as
    /// <see cref="UsageRecord"/>s with instanceData (a JSON document inside a string) already parsed.
    /// Tolerates every absence seen in real payloads (docs/design.md, "Usage API"); unknown fields are skipped.
    /// One parser serves one query: it remembers the strings and resources it has seen, so the rows of a
    /// month share them instead of each carrying its own copies.
    /// </summary>
    public sealed class UsagePageParser
    {
        private static readonly Utf8ValueCache<string>.Factory DecodeString = utf8 => Encoding.UTF8.GetString(utf8.ToArray());
        private static readonly Utf8ValueCache<InstanceData>.Factory ParseInstanceData = InstanceDataParser.Parse;
        private static readonly Utf8ValueCache<InstanceData>.Factory ParseEscapedInstanceData = ParseEscaped;

        private readonly Utf8ValueCache<string> _strings = new Utf8ValueCache<string>(capacity: 1 << 16);
        private readonly Utf8ValueCache<InstanceData> _resources = new Utf8ValueCache<InstanceData>(capacity: 1 << 14);

        [MethodImpl(JitHints.HotPath)]
        public UsagePage Parse(ReadOnlySpan<byte> json)
        {
            // Strict JSON, as the service writes it: the reader's comment-aware path costs about a tenth of a read.
            var reader = new Utf8JsonReader(json);
            var records = new List<UsageRecord>(1000);
            Uri? nextLink = null;

            Expect(ref reader, JsonTokenType.StartObject);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("value"u8))
                {
                    Expect(ref reader, JsonTokenType.StartArray);
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        records.Add(ReadAggregate(ref reader));
                    }
                }
                else if (reader.ValueTextEquals("nextLink"u8))
                {
                    reader.Read();
                    string? link = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    nextLink = string.IsNullOrEmpty(link) ? null : new Uri(link!, UriKind.Absolute);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return new UsagePage(records, nextLink);
        }

        /// <summary>
        /// The nextLink of a page, looked for from its end before the page is parsed, so the next page can be fetched
        /// during the parse. Azure writes it after the rows. Still a guess, which the parse confirms or overrules.
        /// </summary>
        internal static Uri? GuessNextLink(ReadOnlySpan<byte> page)
        {
            ReadOnlySpan<byte> name = "\"nextLink\""u8;
            int at = page.LastIndexOf(name);
            if (at < 0)
            {
                return null;
            }

            ReadOnlySpan<byte> rest = page.Slice(at + name.Length);
            int colon = 0;
            while (colon < rest.Length && rest[colon] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                colon++;
            }

            if (colon == rest.Length || rest[colon] != (byte)':')
            {
                return null;
            }

            try
            {
                var reader = new Utf8JsonReader(rest.Slice(colon + 1), isFinalBlock: false, state: default);
                return reader.Read() && reader.TokenType == JsonTokenType.String && Uri.TryCreate(reader.GetString(), UriKind.Absolute, out Uri? link)
                    ? link
                    : null;
            }
            catch (JsonException)
            {
                // Not a link after all: no guess. Whether the page itself is valid is for the parse to say.
                return null;
            }
        }

        [MethodImpl(JitHints.HotPath)]
        private UsageRecord ReadAggregate(ref Utf8JsonReader reader)
        {
            var record = new UsageRecord();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("properties"u8))
                {
                    Expect(ref reader, JsonTokenType.StartObject);
                    ReadProperties(ref reader, record);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return record;
        }

        [MethodImpl(JitHints.HotPath)]
        private void ReadProperties(ref Utf8JsonReader reader, UsageRecord record)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Property names are compared as UTF-8: decoding them would cost a string per field per row.
                if (reader.ValueTextEquals("subscriptionId"u8)) { reader.Read(); record.SubscriptionId = SharedString(ref reader); }
                else if (reader.ValueTextEquals("usageStartTime"u8)) { reader.Read(); record.UsageStartTime = ReadTime(ref reader); }
                else if (reader.ValueTextEquals("usageEndTime"u8)) { reader.Read(); record.UsageEndTime = ReadTime(ref reader); }
                else if (reader.ValueTextEquals("meterId"u8)) { reader.Read(); record.MeterId = SharedString(ref reader); }
                else if (reader.ValueTextEquals("meterName"u8)) { reader.Read(); record.MeterName = SharedString(ref reader); }
                else if (reader.ValueTextEquals("meterCategory"u8)) { reader.Read(); record.MeterCategory = SharedString(ref reader); }
                else if (reader.ValueTextEquals("meterSubCategory"u8)) { reader.Read(); record.MeterSubCategory = SharedString(ref reader); }
                else if (reader.ValueTextEquals("meterRegion"u8)) { reader.Read(); record.MeterRegion = SharedString(ref reader); }
                else if (reader.ValueTextEquals("unit"u8)) { reader.Read(); record.Unit = SharedString(ref reader); }
                else if (reader.ValueTextEquals("quantity"u8)) { reader.Read(); record.Quantity = ReadDecimal(ref reader); }
                else if (reader.ValueTextEquals("infoFields"u8)) { reader.Read(); record.InfoFields = JsonStringMap.Read(ref reader); }
                else if (reader.ValueTextEquals("instanceData"u8)) { reader.Read(); ReadInstanceData(ref reader)?.ApplyTo(record); }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        [MethodImpl(JitHints.HotPath)]
        private InstanceData? ReadInstanceData(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.IsEmpty)
            {
                reader.Skip();
                return null;
            }

            // Looked up by the raw, still-escaped bytes (the document inside the string has its quotes escaped): the
            // same resource repeats them row after row, so only its first row pays for unescaping. Raw escaped bytes
            // hold a backslash and unescaped ones never do, so the two kinds of key cannot meet.
            return _resources.GetOrAdd(reader.ValueSpan, reader.ValueIsEscaped ? ParseEscapedInstanceData : ParseInstanceData);
        }

        private static InstanceData ParseEscaped(ReadOnlySpan<byte> escaped)
        {
            // The bytes of a JSON string, quoted again and read back as one string to unescape them.
            var quoted = new byte[escaped.Length + 2];
            quoted[0] = quoted[quoted.Length - 1] = (byte)'"';
            escaped.CopyTo(quoted.AsSpan(1));
            var reader = new Utf8JsonReader(quoted);
            reader.Read();
            var unescaped = new byte[escaped.Length];
            int length = reader.CopyString(unescaped);
            return InstanceDataParser.Parse(unescaped.AsSpan(0, length));
        }

        [MethodImpl(JitHints.HotPath)]
        private string SharedString(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                return string.Empty;
            }

            return reader.ValueIsEscaped ? reader.GetString()! : _strings.GetOrAdd(reader.ValueSpan, DecodeString);
        }

        [MethodImpl(JitHints.HotPath)]
        private static DateTimeOffset ReadTime(ref Utf8JsonReader reader)
        {
            if (reader.TryGetDateTimeOffset(out DateTimeOffset time))
            {
                return time;
            }

            // Older payloads carried times like "2015-03-03T00:00:00-07:00" that the strict reader may still refuse.
            return DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        [MethodImpl(JitHints.HotPath)]
        private static decimal ReadDecimal(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                if (reader.TryGetDecimal(out decimal value))
                {
                    return value;
                }

                return (decimal)reader.GetDouble(); // exponent forms such as 1E-05
            }

            return decimal.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
        {
            if (!reader.Read() || reader.TokenType != type)
            {
                throw new JsonException($"The usage page is not in the expected shape: expected {type} at byte {reader.BytesConsumed}.");
            }
        }
    }
}
