namespace AzBillingInsights.Engine.Access
{
    /// <summary>The answer for one API: whether it is readable, and if not the specific reason and what would grant it.</summary>
    public sealed class AccessCheck
    {
        public AccessCheck(BillingApi api, AccessStatus status, string? reason, string? grant, string? errorCode, string? requestId)
        {
            Api = api;
            Status = status;
            Reason = reason;
            Grant = grant;
            ErrorCode = errorCode;
            RequestId = requestId;
        }

        public BillingApi Api { get; }
        public AccessStatus Status { get; }
        /// <summary>What the service said, with its error code; null when readable.</summary>
        public string? Reason { get; }
        /// <summary>The role, opt-in or step that would make the API readable; null when readable.</summary>
        public string? Grant { get; }
        public string? ErrorCode { get; }
        public string? RequestId { get; }
    }
}
