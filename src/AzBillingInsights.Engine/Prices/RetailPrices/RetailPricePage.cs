using System.Collections.Generic;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>One page of the Retail Prices API: its prices and the link to the next page, exactly as given (null on the last).</summary>
    public sealed class RetailPricePage
    {
        internal RetailPricePage(IReadOnlyList<RetailPrice> prices, string? nextPageLink, string billingCurrency)
        {
            Prices = prices;
            NextPageLink = nextPageLink;
            BillingCurrency = billingCurrency;
        }

        public IReadOnlyList<RetailPrice> Prices { get; }

        public string? NextPageLink { get; }

        public string BillingCurrency { get; }
    }
}
