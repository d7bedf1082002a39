using System.Management.Automation;
using AzBillingInsights.Engine;

namespace AzBillingInsights.Commands
{
    /// <summary>Shows the current connection (account, cloud, endpoint, default subscription, token expiry), never the token.</summary>
    [Cmdlet(VerbsCommon.Get, "AzBillingInsightsContext")]
    [OutputType(typeof(BillingInsightsContext))]
    public sealed class GetAzBillingInsightsContextCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            BillingConnection? connection = BillingSession.Current;
            if (connection is null)
            {
                WriteVerbose("Not connected. Run Connect-AzBillingInsights.");
                return;
            }

            WriteObject(new BillingInsightsContext(connection));
        }
    }
}
