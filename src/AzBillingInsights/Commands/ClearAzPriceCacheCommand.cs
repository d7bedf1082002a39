using System.Management.Automation;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Forgets cached rate cards: all of them, those of one origin (-Origin), or the ones piped in from
    /// Get-AzRateCardCache (each of its own origin); in memory, on disk or both.
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "AzRateCardCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = AllSet)]
    public sealed class ClearAzRateCardCacheCommand : PSCmdlet
    {
        private const string AllSet = "All";
        private const string KeySet = "Key";

        [Parameter(Mandatory = true, ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(OfferDurableIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string? OfferDurableId { get; set; }

        [Parameter(ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Currency { get; set; } = "USD";

        [Parameter(ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Locale { get; set; } = "en-US";

        [Parameter(ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string RegionInfo { get; set; } = "US";

        /// <summary>The endpoint whose cards to clear (any spelling of it: case, default port, trailing slash); every origin when absent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Origin { get; set; }

        /// <summary>Which cache to clear; piped cache entries bind their own Location.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public RateCardCacheLocation Location { get; set; } = RateCardCacheLocation.All;

        protected override void ProcessRecord()
        {
            RateCardKey? key = ParameterSetName == KeySet ? new RateCardKey(OfferDurableId!, Currency, Locale, RegionInfo) : null;
            PriceOrigin? origin = null;
            if (Origin is not null)
            {
                try
                {
                    origin = PriceOrigin.Parse(Origin);
                }
                catch (System.ArgumentException e)
                {
                    WriteError(ErrorFactory.Create(e, "InvalidOrigin", ErrorCategory.InvalidArgument, Origin, "Give the ARM endpoint the card was read from, as Get-AzRateCardCache shows it, for example https://management.azure.com/."));
                    return;
                }
            }

            string target = (key?.ToString() ?? "every cached rate card") + (origin is null ? string.Empty : $" from {origin}");
            string where = Location == RateCardCacheLocation.All ? "memory and disk" : Location.ToString().ToLowerInvariant();
            if (ShouldProcess(target, $"Remove from the {where} cache"))
            {
                PriceStore.Shared.Clear(Scope(Location), origin, key);
            }
        }

        private static PriceCacheScope Scope(RateCardCacheLocation location) => location switch
        {
            RateCardCacheLocation.Memory => PriceCacheScope.Memory,
            RateCardCacheLocation.Disk => PriceCacheScope.Disk,
            _ => PriceCacheScope.All,
        };
    }
}
