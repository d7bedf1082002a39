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
    public sealed class TestAzBillingInsightsCommand : SubscriptionScopedCmdlet
    {
        protected override async Task ProcessSubscriptionAsync(AsyncPipeline pipeline, BillingConnection connection, string subscriptionId, CancellationToken cancellationToken)
        {
            pipeline.WriteVerbose($"Checking what {connection.Account ?? "the connected identity"} can read on subscription {subscriptionId}, one call per API.");
            await foreach (AccessCheck check in new AccessChecker(connection.Arm, () => BillingClock.Instance.GetUtcNow()).CheckAsync(subscriptionId, cancellationToken).ConfigureAwait(false))
            {
                pipeline.WriteObject(new BillingAccessCheck(check, subscriptionId, connection.Account));
            }
        }
    }
}
