using System;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>A token given with -AccessToken has expired; it cannot be renewed, so it is not sent.</summary>
    public sealed class AccessTokenExpiredException : InvalidOperationException
    {
        public AccessTokenExpiredException(DateTimeOffset expiredOn)
            : base($"The access token given to Connect-AzBillingInsights expired at {expiredOn.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; it was not sent. "
                + "A token given with -AccessToken cannot be renewed.")
        {
            ExpiredOn = expiredOn;
        }

        public DateTimeOffset ExpiredOn { get; }
    }
}
