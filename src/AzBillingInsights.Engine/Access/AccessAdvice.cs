using System;
using AzBillingInsights.Engine.Http;

namespace AzBillingInsights.Engine.Access
{
    /// <summary>Turns a refused call into the status, the reason and the role or opt-in that grants the read.</summary>
    internal static class AccessAdvice
    {
        private const string ReadRoles = "Reader, Billing Reader, Contributor or Owner";

        internal static AccessCheck From(BillingApi api, string subscriptionId, ArmRequestException e)
        {
            AccessStatus status = IsInvoiceRefusal(api, e) ? AccessStatus.NotOptedIn : StatusOf(e);
            string said = string.IsNullOrWhiteSpace(e.Message) ? $"HTTP {e.Status} without an explanation" : e.Message;
            string reason = string.IsNullOrEmpty(e.ErrorCode) ? said : $"{e.ErrorCode}: {said}";
            return new AccessCheck(api, status, reason, Grant(api, status, subscriptionId, e), e.ErrorCode, e.RequestId);
        }

        /// <summary>
        /// Retail Prices takes no token, so a refusal is never about roles: the endpoint is unreachable, throttles, or is
        /// not a Retail Prices API. The status is Failed (NotFound for a 404) and the advice names the endpoint.
        /// </summary>
        internal static AccessCheck FromRetailPrices(Uri endpoint, ArmRequestException e)
        {
            string address = endpoint.GetLeftPart(UriPartial.Path);
            string said = string.IsNullOrWhiteSpace(e.Message) ? $"HTTP {e.Status} without an explanation" : e.Message;
            string reason = $"{(string.IsNullOrEmpty(e.ErrorCode) ? string.Empty : e.ErrorCode + ": ")}{said} (endpoint {address})";
            string grant = e.Status switch
            {
                0 => $"Nothing to grant (no sign-in is used): let this machine reach {address} (proxy, firewall, DNS), or point AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT at a mirror or proxy it can reach.",
                429 => "Nothing is missing: Retail Prices throttled the check (anonymous callers share a budget). Run Test-AzBillingInsights again in a minute.",
                _ => $"Nothing to grant (no sign-in is used): check that {address} is a Retail Prices API (AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT, or -Endpoint of Get-AzRetailPrice, names its base address, without /api/retail/prices).",
            };
            return new AccessCheck(BillingApi.RetailPrices, e.Status == 404 ? AccessStatus.NotFound : AccessStatus.Failed, reason, grant, e.ErrorCode, e.RequestId);
        }

        /// <summary>
        /// Azure refuses invoice reads with 401 (often without a body) or 403 both before the Account Administrator's
        /// opt-in and without a role, even for a token that reads usage; only an expired or wrong-audience token is
        /// about the token.
        /// </summary>
        private static bool IsInvoiceRefusal(BillingApi api, ArmRequestException e) =>
            api == BillingApi.Invoices && (e.Status == 401 || e.Status == 403)
            && e.ErrorCode is not ("ExpiredAuthenticationToken" or "InvalidAuthenticationTokenAudience");

        private static AccessStatus StatusOf(ArmRequestException e) => e.ErrorCode switch
        {
            "InvoiceAccessNotEnabled" => AccessStatus.NotOptedIn,
            "UnsupportedSubscriptionType" => AccessStatus.NotSupported,
            "AuthorizationFailed" => AccessStatus.NoRole,
            _ => e.Status switch
            {
                401 => AccessStatus.TokenRejected,
                403 => AccessStatus.NoRole,
                404 => AccessStatus.NotFound,
                _ => AccessStatus.Failed,
            },
        };

        private static string Grant(BillingApi api, AccessStatus status, string subscriptionId, ArmRequestException e) => status switch
        {
            AccessStatus.NoRole => $"A role with {Action(api)}: {ReadRoles} on subscription {subscriptionId} (Access control (IAM) > Add role assignment).",
            AccessStatus.NotOptedIn => "The subscription's Account Administrator turns on invoice access (Azure portal > Cost Management + Billing > Invoices > "
                + $"Access to invoice), and this identity has {ReadRoles} on subscription {subscriptionId}; or sign in as the Account Administrator. "
                + "A role alone is not enough, and connecting again does not help.",
            AccessStatus.NotSupported => "Nothing, through this API: Enterprise Agreement invoices come from the EA portal or Cost Management, CSP invoices from Partner Center.",
            AccessStatus.TokenRejected => "Connect again with Connect-AzBillingInsights: a token for this cloud's Resource Manager (-Environment) and the subscription's tenant.",
            AccessStatus.NotFound => "Check the subscription id, and that the subscription belongs to the connected tenant and cloud.",
            _ => e.Status == 429
                ? "Nothing is missing: Resource Manager throttled the check. Run Test-AzBillingInsights again in a few minutes."
                : "Unknown: the check itself failed. Run Test-AzBillingInsights again; if it keeps failing, check the network and the endpoint.",
        };

        private static string Action(BillingApi api) => api switch
        {
            BillingApi.Usage => "Microsoft.Commerce/UsageAggregates/read",
            BillingApi.RateCard => "Microsoft.Commerce/RateCard/read",
            BillingApi.Invoices => "Microsoft.Billing/invoices/read",
            BillingApi.BillingPeriods => "Microsoft.Billing/billingPeriods/read",
            BillingApi.RetailPrices => "no action (anonymous)",
            _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
        };
    }
}
