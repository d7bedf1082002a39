using System;

namespace AzBillingInsights.Engine.Http
{
    /// <summary>
    /// A call to ARM that failed for good (after retries): the status, ARM's error code and message,
    /// and the request id that support asks for.
    /// </summary>
    public sealed class ArmRequestException : Exception
    {
        /// <summary>The <see cref="ErrorCode"/> of a call that got no answer (status 0): the connection dropped or timed out on every try.</summary>
        public const string ConnectionFailedCode = "ConnectionFailed";

        public ArmRequestException(int status, string? errorCode, string message, string? requestId, string operation)
            : base(message)
        {
            Status = status;
            ErrorCode = errorCode;
            RequestId = requestId;
            Operation = operation;
        }

        public int Status { get; }
        /// <summary>ARM's error code, e.g. AuthorizationFailed; null when the body carried none.</summary>
        public string? ErrorCode { get; }
        public string? RequestId { get; }
        /// <summary>What was being done, e.g. "reading usage aggregates for subscription ...".</summary>
        public string Operation { get; }
        /// <summary>Where a paged read can resume, when the failure happened after the first page.</summary>
        public string? ContinuationToken { get; set; }

        /// <summary>Which billing API refused, set by its client: a 202 or a 401/403 means something different for each.</summary>
        public ArmCallKind CallKind { get; set; }

        /// <summary>The service answered 202 Accepted ("not ready yet") on every poll.</summary>
        public bool IsNotReady => Status == 202;
    }

    /// <summary>The billing API a call belonged to.</summary>
    public enum ArmCallKind
    {
        Other,
        Usage,
        Invoice,
        BillingPeriod,
    }
}
