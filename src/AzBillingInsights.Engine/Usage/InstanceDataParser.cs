using System;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>
    /// Parses the instanceData string of a usage row (<c>{"Microsoft.Resources":{resourceUri, location, tags,
    /// additionalInfo, partNumber, orderNumber}}</c>) and derives resource group, provider, type and name
    /// from the resource URI. Tags and additionalInfo may be null or absent.
    /// </summary>
    internal static class InstanceDataParser
    {
        internal static void Apply(string instanceData, UsageRecord record)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(instanceData));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isResources = reader.ValueTextEquals("Microsoft.Resources");
                reader.Read();
                if (isResources && reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadResource(ref reader, record);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        private static void ReadResource(ref Utf8JsonReader reader, UsageRecord record)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "resourceUri":
                        record.ResourceUri = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        if (record.ResourceUri is not null)
                        {
                            ApplyResourceUri(record.ResourceUri, record);
                        }

                        break;
                    case "location": record.Location = NullableString(ref reader); break;
                    case "tags": record.Tags = UsagePageParser.ReadStringMap(ref reader); break;
                    case "additionalInfo": record.AdditionalInfo = UsagePageParser.ReadStringMap(ref reader); break;
                    case "partNumber": record.PartNumber = NullableString(ref reader); break;
                    case "orderNumber": record.OrderNumber = NullableString(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
        }

        /// <summary>
        /// /subscriptions/{s}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{childType}/{childName}...]
        /// gives provider {namespace}, type {namespace}/{type}/{childType} and name {name}/{childName}.
        /// </summary>
        internal static void ApplyResourceUri(string resourceUri, UsageRecord record)
        {
            string[] segments = resourceUri.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i + 1 < segments.Length; i++)
            {
                if (string.Equals(segments[i], "resourceGroups", StringComparison.OrdinalIgnoreCase))
                {
                    record.ResourceGroup = segments[i + 1];
                }
                else if (string.Equals(segments[i], "providers", StringComparison.OrdinalIgnoreCase))
                {
                    string provider = segments[i + 1];
                    var type = new StringBuilder(provider);
                    var resourceName = new StringBuilder();
                    for (int j = i + 2; j + 1 < segments.Length; j += 2)
                    {
                        type.Append('/').Append(segments[j]);
                        resourceName.Append(resourceName.Length == 0 ? string.Empty : "/").Append(segments[j + 1]);
                    }

                    record.ResourceProvider = provider;
                    record.ResourceType = type.ToString();
                    record.ResourceName = resourceName.Length == 0 ? null : resourceName.ToString();
                    return;
                }
            }
        }

        private static string? NullableString(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
            return null;
        }
    }
}
