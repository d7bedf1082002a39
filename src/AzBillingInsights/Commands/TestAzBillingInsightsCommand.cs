using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Access;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// The first-run check: one cheap call per billing API, answered per API with what this identity can read and,
    /// for what it cannot, the specific reason and the role or opt-in that would grant it. A refusal is the answer,
    /// not an error.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AzBillingInsights")]
    [OutputType(typeof(BillingAccessCheck))]
    public sealed class TestAzBillingInsightsCommand : AsyncPSCmdlet
    {
        /// <summary>Bound from piped objects' SubscriptionId or Id, so several subscriptions can be checked at once.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            if (!SubscriptionIdArgument.AcceptForThisInput(this, SubscriptionId))
            {
                return;
            }

            BillingConnection connection = BillingSession.Require();
            string subscriptionId = connection.ResolveSubscription(SubscriptionId);
            WriteVerbose($"Checking what {connection.Account ?? "the connected identity"} can read on subscription {subscriptionId}, one call per API.");
            await foreach (AccessCheck check in new AccessChecker(connection.Arm, () => DateTimeOffset.UtcNow).CheckAsync(subscriptionId, cancellationToken).ConfigureAwait(false))
            {
                WriteObject(new BillingAccessCheck(check, subscriptionId, connection.Account));
            }
        }
    }
}
