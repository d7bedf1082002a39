using System;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>What was given as -AccessToken is not a JWT, so ARM would refuse it; it is never sent.</summary>
    public sealed class InvalidAccessTokenException : ArgumentException
    {
        public InvalidAccessTokenException(string message) : base(message, "AccessToken")
        {
        }
    }
}
