using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Emulator;

namespace AzBillingInsights.Commands
{
    /// <summary>Starts the local emulator of the billing APIs as a child process and returns where it listens.</summary>
    [Cmdlet(VerbsLifecycle.Start, "AzBillingEmulator")]
    [OutputType(typeof(EmulatorInstance))]
    public sealed class StartAzBillingEmulatorCommand : AsyncPSCmdlet
    {
        [Parameter]
        [ValidateRange(1, 100_000)]
        public int ResourceCount { get; set; } = 500;

        [Parameter]
        public int Seed { get; set; } = 42;

        /// <summary>Subscriptions the resources are spread over: pay-as-you-go, monetary credit, monetary commitment, then pay-as-you-go again.</summary>
        [Parameter]
        [ValidateRange(1, 50)]
        public int SubscriptionCount { get; set; } = 3;

        /// <summary>0 picks a free port.</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>Lifetime of the managed-identity tokens it issues; short lifetimes exercise token renewal.</summary>
        [Parameter]
        [ValidateRange(60, 86_400)]
        public int TokenLifetimeSeconds { get; set; } = 3600;

        /// <summary>
        /// ARM's read budget per principal and subscription (default 12,000, as ARM's), refilled over an hour.
        /// A smaller one lets a script meet throttling; a larger one keeps a long benchmark clear of it.
        /// </summary>
        [Parameter]
        [ValidateRange(1, 10_000_000)]
        public int ReadBudget { get; set; } = 12_000;

        protected override async Task EndProcessingAsync(CancellationToken cancellationToken)
        {
            string emulator = Path.Combine(MyInvocation.MyCommand.Module.ModuleBase, "emulator", "AzBillingInsights.Emulator.dll");
            var arguments = new List<string>
            {
                "--port", Port.ToString(),
                "--seed", Seed.ToString(),
                "--resource-count", ResourceCount.ToString(),
                "--subscription-count", SubscriptionCount.ToString(),
                "--token-lifetime-seconds", TokenLifetimeSeconds.ToString(),
                "--read-budget", ReadBudget.ToString(),
            };
            WriteVerbose($"Starting the emulator: {ResourceCount} resources, seed {Seed}, port {(Port == 0 ? "any free" : Port.ToString())}.");
            EmulatorEndpoints endpoints = await EmulatorProcess.StartAsync(emulator, arguments, cancellationToken).ConfigureAwait(false);
            WriteObject(new EmulatorInstance(endpoints));
        }
    }
}
