using System.Text.Encodings.Web;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>One tier of a meter: from <see cref="StartQuantity"/> on, each unit costs <see cref="UnitPrice"/> (USD).</summary>
internal readonly record struct MeterTier(decimal StartQuantity, decimal UnitPrice);

/// <summary>
/// A rate-card meter. <see cref="SubCategory"/> and <see cref="UsageRegion"/> are null where usage rows
/// leave the field out (the rate card then says ""); the JSON-encoded forms are built once because every
/// usage row repeats them.
/// </summary>
internal sealed class Meter
{
    public Meter(string key, string name, string category, string? subCategory, string region, string? usageRegion,
        string unit, IReadOnlyList<MeterTier> tiers, decimal includedQuantity, DateTime effectiveDate,
        bool deprecated = false, bool thirdParty = false, bool longTierKeys = false)
    {
        Key = key;
        Id = StableHash.ToGuid(StableHash.OfText("meter:" + key)).ToString();
        Name = name;
        Category = category;
        SubCategory = subCategory;
        Region = region;
        UsageRegion = usageRegion;
        Unit = unit;
        Tiers = tiers;
        IncludedQuantity = includedQuantity;
        EffectiveDate = effectiveDate;
        Deprecated = deprecated;
        ThirdParty = thirdParty;
        LongTierKeys = longTierKeys;
        EncodedId = Encode(Id);
        EncodedName = Encode(name);
        EncodedCategory = Encode(category);
        EncodedSubCategory = subCategory is null ? null : Encode(subCategory);
        EncodedUsageRegion = usageRegion is null ? null : Encode(usageRegion);
        EncodedUnit = Encode(unit);
    }

    public string Key { get; }
    public string Id { get; }
    public string Name { get; }
    public string Category { get; }
    public string? SubCategory { get; }
    public string Region { get; }
    public string? UsageRegion { get; }
    public string Unit { get; }
    public IReadOnlyList<MeterTier> Tiers { get; }
    public decimal IncludedQuantity { get; }
    public DateTime EffectiveDate { get; }
    public bool Deprecated { get; }
    public bool ThirdParty { get; }

    /// <summary>Write tier keys as "1024.0000000000", a spelling real rate cards mix with "1024".</summary>
    public bool LongTierKeys { get; }

    public JsonEncodedText EncodedId { get; }
    public JsonEncodedText EncodedName { get; }
    public JsonEncodedText EncodedCategory { get; }
    public JsonEncodedText? EncodedSubCategory { get; }
    public JsonEncodedText? EncodedUsageRegion { get; }
    public JsonEncodedText EncodedUnit { get; }

    /// <summary>Real ARM writes quotes as \" and leaves non-ASCII and &lt;&gt; raw; so do we.</summary>
    public static JsonEncodedText Encode(string value) => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
}
