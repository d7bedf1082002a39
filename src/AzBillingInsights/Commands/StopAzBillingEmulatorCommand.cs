using System.Management.Automation;
using AzBillingInsights.Engine.Emulator;

namespace AzBillingInsights.Commands
{
    /// <summary>Stops an emulator started by Start-AzBillingEmulator.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "AzBillingEmulator")]
    [OutputType(typeof(void))]
    public sealed class StopAzBillingEmulatorCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public int ProcessId { get; set; }

        protected override void ProcessRecord()
        {
            WriteVerbose($"Stopping the emulator (process {ProcessId}).");
            try
            {
                EmulatorProcess.Stop(ProcessId);
            }
            catch (System.ArgumentException e)
            {
                WriteError(ErrorFactory.Create(e, "NotAnEmulator", ErrorCategory.InvalidArgument, ProcessId, null));
            }
        }
    }
}
