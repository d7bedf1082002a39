using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Base for cmdlets that read one subscription per pipeline input. The prologue they share happens here, once:
    /// -SubscriptionId (bound from piped objects' SubscriptionId or Id) is checked, a bad one reported for this input
    /// only; the session is required; the id is resolved, the connection's default when none is given (see
    /// <see cref="SubscriptionIdArgument.ResolveForThisInput"/>). The cmdlet supplies only what it does with the subscription.
    /// </summary>
    public abstract class SubscriptionScopedCmdlet : AsyncPSCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        protected sealed override void ProcessRecord() => base.ProcessRecord();

        protected sealed override async Task ProcessRecordAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            if (SubscriptionIdArgument.ResolveForThisInput(SubscriptionId, pipeline.WriteError) is (var connection, var subscriptionId))
            {
                await ProcessSubscriptionAsync(pipeline, connection, subscriptionId, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The cmdlet's work for one pipeline input, on the resolved subscription.</summary>
        protected abstract Task ProcessSubscriptionAsync(AsyncPipeline pipeline, BillingConnection connection, string subscriptionId, CancellationToken cancellationToken);
    }
}
