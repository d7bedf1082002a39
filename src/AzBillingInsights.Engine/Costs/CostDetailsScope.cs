using System;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// The scope of a Cost Details report: a subscription id on its own becomes <c>/subscriptions/{id}</c>; any other
    /// value must be an ARM resource id (subscription, resource group, EA billing account / department / enrollment
    /// account, MCA billing account / billing profile / invoice section / customer).
    /// </summary>
    public static class CostDetailsScope
    {
        /// <exception cref="ArgumentException">Empty, not a resource id, or a management group (the API has no such scope).</exception>
        public static string Normalize(string scopeOrSubscriptionId)
        {
            string scope = (scopeOrSubscriptionId ?? string.Empty).Trim().TrimEnd('/');
            if (Guid.TryParse(scope, out Guid subscription))
            {
                return "/subscriptions/" + subscription.ToString("D");
            }

            if (scope.Length == 0 || scope[0] != '/' || scope.IndexOf("?", StringComparison.Ordinal) >= 0 || scope.IndexOf("//", StringComparison.Ordinal) >= 0)
            {
                throw new ArgumentException(
                    $"-Scope '{scopeOrSubscriptionId}' is not a subscription id or a resource id. Give a subscription id, or an id such as "
                    + "/subscriptions/{id}/resourceGroups/{name}, /providers/Microsoft.Billing/billingAccounts/{id} or "
                    + "/providers/Microsoft.Billing/billingAccounts/{id}/billingProfiles/{id}.", nameof(scopeOrSubscriptionId));
            }

            if (scope.IndexOf("/providers/Microsoft.Management/managementGroups/", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new ArgumentException(
                    $"-Scope '{scope}' is a management group; the Cost Details API has no management-group scope. Ask for each subscription, or for the billing account.",
                    nameof(scopeOrSubscriptionId));
            }

            return scope;
        }
    }
}
