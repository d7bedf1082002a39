using System;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>Why a Cost Details exchange failed, in terms a user can act on.</summary>
    public enum CostDetailsFailure
    {
        /// <summary>The scope's agreement has no Cost Details (MOSP pay-as-you-go, Visual Studio, sponsorship).</summary>
        ScopeNotSupported,
        /// <summary>The caller lacks Cost Management Reader (subscription, resource group) or Billing Reader (billing scopes).</summary>
        AccessDenied,
        /// <summary>Cost Management's per-scope or per-client limits; <see cref="CostDetailsException.RetryAfter"/> says how long.</summary>
        Throttled,
        /// <summary>The report was accepted but ended with status Failed.</summary>
        ReportFailed,
        /// <summary>The report would exceed the API's size cap (about 2 GB / 2 M rows).</summary>
        ReportTooLarge,
        /// <summary>The report finished but a blob could not be read whole; it is reused while its links are valid.</summary>
        DownloadFailed,
        /// <summary>The report took longer to build than the caller allowed.</summary>
        TimedOut,
    }

    /// <summary>A Cost Details exchange that failed for a reason the user can act on; the message never holds a link.</summary>
    public sealed class CostDetailsException : Exception
    {
        public CostDetailsException(CostDetailsFailure failure, string message, string scope, TimeSpan? retryAfter = null, string? requestId = null, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
            Scope = scope;
            RetryAfter = retryAfter;
            RequestId = requestId;
        }

        public CostDetailsFailure Failure { get; }
        public string Scope { get; }
        /// <summary>For <see cref="CostDetailsFailure.Throttled"/>: how long until the scope accepts another report.</summary>
        public TimeSpan? RetryAfter { get; }
        public string? RequestId { get; }
    }
}
