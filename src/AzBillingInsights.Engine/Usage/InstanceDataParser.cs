using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using AzBillingInsights.Engine.Json;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>
    /// The resource a usage row belongs to, from its instanceData. Shared by every row of the same resource:
    /// nothing here is changed after parsing.
    /// </summary>
    internal sealed class InstanceData
    {
        internal string? ResourceUri { get; set; }
        internal string? ResourceGroup { get; set; }
        internal string? ResourceProvider { get; set; }
        internal string? ResourceType { get; set; }
        internal string? ResourceName { get; set; }
        internal string? Location { get; set; }
        internal IReadOnlyDictionary<string, string> Tags { get; set; } = JsonStringMap.Empty;
        internal IReadOnlyDictionary<string, string> AdditionalInfo { get; set; } = JsonStringMap.Empty;
        internal string? PartNumber { get; set; }
        internal string? OrderNumber { get; set; }

        internal void ApplyTo(UsageRecord record)
        {
            record.ResourceUri = ResourceUri;
            record.ResourceGroup = ResourceGroup;
            record.ResourceProvider = ResourceProvider;
            record.ResourceType = ResourceType;
            record.ResourceName = ResourceName;
            record.Location = Location;
            record.Tags = Tags;
            record.AdditionalInfo = AdditionalInfo;
            record.PartNumber = PartNumber;
            record.OrderNumber = OrderNumber;
        }
    }

    /// <summary>
    /// Parses the instanceData of a usage row (<c>{"Microsoft.Resources":{resourceUri, location, tags,
    /// additionalInfo, partNumber, orderNumber}}</c>) and derives resource group, provider, type and name
    /// from the resource URI. Tags and additionalInfo may be null or absent.
    /// </summary>
    internal static class InstanceDataParser
    {
        internal static InstanceData Parse(ReadOnlySpan<byte> utf8)
        {
            var data = new InstanceData();
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return data;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isResources = reader.ValueTextEquals("Microsoft.Resources");
                reader.Read();
                if (isResources && reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadResource(ref reader, data);
                }
                else
                {
                    reader.Skip();
                }
            }

            return data;
        }

        private static void ReadResource(ref Utf8JsonReader reader, InstanceData data)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "resourceUri":
                        data.ResourceUri = NullableString(ref reader);
                        if (data.ResourceUri is not null)
                        {
                            ApplyResourceUri(data.ResourceUri, data);
                        }

                        break;
                    case "location": data.Location = NullableString(ref reader); break;
                    case "tags": data.Tags = JsonStringMap.Read(ref reader); break;
                    case "additionalInfo": data.AdditionalInfo = JsonStringMap.Read(ref reader); break;
                    case "partNumber": data.PartNumber = NullableString(ref reader); break;
                    case "orderNumber": data.OrderNumber = NullableString(ref reader); break;
                    default: reader.Skip(); break;
                }
            }
        }

        /// <summary>
        /// /subscriptions/{s}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{childType}/{childName}...]
        /// gives provider {namespace}, type {namespace}/{type}/{childType} and name {name}/{childName}.
        /// </summary>
        private static void ApplyResourceUri(string resourceUri, InstanceData data)
        {
            string[] segments = resourceUri.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            for (int i = 0; i + 1 < segments.Length; i++)
            {
                if (string.Equals(segments[i], "resourceGroups", StringComparison.OrdinalIgnoreCase))
                {
                    data.ResourceGroup = segments[i + 1];
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

                    data.ResourceProvider = provider;
                    data.ResourceType = type.ToString();
                    data.ResourceName = resourceName.Length == 0 ? null : resourceName.ToString();
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
