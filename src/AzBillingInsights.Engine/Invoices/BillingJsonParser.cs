using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace AzBillingInsights.Engine.Invoices
{
    /// <summary>Reads the invoice and billing-period payloads (docs/design.md, "Invoice API"). Pages are small (at most 100 items), so a document is fine here.</summary>
    internal static class BillingJsonParser
    {
        internal static BillingPage<InvoiceRecord> ParseInvoicePage(ReadOnlyMemory<byte> json, string subscriptionId) =>
            ParsePage(json, element => ReadInvoice(element, subscriptionId));

        internal static InvoiceRecord ParseInvoice(ReadOnlyMemory<byte> json, string subscriptionId)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return ReadInvoice(document.RootElement, subscriptionId);
        }

        internal static BillingPage<BillingPeriodRecord> ParseBillingPeriodPage(ReadOnlyMemory<byte> json, string subscriptionId) =>
            ParsePage(json, element => ReadBillingPeriod(element, subscriptionId));

        internal static BillingPeriodRecord ParseBillingPeriod(ReadOnlyMemory<byte> json, string subscriptionId)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return ReadBillingPeriod(document.RootElement, subscriptionId);
        }

        private static BillingPage<T> ParsePage<T>(ReadOnlyMemory<byte> json, Func<JsonElement, T> read)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            var items = new List<T>();
            if (root.TryGetProperty("value", out JsonElement value) && value.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement element in value.EnumerateArray())
                {
                    items.Add(read(element));
                }
            }

            string? next = OptionalString(root, "nextLink");
            return new BillingPage<T>(items, string.IsNullOrEmpty(next) ? null : new Uri(next!, UriKind.Absolute));
        }

        private static InvoiceRecord ReadInvoice(JsonElement invoice, string subscriptionId)
        {
            JsonElement properties = invoice.GetProperty("properties");
            Uri? downloadUrl = null;
            DateTimeOffset? expiry = null;
            if (properties.TryGetProperty("downloadUrl", out JsonElement download) && download.ValueKind == JsonValueKind.Object)
            {
                string? url = OptionalString(download, "url");
                downloadUrl = string.IsNullOrEmpty(url) ? null : new Uri(url!, UriKind.Absolute);
                string? expiryText = OptionalString(download, "expiryTime");
                expiry = expiryText is null ? null : DateTimeOffset.Parse(expiryText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            }

            string id = invoice.GetProperty("id").GetString() ?? string.Empty;
            return new InvoiceRecord(
                SubscriptionOf(id, subscriptionId),
                id,
                invoice.GetProperty("name").GetString() ?? string.Empty,
                ReadDate(properties, "invoicePeriodStartDate"),
                ReadDate(properties, "invoicePeriodEndDate"),
                StringArray(properties, "billingPeriodIds"),
                downloadUrl,
                expiry);
        }

        private static BillingPeriodRecord ReadBillingPeriod(JsonElement period, string subscriptionId)
        {
            JsonElement properties = period.GetProperty("properties");
            string id = period.GetProperty("id").GetString() ?? string.Empty;
            return new BillingPeriodRecord(
                SubscriptionOf(id, subscriptionId),
                id,
                period.GetProperty("name").GetString() ?? string.Empty,
                ReadDate(properties, "billingPeriodStartDate"),
                ReadDate(properties, "billingPeriodEndDate"),
                StringArray(properties, "invoiceIds"));
        }

        /// <summary>The subscription in the resource id; the one asked about when the id has none (a spec example's id is malformed).</summary>
        private static string SubscriptionOf(string resourceId, string fallback)
        {
            string[] segments = resourceId.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            return segments.Length > 1 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? segments[1] : fallback;
        }

        /// <summary>A "format: date" value as UTC midnight; a full date-time is tolerated and cut to its UTC date.</summary>
        private static DateTime ReadDate(JsonElement properties, string name)
        {
            string text = properties.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null.");
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime.Date;
        }

        private static string? OptionalString(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static IReadOnlyList<string> StringArray(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            {
                return Array.Empty<string>();
            }

            var values = new List<string>(array.GetArrayLength());
            foreach (JsonElement item in array.EnumerateArray())
            {
                values.Add(item.GetString() ?? string.Empty);
            }

            return values;
        }
    }

    /// <summary>One page of a list and the link to the next, if any.</summary>
    internal sealed class BillingPage<T>
    {
        internal BillingPage(IReadOnlyList<T> items, Uri? nextLink)
        {
            Items = items;
            NextLink = nextLink;
        }

        internal IReadOnlyList<T> Items { get; }
        internal Uri? NextLink { get; }
    }
}
