using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>
    /// Reads one Usage API page with <see cref="Utf8JsonReader"/>, no object model: rows come out as
    /// <see cref="UsageRecord"/>s with instanceData (a JSON document inside a string) already parsed.
    /// Tolerates every absence seen in real payloads (reference §1.2); unknown fields are skipped.
    /// </summary>
    public static class UsagePageParser
    {
        public static UsagePage Parse(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            var records = new List<UsageRecord>(1000);
            Uri? nextLink = null;

            Expect(ref reader, JsonTokenType.StartObject);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("value"))
                {
                    Expect(ref reader, JsonTokenType.StartArray);
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        records.Add(ReadAggregate(ref reader));
                    }
                }
                else if (reader.ValueTextEquals("nextLink"))
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

        private static UsageRecord ReadAggregate(ref Utf8JsonReader reader)
        {
            var record = new UsageRecord();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("properties"))
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

        private static void ReadProperties(ref Utf8JsonReader reader, UsageRecord record)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "subscriptionId": record.SubscriptionId = StringOrEmpty(ref reader); break;
                    case "usageStartTime": record.UsageStartTime = ReadTime(ref reader); break;
                    case "usageEndTime": record.UsageEndTime = ReadTime(ref reader); break;
                    case "meterId": record.MeterId = StringOrEmpty(ref reader); break;
                    case "meterName": record.MeterName = StringOrEmpty(ref reader); break;
                    case "meterCategory": record.MeterCategory = StringOrEmpty(ref reader); break;
                    case "meterSubCategory": record.MeterSubCategory = StringOrEmpty(ref reader); break;
                    case "meterRegion": record.MeterRegion = StringOrEmpty(ref reader); break;
                    case "unit": record.Unit = StringOrEmpty(ref reader); break;
                    case "quantity": record.Quantity = ReadDecimal(ref reader); break;
                    case "infoFields": record.InfoFields = ReadStringMap(ref reader); break;
                    case "instanceData":
                        string? instanceData = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        if (!string.IsNullOrEmpty(instanceData))
                        {
                            InstanceDataParser.Apply(instanceData!, record);
                        }

                        break;
                    default: reader.Skip(); break;
                }
            }
        }

        internal static IReadOnlyDictionary<string, string> ReadStringMap(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return new Dictionary<string, string>(0, StringComparer.OrdinalIgnoreCase);
            }

            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string key = reader.GetString()!;
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        map[key] = reader.GetString()!;
                        break;
                    case JsonTokenType.Null:
                        map[key] = string.Empty;
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        // Nested values (rare, in additionalInfo) are kept as their JSON text.
                        map[key] = RawJson(ref reader);
                        break;
                    default:
                        map[key] = Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                        break;
                }
            }

            return map;
        }

        private static string RawJson(ref Utf8JsonReader reader)
        {
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.GetRawText();
        }

        private static string StringOrEmpty(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String ? reader.GetString()! : string.Empty;

        private static DateTimeOffset ReadTime(ref Utf8JsonReader reader)
        {
            if (reader.TryGetDateTimeOffset(out DateTimeOffset time))
            {
                return time;
            }

            // Older payloads carried times like "2015-03-03T00:00:00-07:00" that the strict reader may still refuse.
            return DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

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
