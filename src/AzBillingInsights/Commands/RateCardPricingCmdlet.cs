using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Prices;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// A cmdlet that prices usage with the rate card its selection names, taken from the process's shared store:
    /// declared once for Measure-AzEstimatedCost and the export cmdlets so they price alike and read alike.
    /// </summary>
    public abstract class RateCardPricingCmdlet : RateCardSelectionCmdlet
    {
        /// <summary>The card of -OfferDurableId, which prices the usage, with a verbose line naming it.</summary>
        /// <param name="subscriptionId">The subscription the RateCard API is called through; the connection's default when null.</param>
        protected async Task<PriceList> GetPricingCardAsync(AsyncPipeline pipeline, string? subscriptionId, bool force, CancellationToken cancellationToken)
        {
            PriceList card = await SelectPrices(subscriptionId).GetAsync(PriceStore.Shared, force, cancellationToken).ConfigureAwait(false);
            pipeline.WriteVerbose($"Pricing with the {card.Offer} {card.Currency} card from {card.Origin} ({card.Meters.Count:N0} meters, retrieved {card.RetrievedAt:u}).");
            return card;
        }

        /// <summary>The card of <paramref name="offerDurableId"/> in this command's currency, locale and region (another offer to compare with, say).</summary>
        protected Task<PriceList> GetRateCardAsync(string offerDurableId, string? subscriptionId, bool force, CancellationToken cancellationToken) =>
            SelectPrices(subscriptionId).ForOffer(offerDurableId).GetAsync(PriceStore.Shared, force, cancellationToken);

        private PriceSelection SelectPrices(string? subscriptionId) => SelectPrices(BillingSession.Require(), subscriptionId);

        /// <summary>The start of the warning about usage the card has no meter for: "N rows on M meters missing from the ... rate card were not priced".</summary>
        protected string NotPriced(long rowCount, int meterCount) =>
            $"{rowCount:N0} rows on {meterCount} meters missing from the {OfferDurableId} {Currency} rate card were not priced";
    }
}
