namespace AzBillingInsights.Emulator;

internal sealed record ManagedIdentity(string Kind, string ClientId, string PrincipalId, string? ResourceId);

/// <summary>
/// The two identities the managed-identity endpoint serves. Their ids are fixed (the same for every seed)
/// so scripts and docs can name them; both hold Reader and Billing Reader on every subscription.
/// </summary>
internal sealed class ManagedIdentities
{
    public const string SystemAssignedClientId = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    public const string SystemAssignedPrincipalId = "1f2e3d4c-5b6a-4798-8a6b-5c4d3e2f1a0b";
    public const string UserAssignedClientId = "a7c3e9f1-2b4d-4f6a-9c8e-1d3b5f7a9c2e";
    public const string UserAssignedPrincipalId = "b8d4f0a2-3c5e-4a7b-8d9f-2e4c6a8b0d1f";

    public ManagedIdentities(Estate estate, RoleAssignments roles)
    {
        SystemAssigned = new ManagedIdentity("SystemAssigned", SystemAssignedClientId, SystemAssignedPrincipalId, null);
        UserAssigned = new ManagedIdentity("UserAssigned", UserAssignedClientId, UserAssignedPrincipalId,
            $"/subscriptions/{estate.Subscriptions[0].IdText}/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-billing-reader");
        IReadOnlyList<string> granted = ["Reader", "Billing Reader"];
        var everywhere = estate.Subscriptions.ToDictionary(s => s.Id, _ => granted);
        roles.Assign(SystemAssignedPrincipalId, everywhere);
        roles.Assign(UserAssignedPrincipalId, everywhere);
    }

    public ManagedIdentity SystemAssigned { get; }
    public ManagedIdentity UserAssigned { get; }

    public ManagedIdentity? Find(string? clientId, string? principalId, string? resourceId)
    {
        if (clientId is not null)
        {
            return string.Equals(clientId, UserAssigned.ClientId, StringComparison.OrdinalIgnoreCase) ? UserAssigned
                : string.Equals(clientId, SystemAssigned.ClientId, StringComparison.OrdinalIgnoreCase) ? SystemAssigned : null;
        }
        if (principalId is not null)
        {
            return string.Equals(principalId, UserAssigned.PrincipalId, StringComparison.OrdinalIgnoreCase) ? UserAssigned
                : string.Equals(principalId, SystemAssigned.PrincipalId, StringComparison.OrdinalIgnoreCase) ? SystemAssigned : null;
        }
        if (resourceId is not null)
        {
            return string.Equals(resourceId, UserAssigned.ResourceId, StringComparison.OrdinalIgnoreCase) ? UserAssigned : null;
        }
        return SystemAssigned;
    }
}
