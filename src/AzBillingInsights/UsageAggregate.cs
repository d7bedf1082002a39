using System;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights
{
    /// <summary>
    /// One usage row as Get-AzUsageAggregate emits it: a meter's quantity in one usage bucket for one resource.
    /// Flat, so Export-Csv gives one useful column per property; Tags and AdditionalInfo are written as JSON.
    /// </summary>
    public sealed class UsageAggregate
    {
        private TagCollection? _tags;
        private TagCollection? _additionalInfo;

        internal UsageAggregate(UsageRecord record) => Record = record;

        /// <summary>The engine's row, handed back to the engine by Measure-AzEstimatedCost without a copy.</summary>
        internal UsageRecord Record { get; }

        public string SubscriptionId => Record.SubscriptionId;
        public DateTimeOffset UsageStartTime => Record.UsageStartTime;
        public DateTimeOffset UsageEndTime => Record.UsageEndTime;
        public string MeterId => Record.MeterId;
        public string MeterName => Record.MeterName;
        public string MeterCategory => Record.MeterCategory;
        public string MeterSubCategory => Record.MeterSubCategory;
        public string MeterRegion => Record.MeterRegion;
        public string Unit => Record.Unit;
        public decimal Quantity => Record.Quantity;
        public string? ResourceUri => Record.ResourceUri;
        public string? ResourceGroup => Record.ResourceGroup;
        public string? ResourceProvider => Record.ResourceProvider;
        public string? ResourceType => Record.ResourceType;
        public string? ResourceName => Record.ResourceName;
        public string? Location => Record.Location;
        public TagCollection Tags => _tags ??= new TagCollection(Record.Tags);
        public TagCollection AdditionalInfo => _additionalInfo ??= new TagCollection(Record.AdditionalInfo);
        public string? PartNumber => Record.PartNumber;
        public string? OrderNumber => Record.OrderNumber;
        /// <summary>The classic (pre-ARM) key/value set; empty for ARM resources.</summary>
        public TagCollection InfoFields => new TagCollection(Record.InfoFields);
    }
}
