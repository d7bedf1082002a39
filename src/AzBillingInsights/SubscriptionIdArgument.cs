using System;
using System.Management.Automation;
using AzBillingInsights.Commands;
using AzBillingInsights.Engine;

namespace AzBillingInsights
{
    /// <summary>
    /// The one client-side rule for -SubscriptionId on every cmdlet that takes it: a GUID. Checked before any session,
    /// cache or network work, so a typo fails at once with the fix, not later as the service's 400, and not never
    /// (a rate card served from the cache never sends the id).
    /// </summary>
    /// <remarks>
    /// Not a ValidateArgumentsAttribute: PowerShell reports those as ParameterArgumentValidationError in the
    /// InvalidData category, and this is a wrong argument with an id of its own that scripts can match on.
    /// </remarks>
    internal static class SubscriptionIdArgument
    {
        internal const string ErrorId = "InvalidSubscriptionId";

        private const string Advice = "Give -SubscriptionId the subscription's id, a GUID such as 00000000-0000-0000-0000-000000000000, "
            + "as the Azure portal's Subscriptions page and Get-AzBillingInsightsContext show it.";

        /// <summary>
        /// The error for a value that is given and is not a GUID in its usual form (32 hex digits in hyphenated groups,
        /// as ARM writes it); null for such a GUID, and for no value (the connection's default, checked when it was set).
        /// </summary>
        internal static ErrorRecord? Check(string? subscriptionId)
        {
            if (subscriptionId is null || Guid.TryParseExact(subscriptionId.Trim(), "D", out _))
            {
                return null;
            }

            var exception = new ArgumentException(
                $"-SubscriptionId '{subscriptionId}' is not a GUID. Give the subscription's id, for example 00000000-0000-0000-0000-000000000000.");
            return ErrorFactory.Create(exception, ErrorId, ErrorCategory.InvalidArgument, subscriptionId, Advice);
        }

        /// <summary>
        /// For a value bound per pipeline input: writes <see cref="Check"/>'s error as this input's and returns false,
        /// so the command skips this input and goes on with the next; true when the value may be used.
        /// </summary>
        internal static bool AcceptForThisInput(string? subscriptionId, Action<ErrorRecord> writeError)
        {
            if (Check(subscriptionId) is ErrorRecord error)
            {
                writeError(error);
                return false;
            }

            return true;
        }

        /// <summary>
        /// The prologue of a command that reads one subscription per pipeline input: the value is checked (a bad one
        /// reported as this input's error, and null returned so the input is skipped), the session required, and the id
        /// resolved, the connection's default when none is given.
        /// </summary>
        internal static (BillingConnection Connection, string SubscriptionId)? ResolveForThisInput(string? subscriptionId, Action<ErrorRecord> writeError)
        {
            if (!AcceptForThisInput(subscriptionId, writeError))
            {
                return null;
            }

            BillingConnection connection = BillingSession.Require();
            return (connection, connection.ResolveSubscription(subscriptionId));
        }

        /// <summary>Ends the command with <see cref="Check"/>'s error: for a value that holds for the whole pipeline.</summary>
        /// <exception cref="CmdletTerminatingException">The value is not a GUID.</exception>
        internal static void Ensure(string? subscriptionId)
        {
            if (Check(subscriptionId) is ErrorRecord error)
            {
                throw new CmdletTerminatingException(error);
            }
        }
    }
}
