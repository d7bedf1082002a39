using System;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>The credential could not get a token (wrong secret, no managed identity, no CLI login, ...).</summary>
    public sealed class SignInException : Exception
    {
        public SignInException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
