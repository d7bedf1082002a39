using System;
using System.Management.Automation;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Commands
{
    /// <summary>Changes how long this process serves cached rate cards, and where (or whether) it keeps them on disk.</summary>
    [Alias("Set-AzRateCardCache")]
    [Cmdlet(VerbsCommon.Set, "AzPriceCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = PathSet)]
    public sealed class SetAzPriceCacheCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string NoDiskSet = "NoDiskCache";

        /// <summary>How long after its download a card is served from the caches; applies to cards already cached too.</summary>
        [Parameter]
        public TimeSpan? Expiry { get; set; }

        /// <summary>The folder of the disk cache.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Keeps cards in memory only.</summary>
        [Parameter(Mandatory = true, ParameterSetName = NoDiskSet)]
        public SwitchParameter NoDiskCache { get; set; }

        protected override void EndProcessing()
        {
            if (Expiry is TimeSpan requested && requested <= TimeSpan.Zero)
            {
                ThrowTerminatingError(ErrorFactory.Create(
                    new ArgumentOutOfRangeException(nameof(Expiry), requested, "The expiry must be positive."), "InvalidArgument", ErrorCategory.InvalidArgument, requested, null));
            }

            PriceStore store = PriceStore.Shared;
            if (Expiry is TimeSpan expiry && ShouldProcess("rate-card cache", $"Serve cached cards for {expiry} after download"))
            {
                store.Expiry = expiry;
            }

            if (NoDiskCache && ShouldProcess("rate-card cache", "Stop using the disk cache"))
            {
                store.DiskCacheDirectory = null;
            }
            else if (Path is not null)
            {
                string folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
                if (ShouldProcess(folder, "Use as the rate-card disk cache folder"))
                {
                    store.DiskCacheDirectory = folder;
                }
            }
        }
    }
}
