using System;
using System.Linq;
using System.Management.Automation;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Lists the prices this process holds in memory and those in the disk cache, expired ones included: rate cards,
    /// and Retail Prices per query (as Measure-AzEstimatedCost and Get-AzRetailPrice keep them).
    /// Get-AzRateCardCache is its old name, kept as an alias.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AzPriceCache")]
    [Alias("Get-AzRateCardCache")]
    [OutputType(typeof(RateCardCacheItem))]
    public sealed class GetAzPriceCacheCommand : PSCmdlet
    {
        [Parameter]
        public RateCardCacheLocation Location { get; set; } = RateCardCacheLocation.All;

        protected override void EndProcessing()
        {
            PriceStore store = PriceStore.Shared;
            WriteVerbose($"Disk cache folder: {store.DiskCacheDirectory ?? "(none)"}; prices expire {store.Expiry} after download.");
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (RateCardCacheItem item in store.GetEntries().Concat(RetailPriceItemCache.Shared.GetEntries()).Select(entry => new RateCardCacheItem(entry, now)))
            {
                if (Location == RateCardCacheLocation.All || item.Location == Location)
                {
                    WriteObject(item);
                }
            }
        }
    }
}
