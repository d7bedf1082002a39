using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// A planned-usage row for a pre-consumption estimate (for example one line of a CSV): a meter named by
    /// MeterId, or by MeterName and MeterRegion (MeterSubCategory and MeterCategory narrow it down), and a quantity.
    /// </summary>
    public sealed class ExpectedUsage
    {
        /// <summary>How the row is named in errors, e.g. "line 4" or the CSV's own row name.</summary>
        public string? Label { get; set; }
        public string? MeterId { get; set; }
        public string? MeterName { get; set; }
        public string? MeterRegion { get; set; }
        public string? MeterSubCategory { get; set; }
        public string? MeterCategory { get; set; }
        /// <summary>With <see cref="ArmRegionName"/>, names a retail price instead of <see cref="MeterId"/> (for example Standard_D4s_v5).</summary>
        public string? ArmSkuName { get; set; }
        public string? ArmRegionName { get; set; }
        /// <summary>Narrows an ArmSkuName row to one service (for example Virtual Machines) where a SKU name repeats.</summary>
        public string? ServiceName { get; set; }
        /// <summary>Narrows an ArmSkuName row to one product (for example Virtual Machines Dsv5 Series Windows).</summary>
        public string? ProductName { get; set; }
        public decimal Quantity { get; set; }
        /// <summary>When the usage happens; rows without one fall in the estimate's default period.</summary>
        public DateTimeOffset? UsageStartTime { get; set; }
        public string? SubscriptionId { get; set; }
        public string? ResourceGroup { get; set; }
        public string? ResourceName { get; set; }
        public string? Location { get; set; }
        public IReadOnlyDictionary<string, string>? Tags { get; set; }

        public override string ToString()
        {
            string meter = !string.IsNullOrEmpty(MeterId) ? $"MeterId '{MeterId}'"
                : !string.IsNullOrEmpty(ArmSkuName) ? $"ArmSkuName '{ArmSkuName}', ArmRegionName '{ArmRegionName}'" + (ServiceName is null ? string.Empty : $", ServiceName '{ServiceName}'")
                : $"MeterName '{MeterName}'" + (MeterRegion is null ? string.Empty : $", MeterRegion '{MeterRegion}'")
                  + (string.IsNullOrEmpty(MeterSubCategory) ? string.Empty : $", MeterSubCategory '{MeterSubCategory}'");
            return Label is null ? meter : $"{Label} ({meter})";
        }
    }
}
