using System;
using System.Collections.Generic;
using System.Globalization;
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

        /// <summary>
        /// Pins the emulator's billing "now": its estate (13 months before it), the data it has reported and the "end in
        /// the future" rule follow this instant instead of the real clock. A date without a zone is UTC.
        /// </summary>
        [Parameter]
        public DateTime? Now { get; set; }

        protected override async Task EndProcessingAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
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
            string? pinned = Now is DateTime now ? PinnedInstant(now) : null;
            if (pinned is not null)
            {
                arguments.Add("--now");
                arguments.Add(pinned);
            }

            pipeline.WriteVerbose($"Starting the emulator: {ResourceCount} resources, seed {Seed}, port {(Port == 0 ? "any free" : Port.ToString())}, now {pinned ?? "the real clock"}.");
            EmulatorEndpoints endpoints = await EmulatorProcess.StartAsync(emulator, arguments, cancellationToken).ConfigureAwait(false);
            pipeline.WriteObject(new EmulatorInstance(endpoints));
        }

        /// <summary>The instant for --now, in UTC (a date without a zone is UTC, as everywhere in the module).</summary>
        private static string PinnedInstant(DateTime now)
        {
            DateTime utc = now.Kind == DateTimeKind.Local ? now.ToUniversalTime() : DateTime.SpecifyKind(now, DateTimeKind.Utc);
            if (utc.Year < 2000 || utc.Year > 2200)
            {
                throw new ArgumentException($"-Now ({utc:u}) must be between the years 2000 and 2200.", nameof(Now));
            }

            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        }
    }
}
