using System.Collections.Concurrent;

namespace AzBillingInsights.Emulator;

/// <summary>Role assignments at subscription scope, per principal object id.</summary>
internal sealed class RoleAssignments
{
    /// <summary>Every role that grants the read actions the three APIs need.</summary>
    public static readonly IReadOnlySet<string> ReadRoles = new HashSet<string>(["Owner", "Contributor", "Reader", "Billing Reader"], StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<Guid, IReadOnlyList<string>>> byPrincipal = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Replaces every assignment of the principal.</summary>
    public void Assign(string objectId, IReadOnlyDictionary<Guid, IReadOnlyList<string>> roles) => byPrincipal[objectId] = roles;

    public IReadOnlyList<string> RolesOf(string objectId, Guid subscriptionId) =>
        byPrincipal.TryGetValue(objectId, out var roles) && roles.TryGetValue(subscriptionId, out var list) ? list : [];

    public bool CanRead(string objectId, Guid subscriptionId) => RolesOf(objectId, subscriptionId).Any(ReadRoles.Contains);
}
