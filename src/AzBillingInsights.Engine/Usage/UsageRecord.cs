using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Json;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>
    /// One row of the Resource Usage API with its instanceData already parsed: a meter's quantity in one
    /// usage bucket for one resource (or, with showDetails=false, for the whole subscription).
    /// </summary>
    public sealed class UsageRecord
    {
        public string SubscriptionId { get; set; } = string.Empty;
        public DateTimeOffset UsageStartTime { get; set; }
        public DateTimeOffset UsageEndTime { get; set; }
        public string MeterId { get; set; } = string.Empty;
        public string MeterName { get; set; } = string.Empty;
        public string MeterCategory { get; set; } = string.Empty;
        /// <summary>Absent on the wire for some meters (e.g. storage transactions); empty then.</summary>
        public string MeterSubCategory { get; set; } = string.Empty;
        /// <summary>Absent or "" on the wire for global meters; empty then.</summary>
        public string MeterRegion { get; set; } = string.Empty;
        public string Unit { get; set; } = string.Empty;
        public decimal Quantity { get; set; }

        public string? ResourceUri { get; set; }
        public string? ResourceGroup { get; set; }
        /// <summary>The resource provider namespace, e.g. Microsoft.Compute.</summary>
        public string? ResourceProvider { get; set; }
        /// <summary>The full resource type, e.g. Microsoft.Compute/virtualMachines.</summary>
        public string? ResourceType { get; set; }
        public string? ResourceName { get; set; }
        /// <summary>ARM region name from instanceData (e.g. eastus), as opposed to the meter's region.</summary>
        public string? Location { get; set; }
        /// <summary>Resource tags; case-insensitive keys; empty when the row has none.</summary>
        public IReadOnlyDictionary<string, string> Tags { get; set; } = JsonStringMap.Empty;
        public IReadOnlyDictionary<string, string> AdditionalInfo { get; set; } = JsonStringMap.Empty;
        public string? PartNumber { get; set; }
        public string? OrderNumber { get; set; }
        /// <summary>The legacy ("classic") key/value set; empty for ARM resources.</summary>
        public IReadOnlyDictionary<string, string> InfoFields { get; set; } = JsonStringMap.Empty;
    }
}
