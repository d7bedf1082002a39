using System.Management.Automation;
using AzBillingInsights.Engine.RateCards;

namespace AzBillingInsights.Commands
{
    /// <summary>Forgets cached rate cards: all of them, or the ones piped in from Get-AzRateCardCache; in memory, on disk or both.</summary>
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

        /// <summary>Which cache to clear; piped cache entries bind their own Location.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public RateCardCacheLocation Location { get; set; } = RateCardCacheLocation.All;

        protected override void ProcessRecord()
        {
            RateCardKey? key = ParameterSetName == KeySet ? new RateCardKey(OfferDurableId!, Currency, Locale, RegionInfo) : null;
            string target = key?.ToString() ?? "every cached rate card";
            string where = Location == RateCardCacheLocation.All ? "memory and disk" : Location.ToString().ToLowerInvariant();
            if (ShouldProcess(target, $"Remove from the {where} cache"))
            {
                RateCardStore.Shared.Clear(Scope(Location), key);
            }
        }

        private static RateCardCacheScope Scope(RateCardCacheLocation location) => location switch
        {
            RateCardCacheLocation.Memory => RateCardCacheScope.Memory,
            RateCardCacheLocation.Disk => RateCardCacheScope.Disk,
            _ => RateCardCacheScope.All,
        };
    }
}
