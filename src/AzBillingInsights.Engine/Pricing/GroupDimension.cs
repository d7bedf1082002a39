using System;

namespace AzBillingInsights.Engine.Pricing
{
    public enum GroupDimensionKind
    {
        SubscriptionId,
        MeterCategory,
        MeterSubCategory,
        /// <summary>The meter id.</summary>
        Meter,
        ResourceGroup,
        /// <summary>The resource id (ResourceUri), or the resource name when a row has no id.</summary>
        Resource,
        /// <summary>The meter's region.</summary>
        Region,
        /// <summary>The resource's ARM location.</summary>
        Location,
        Tag,
        Hour,
        Day,
        Month,
    }

    /// <summary>One -GroupBy term: a row property, a tag ("Tag:CostCenter"), or a time bucket (Hour, Day, Month, in UTC).</summary>
    public sealed class GroupDimension
    {
        /// <summary>The key of rows that lack the tag, so that tag groups still add up to the total.</summary>
        public const string Untagged = "(untagged)";

        /// <summary>The key of rows without the value (classic rows have no resource group, resource or location).</summary>
        public const string NoValue = "(none)";

        private GroupDimension(GroupDimensionKind kind, string? tagName)
        {
            Kind = kind;
            TagName = tagName;
        }

        public GroupDimensionKind Kind { get; }
        public string? TagName { get; }
        public bool IsTime => Kind == GroupDimensionKind.Hour || Kind == GroupDimensionKind.Day || Kind == GroupDimensionKind.Month;
        /// <summary>The name as written in -GroupBy, e.g. "ResourceGroup" or "Tag:CostCenter".</summary>
        public string Name => Kind == GroupDimensionKind.Tag ? "Tag:" + TagName : Kind.ToString();

        public static GroupDimension Of(GroupDimensionKind kind) =>
            kind == GroupDimensionKind.Tag ? throw new ArgumentException("A tag dimension needs a tag name: use Tag(name).", nameof(kind)) : new GroupDimension(kind, null);

        public static GroupDimension Tag(string tagName) =>
            string.IsNullOrWhiteSpace(tagName) ? throw new ArgumentException("The tag name is empty.", nameof(tagName)) : new GroupDimension(GroupDimensionKind.Tag, tagName.Trim());

        /// <summary>Parses "ResourceGroup", "Tag:CostCenter", "Day" (case-insensitive); "Subscription" is accepted for SubscriptionId.</summary>
        public static GroupDimension Parse(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new FormatException("A group-by term is empty.");
            }

            text = text.Trim();
            if (text.StartsWith("Tag:", StringComparison.OrdinalIgnoreCase))
            {
                return Tag(text.Substring(4));
            }

            if (string.Equals(text, "Subscription", StringComparison.OrdinalIgnoreCase))
            {
                return Of(GroupDimensionKind.SubscriptionId);
            }

            if (!int.TryParse(text, out _) && Enum.TryParse(text, ignoreCase: true, out GroupDimensionKind kind) && kind != GroupDimensionKind.Tag)
            {
                return Of(kind);
            }

            throw new FormatException($"Cannot group by '{text}'. Use SubscriptionId, MeterCategory, MeterSubCategory, Meter, ResourceGroup, Resource, Region, Location, Tag:<name>, Hour, Day or Month.");
        }

        public override string ToString() => Name;
    }
}
