using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Access;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// The first-run check: one cheap call per billing API, answered per API with what this identity can read and,
    /// for what it cannot, the specific reason and the role or opt-in that would grant it. A refusal is the answer,
    /// not an error. Retail Prices, which needs no sign-in, is checked too: whether its endpoint answers.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "AzBillingInsights")]
    [OutputType(typeof(BillingAccessCheck))]
    public sealed class TestAzBillingInsightsCommand : SubscriptionScopedCmdlet
    {
        protected override async Task ProcessSubscriptionAsync(AsyncPipeline pipeline, BillingConnection connection, string subscriptionId, CancellationToken cancellationToken)
        {
            // One retry: a first-run check should answer promptly, and a throttled or unreachable endpoint is itself the answer.
            var retailPrices = new RetailPricesClient(RetailPricesEndpoint.Resolve(), maxRetries: 1);
            pipeline.WriteVerbose($"Checking what {connection.Account ?? "the connected identity"} can read on subscription {subscriptionId}, one call per API.");
            await foreach (AccessCheck check in new AccessChecker(connection.Arm, () => BillingClock.Instance.GetUtcNow(), retailPrices).CheckAsync(subscriptionId, cancellationToken).ConfigureAwait(false))
            {
                pipeline.WriteObject(new BillingAccessCheck(check, subscriptionId, connection.Account));
            }
        }
    }
}
