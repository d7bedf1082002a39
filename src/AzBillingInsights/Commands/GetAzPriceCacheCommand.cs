using System;
using System.Linq;
using System.Management.Automation;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Commands
{
    /// <summary>Lists the rate cards this process holds in memory and those in the disk cache, expired ones included.</summary>
    [Cmdlet(VerbsCommon.Get, "AzRateCardCache")]
    [OutputType(typeof(RateCardCacheItem))]
    public sealed class GetAzRateCardCacheCommand : PSCmdlet
    {
        [Parameter]
        public RateCardCacheLocation Location { get; set; } = RateCardCacheLocation.All;

        protected override void EndProcessing()
        {
            PriceStore store = PriceStore.Shared;
            WriteVerbose($"Disk cache folder: {store.DiskCacheDirectory ?? "(none)"}; cards expire {store.Expiry} after download.");
            DateTimeOffset now = DateTimeOffset.UtcNow;
            foreach (RateCardCacheItem item in store.GetEntries().Select(entry => new RateCardCacheItem(entry, now)))
            {
                if (Location == RateCardCacheLocation.All || item.Location == Location)
                {
                    WriteObject(item);
                }
            }
        }
    }
}
