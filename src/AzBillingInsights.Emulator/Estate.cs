using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>
/// What a subscription is billed under. Pay-As-You-Go and Visual Studio are MOSP (web direct); the commitment
/// subscriptions stand in for the enterprise kinds, alternately enrolled in the EA billing account and held by
/// the MCA billing profile (so subscription 3 is EA and subscription 6 is MCA).
/// </summary>
internal enum BillingAgreement
{
    OnlineServicesProgram,
    EnterpriseAgreement,
    MicrosoftCustomerAgreement,
}

/// <summary>How a stream's hourly quantity moves over time.</summary>
internal enum UsageShape
{
    /// <summary>Exactly the base every hour (a VM that is always on, a disk, a public IP).</summary>
    AlwaysOn,

    /// <summary>The base on weekdays 08:00–19:00 UTC, nothing otherwise (dev VMs with auto-shutdown).</summary>
    OfficeHours,

    /// <summary>Daily and weekly rhythm, slow upward trend and noise (scale sets, egress, transactions).</summary>
    Elastic,

    /// <summary>Slow upward trend with little noise (stored capacity).</summary>
    Growing,
}

internal sealed class Subscription
{
    public required Guid Id { get; init; }
    public required int Number { get; init; }
    public required string DisplayName { get; init; }
    public required Offer Offer { get; init; }
    public required bool InvoicesOptedIn { get; init; }

    /// <summary>The agreement the subscription is billed under; only EA and MCA have Cost Details.</summary>
    public required BillingAgreement Agreement { get; init; }

    /// <summary>The day of the month (1–28) its billing periods start on: the sign-up day.</summary>
    public required int BillingDay { get; init; }
    public List<Resource> Resources { get; } = [];
    public List<UsageStream> Streams { get; } = [];

    /// <summary>Streams grouped by meter (ordered by meter id), for showDetails=false merging.</summary>
    public IReadOnlyList<IReadOnlyList<UsageStream>> MeterGroups { get; set; } = [];

    public string IdText => Id.ToString();
    public JsonEncodedText EncodedId => Meter.Encode(IdText);
}

internal sealed class Resource
{
    public required string Uri { get; init; }
    public required string Type { get; init; }
    public required string Name { get; init; }
    public required string ResourceGroup { get; init; }
    public required AzureRegion Region { get; init; }

    /// <summary>Null when the resource has no tags; see <see cref="TagsMode"/> for how that is written.</summary>
    public Dictionary<string, string>? Tags { get; set; }

    public TagsMode TagsMode { get; set; }
    public required int FromHour { get; init; }
    public required int ToHour { get; init; }

    /// <summary>Classic (ASM) resources have no instanceData, only infoFields.</summary>
    public bool Classic { get; init; }
}

/// <summary>How instanceData carries tags: an object, an explicit null, or no "tags" key at all.</summary>
internal enum TagsMode
{
    Object,
    Null,
    Absent,
}

/// <summary>One resource consuming one meter: the unit the usage rows are generated for.</summary>
internal sealed class UsageStream
{
    public required int Index { get; init; }
    public required Subscription Subscription { get; init; }
    public required Resource Resource { get; init; }
    public required Meter Meter { get; init; }
    public required UsageShape Shape { get; init; }

    /// <summary>Quantity per hour before rhythm, trend and noise, in millionths of the meter's unit.</summary>
    public required long BaseMicros { get; init; }

    /// <summary>Relative growth over the whole data range (0.3 = 30 % more at the end than at the start).</summary>
    public required double Growth { get; init; }

    /// <summary>Hash identity of the stream; quantities and lags derive from it, the seed and the hour.</summary>
    public required ulong Key { get; init; }

    public Dictionary<string, string>? AdditionalInfo { get; init; }
    public (string PartNumber, string OrderNumber)? Marketplace { get; init; }
    public JsonEncodedText? EncodedInstanceData { get; set; }
    public IReadOnlyList<KeyValuePair<string, JsonEncodedText>> InfoFields { get; set; } = [];
    public Anomaly? Anomaly { get; set; }
}

/// <summary>An injected anomaly: the stream's quantity is multiplied during [FromHour, ToHour) of usage time.</summary>
internal sealed record Anomaly(string Id, string Kind, UsageStream Stream, int FromHour, int ToHour, double Multiplier, string Description);

internal sealed class Estate
{
    public required int Seed { get; init; }
    public required EmulatorClock Clock { get; init; }
    public required IReadOnlyList<Subscription> Subscriptions { get; init; }
    public required IReadOnlyList<Anomaly> Anomalies { get; init; }
    public required string TenantId { get; init; }

    /// <summary>The EA enrollment (billing account) and the MCA billing account and profile holding the enterprise subscriptions.</summary>
    public required BillingAccounts BillingAccounts { get; init; }

    public Subscription? Find(string subscriptionId) =>
        Guid.TryParse(subscriptionId, out Guid id) ? Subscriptions.FirstOrDefault(s => s.Id == id) : null;
}

/// <summary>The estate's two enterprise billing scopes, named as ARM names them.</summary>
internal sealed record BillingAccounts(string EnrollmentNumber, string McaBillingAccountName, string McaBillingProfileName)
{
    public string EaScope => $"/providers/Microsoft.Billing/billingAccounts/{EnrollmentNumber}";
    public string McaBillingAccountScope => $"/providers/Microsoft.Billing/billingAccounts/{McaBillingAccountName}";
    public string McaBillingProfileScope => $"{McaBillingAccountScope}/billingProfiles/{McaBillingProfileName}";
}
