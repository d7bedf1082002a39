using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights
{
    /// <summary>
    /// Reads a planned-usage row (an Import-Csv line, a hashtable turned object, anything with the right property
    /// names) into an <see cref="ExpectedUsage"/>: MeterId, or MeterName with MeterRegion/MeterSubCategory/
    /// MeterCategory, and Quantity; optionally UsageStartTime (or Date), SubscriptionId, ResourceGroup,
    /// ResourceName, Location and Tags (a hashtable, or the JSON text Export-Csv wrote).
    /// </summary>
    internal static class PlannedUsageReader
    {
        /// <exception cref="ArgumentException">The row lacks a quantity or a meter, or a value does not convert; the message names the row.</exception>
        internal static ExpectedUsage Read(PSObject row, long rowNumber)
        {
            string label = "input row " + rowNumber.ToString(CultureInfo.InvariantCulture);
            var usage = new ExpectedUsage
            {
                Label = label,
                MeterId = Text(row, "MeterId"),
                MeterName = Text(row, "MeterName"),
                MeterRegion = Text(row, "MeterRegion"),
                MeterSubCategory = Text(row, "MeterSubCategory"),
                MeterCategory = Text(row, "MeterCategory"),
                ArmSkuName = Text(row, "ArmSkuName"),
                ArmRegionName = Text(row, "ArmRegionName"),
                ServiceName = Text(row, "ServiceName"),
                ProductName = Text(row, "ProductName"),
                Quantity = Quantity(row, label),
                UsageStartTime = Time(row, label),
                SubscriptionId = Text(row, "SubscriptionId"),
                ResourceGroup = Text(row, "ResourceGroup"),
                ResourceName = Text(row, "ResourceName"),
                Location = Text(row, "Location"),
                Tags = Tags(row, label),
            };
            if (string.IsNullOrEmpty(usage.MeterId) && string.IsNullOrEmpty(usage.MeterName) && string.IsNullOrEmpty(usage.ArmSkuName))
            {
                throw new ArgumentException($"{label} names no meter: give MeterId, or MeterName with MeterRegion (and MeterSubCategory when names repeat), or (with -PriceSource RetailPrices) ArmSkuName with ArmRegionName.");
            }

            return usage;
        }

        private static object? Value(PSObject row, string name)
        {
            object? value = row.Properties[name]?.Value;
            return value is PSObject wrapped ? wrapped.BaseObject : value;
        }

        private static string? Text(PSObject row, string name)
        {
            string? text = Value(row, name)?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
        }

        private static decimal Quantity(PSObject row, string label)
        {
            object? value = Value(row, "Quantity");
            if (value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
            {
                throw new ArgumentException($"{label} has no Quantity.");
            }

            try
            {
                decimal quantity = value is string text
                    ? decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
                    : LanguagePrimitives.ConvertTo<decimal>(value);
                return quantity >= 0 ? quantity : throw new ArgumentException($"{label} has a negative Quantity ({quantity}).");
            }
            catch (Exception e) when (e is FormatException || e is OverflowException || e is PSInvalidCastException)
            {
                throw new ArgumentException($"{label} has a Quantity that is not a number: '{value}'. Use a plain number such as 730 or 12.5.", e);
            }
        }

        private static DateTimeOffset? Time(PSObject row, string label)
        {
            object? value = Value(row, "UsageStartTime") ?? Value(row, "Date");
            switch (value)
            {
                case null:
                    return null;
                case DateTimeOffset time:
                    return time;
                case DateTime time:
                    return new DateTimeOffset(DateTime.SpecifyKind(time, time.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : time.Kind));
                default:
                    string text = value.ToString() ?? string.Empty;
                    if (text.Length == 0)
                    {
                        return null;
                    }

                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
                    {
                        return parsed;
                    }

                    throw new ArgumentException($"{label} has a UsageStartTime that is not a date: '{text}'. Use ISO 8601, e.g. 2026-11-01T00:00:00Z.");
            }
        }

        private static IReadOnlyDictionary<string, string>? Tags(PSObject row, string label)
        {
            object? value = Value(row, "Tags");
            switch (value)
            {
                case null:
                    return null;
                case IDictionary dictionary:
                    var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        tags[entry.Key.ToString()!] = entry.Value?.ToString() ?? string.Empty;
                    }

                    return tags;
                default:
                    string text = value.ToString() ?? string.Empty;
                    if (text.Trim().Length == 0)
                    {
                        return null;
                    }

                    try
                    {
                        // The form Export-Csv gives Get-AzUsageAggregate's Tags: {"CostCenter":"CC-1"}.
                        var parsed = JsonSerializer.Deserialize<Dictionary<string, string>>(text);
                        return parsed is null ? null : new Dictionary<string, string>(parsed, StringComparer.OrdinalIgnoreCase);
                    }
                    catch (JsonException e)
                    {
                        throw new ArgumentException($"{label} has Tags that are neither a hashtable nor JSON such as {{\"CostCenter\":\"CC-1\"}}: '{text}'.", e);
                    }
            }
        }
    }
}
