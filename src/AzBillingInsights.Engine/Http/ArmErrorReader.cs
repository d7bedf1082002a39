using System;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace AzBillingInsights.Engine.Http
{
    /// <summary>
    /// Turns a failed response into an <see cref="ArmRequestException"/>. Three body shapes exist in these APIs:
    /// the ARM wrapper <c>{"error":{"code","message"}}</c>, the old flat <c>{"code","message"}</c>, and RateCard's
    /// <c>{"Message": ...}</c>; anything else keeps the status text.
    /// </summary>
    internal static class ArmErrorReader
    {
        internal static ArmRequestException Read(Response response, string operation)
        {
            (string? code, string? message) = ParseBody(response);
            string requestId = response.Headers.TryGetValue("x-ms-request-id", out string? id) ? id! : response.ClientRequestId;
            return new ArmRequestException(
                response.Status,
                code,
                message ?? $"{response.Status} {response.ReasonPhrase}".Trim(),
                requestId,
                operation);
        }

        private static (string? Code, string? Message) ParseBody(Response response)
        {
            BinaryData content;
            try
            {
                content = response.Content;
            }
            catch (InvalidOperationException)
            {
                return (null, null); // the body was not buffered
            }

            if (content.ToMemory().IsEmpty)
            {
                return (null, null);
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(content.ToMemory());
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return (null, null);
                }

                // Retail Prices capitalises its wrapper ("Error"), so the wrapper is found without regard to case too.
                JsonElement error = ObjectProperty(root, "error") ?? root;
                return (StringProperty(error, "code"), StringProperty(error, "message"));
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        private static JsonElement? ObjectProperty(JsonElement element, string name)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
                {
                    return property.Value;
                }
            }

            return null;
        }

        private static string? StringProperty(JsonElement element, string name)
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                {
                    return property.Value.GetString();
                }
            }

            return null;
        }
    }
}
