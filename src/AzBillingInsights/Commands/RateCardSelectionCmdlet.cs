using System.Management.Automation;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Prices;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// A cmdlet that chooses a rate card by -OfferDurableId, -Currency, -Locale and -RegionInfo. The parameters and
    /// the one place their values become a <see cref="PriceSelection"/> are declared here once, for Get-AzRateCard and
    /// for the cmdlets that price with a card.
    /// </summary>
    /// <remarks>
    /// -OfferDurableId is at position 1: the first positional argument of Get-AzRateCard (PowerShell binds positions
    /// in order, gaps allowed), and the one after -Path on the export cmdlets, whose -Path holds position 0.
    /// </remarks>
    public abstract class RateCardSelectionCmdlet : AsyncPSCmdlet
    {
        [Parameter(Position = 1)]
        [ArgumentCompleter(typeof(OfferDurableIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string OfferDurableId { get; set; } = PriceSelection.DefaultOfferDurableId;

        [Parameter]
        [ArgumentCompleter(typeof(CurrencyCompleter))]
        [ValidateNotNullOrEmpty]
        public string Currency { get; set; } = PriceSelection.DefaultCurrency;

        [Parameter]
        [ArgumentCompleter(typeof(LocaleCompleter))]
        [ValidateNotNullOrEmpty]
        public string Locale { get; set; } = PriceSelection.DefaultLocale;

        [Parameter]
        [ArgumentCompleter(typeof(RegionInfoCompleter))]
        [ValidateNotNullOrEmpty]
        public string RegionInfo { get; set; } = PriceSelection.DefaultRegionInfo;

        /// <summary>The card these parameters name, read through <paramref name="subscriptionId"/> (the connection's default when null).</summary>
        protected PriceSelection SelectPrices(BillingConnection connection, string? subscriptionId) =>
            PriceSelection.Resolve(connection, subscriptionId, OfferDurableId, Currency, Locale, RegionInfo);
    }
}
