using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Engine.Json
{
    /// <summary>
    /// Tags, additional info and info fields, as usage instanceData and cost CSV cells both carry them: a JSON object
    /// read into a map of strings. Keys are case-insensitive and a repeated one keeps its last value; null becomes an
    /// empty string, and a value that is not a string (a number, an object) keeps its JSON text.
    /// </summary>
    internal static class JsonStringMap
    {
        internal static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(0, StringComparer.OrdinalIgnoreCase);

        private static readonly Utf8ValueCache<string>.Factory DecodeName = utf8 => Encoding.UTF8.GetString(utf8);

        /// <summary>
        /// The object <paramref name="reader"/> is on, read to its end; anything else is skipped and reads as
        /// <see cref="Empty"/>. With <paramref name="names"/>, maps share one string per key name.
        /// </summary>
        /// <exception cref="JsonException">The JSON is not well formed.</exception>
        internal static IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Utf8ValueCache<string>? names = null)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return Empty;
            }

            Dictionary<string, string>? map = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string key = names is null || reader.ValueIsEscaped ? reader.GetString()! : names.GetOrAdd(reader.ValueSpan, DecodeName);
                reader.Read();
                map ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                map[key] = reader.TokenType switch
                {
                    JsonTokenType.String => reader.GetString()!,
                    JsonTokenType.Null => string.Empty,
                    // Nested values (rare, in additional info) are kept as their JSON text.
                    JsonTokenType.StartObject or JsonTokenType.StartArray => RawJson(ref reader),
                    _ => Encoding.UTF8.GetString(reader.ValueSpan),
                };
            }

            return map ?? Empty;
        }

        private static string RawJson(ref Utf8JsonReader reader)
        {
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.GetRawText();
        }
    }
}
