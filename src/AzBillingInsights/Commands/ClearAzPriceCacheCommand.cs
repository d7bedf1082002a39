using System.Management.Automation;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Forgets cached prices, rate cards and Retail Prices alike: all of them, those of one origin (-Origin), one rate
    /// card, or the entries piped in from Get-AzPriceCache (each of its own source, key and origin); in memory, on disk
    /// or both. Clear-AzRateCardCache is its old name, kept as an alias.
    /// </summary>
    [Alias("Clear-AzRateCardCache")]
    [Cmdlet(VerbsCommon.Clear, "AzPriceCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = AllSet)]
    public sealed class ClearAzPriceCacheCommand : PSCmdlet
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

        /// <summary>Null on a piped Retail Prices entry, which has no country of purchase; its KeyId names it instead.</summary>
        [Parameter(ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? RegionInfo { get; set; } = "US";

        /// <summary>The endpoint whose cards to clear (any spelling of it: case, default port, trailing slash); every origin when absent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Origin { get; set; }

        /// <summary>With -KeyId, names a piped entry's source (RateCard or RetailPrices).</summary>
        [Parameter(ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Source { get; set; }

        /// <summary>A piped entry's key as the cache stores it: clears that entry whatever its source.</summary>
        [Parameter(ParameterSetName = KeySet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? KeyId { get; set; }

        /// <summary>Which cache to clear; piped cache entries bind their own Location.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public RateCardCacheLocation Location { get; set; } = RateCardCacheLocation.All;

        protected override void ProcessRecord()
        {
            PriceKey? key = ParameterSetName != KeySet ? null
                : Source is not null && KeyId is not null ? PriceKey.FromId(Source, KeyId)
                : new RateCardKey(OfferDurableId!, Currency, Locale, string.IsNullOrEmpty(RegionInfo) ? "US" : RegionInfo!);
            if (ParameterSetName == KeySet && key is null)
            {
                WriteError(ErrorFactory.Create(new System.ArgumentException($"-Source '{Source}' -KeyId '{KeyId}' names no cache entry this version knows."),
                    "UnknownCacheKey", ErrorCategory.InvalidArgument, KeyId, "Pipe the entries from Get-AzPriceCache, or name a rate card with -OfferDurableId."));
                return;
            }

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

            string target = (key?.ToString() ?? "every cached price list") + (origin is null ? string.Empty : $" from {origin}");
            string where = Location == RateCardCacheLocation.All ? "memory and disk" : Location.ToString().ToLowerInvariant();
            if (ShouldProcess(target, $"Remove from the {where} cache"))
            {
                PriceStore.Shared.Clear(Scope(Location), origin, key);
                RetailPriceItemCache.Shared.Clear(Scope(Location), origin, key);
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
