using AzBillingInsights.Engine.Access;

namespace AzBillingInsights
{
    /// <summary>Test-AzBillingInsights' answer for one API: can this identity read it, and if not why and what would grant it.</summary>
    public sealed class BillingAccessCheck
    {
        internal BillingAccessCheck(AccessCheck check, string subscriptionId, string? account)
        {
            SubscriptionId = subscriptionId;
            Account = account;
            Api = check.Api.ToString();
            Status = check.Status.ToString();
            CanRead = check.Status == AccessStatus.Readable;
            Reason = check.Reason;
            Grant = check.Grant;
            ErrorCode = check.ErrorCode;
            RequestId = check.RequestId;
        }

        public string SubscriptionId { get; }
        /// <summary>The identity checked, as Get-AzBillingInsightsContext names it.</summary>
        public string? Account { get; }
        /// <summary>Usage, RateCard, Invoices, BillingPeriods or RetailPrices.</summary>
        public string Api { get; }
        /// <summary>Readable, NoRole, NotOptedIn, NotSupported, TokenRejected, NotFound or Failed.</summary>
        public string Status { get; }
        public bool CanRead { get; }
        /// <summary>The service's own error code and message; null when readable.</summary>
        public string? Reason { get; }
        /// <summary>The role, opt-in or step that would make the API readable; null when readable.</summary>
        public string? Grant { get; }
        public string? ErrorCode { get; }
        public string? RequestId { get; }
    }
}
