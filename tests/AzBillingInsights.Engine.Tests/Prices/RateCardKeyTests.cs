using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public class RateCardKeyTests
    {
        [Theory]
        [InlineData("ms-azr-0003p", "usd", "EN-us", "us", "MS-AZR-0003P", "USD", "en-US", "US")]
        [InlineData(" MS-AZR-0017P ", "Eur", "de-de", "De", "MS-AZR-0017P", "EUR", "de-DE", "DE")]
        [InlineData("MS-AZR-0003P", "CNY", "ZH-Hans-cn", "CN", "MS-AZR-0003P", "CNY", "zh-Hans-CN", "CN")]
        public void Spells_every_card_one_way(string offer, string currency, string locale, string region, string canonicalOffer, string canonicalCurrency, string canonicalLocale, string canonicalRegion)
        {
            var key = new RateCardKey(offer, currency, locale, region);

            Assert.Equal(canonicalOffer, key.OfferDurableId);
            Assert.Equal(canonicalCurrency, key.Currency);
            Assert.Equal(canonicalLocale, key.Locale);
            Assert.Equal(canonicalRegion, key.RegionInfo);
            Assert.Equal(new RateCardKey(canonicalOffer, canonicalCurrency, canonicalLocale, canonicalRegion), key);
        }
    }
}
