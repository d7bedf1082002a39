using System.Management.Automation;
using AzBillingInsights.Engine;

namespace AzBillingInsights.Commands
{
    /// <summary>Forgets the connection and its token for the whole process (all runspaces).</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "AzBillingInsights")]
    [OutputType(typeof(void))]
    public sealed class DisconnectAzBillingInsightsCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            WriteVerbose(BillingSession.Current is null ? "Not connected; nothing to clear." : "Clearing the connection and its cached token.");
            BillingSession.Clear();
        }
    }
}
