using System;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public class PriceOriginTests
    {
        [Theory]
        [InlineData("https://management.azure.com", "https://management.azure.com/")]
        [InlineData("HTTPS://Management.Azure.com:443/", "https://management.azure.com/")]
        [InlineData("https://management.chinacloudapi.cn/", "https://management.chinacloudapi.cn/")]
        [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
        [InlineData("http://LOCALHOST:80/", "http://localhost/")]
        [InlineData("https://proxy.example.com:8443/arm", "https://proxy.example.com:8443/arm/")]
        [InlineData("https://proxy.example.com/arm/?x=1", "https://proxy.example.com/arm/")]
        public void Spells_one_endpoint_one_way(string endpoint, string origin)
        {
            Assert.Equal(origin, PriceOrigin.Parse(endpoint).Value);
            Assert.Equal(PriceOrigin.Parse(origin), PriceOrigin.Parse(endpoint));
        }

        [Theory]
        [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5124")]
        [InlineData("https://management.azure.com", "http://management.azure.com")]
        [InlineData("https://management.azure.com", "https://management.chinacloudapi.cn")]
        [InlineData("https://proxy.example.com/a", "https://proxy.example.com/b")]
        public void Keeps_different_endpoints_apart(string first, string second) =>
            Assert.NotEqual(PriceOrigin.Parse(first), PriceOrigin.Parse(second));

        [Theory]
        [InlineData("not a uri")]
        [InlineData("ftp://example.com/")]
        [InlineData("/relative")]
        public void Refuses_what_is_not_an_http_address(string endpoint) =>
            Assert.Throws<ArgumentException>(() => PriceOrigin.Parse(endpoint));

        [Fact]
        public void A_key_read_back_from_its_id_is_the_same_key()
        {
            var key = new RateCardKey("ms-azr-0003p", "eur", "de-de", "de");

            Assert.Equal(key, PriceKey.FromId(key.Source, key.Id));
            Assert.Null(PriceKey.FromId("RetailPrices", key.Id));
            Assert.Null(PriceKey.FromId(key.Source, "MS-AZR-0003P|EUR"));
        }
    }
}
