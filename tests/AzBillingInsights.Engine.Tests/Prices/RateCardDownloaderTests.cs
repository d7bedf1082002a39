using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Tests.Http;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public sealed class RateCardDownloaderTests
    {
        private static readonly RateCardKey Key = new RateCardKey("MS-AZR-0003P", "USD", "en-US", "US");
        private const string Subscription = "11111111-1111-1111-1111-111111111111";

        [Fact]
        public void The_filter_is_written_exactly_as_the_reference()
        {
            Assert.Equal(
                "OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'",
                RateCardDownloader.BuildFilter(Key));
            Assert.Equal(
                $"subscriptions/{Subscription}/providers/Microsoft.Commerce/RateCard?api-version=2016-08-31-preview&$filter=OfferDurableId%20eq%20%27MS-AZR-0003P%27%20and%20Currency%20eq%20%27USD%27%20and%20Locale%20eq%20%27en-US%27%20and%20RegionInfo%20eq%20%27US%27",
                RateCardDownloader.BuildRelativeUri(Subscription, Key));
        }

        [Theory]
        [InlineData("MS-AZR-0003P")]
        [InlineData("ms-azr-0121p")]
        [InlineData("MS-MC-AZR-0033P")]
        [InlineData("MS-AZR-0017P-0020P")]
        public void Offer_ids_of_the_known_shapes_are_accepted(string offer) =>
            RateCardDownloader.Validate(new RateCardKey(offer, "USD", "en-US", "US"));

        [Theory]
        [InlineData("AZR-0003P", "USD", "en-US", "US", "OfferDurableId")]
        [InlineData("MS-AZR-003P", "USD", "en-US", "US", "OfferDurableId")]
        [InlineData("MS-AZR-0003P", "US", "en-US", "US", "Currency")]
        [InlineData("MS-AZR-0003P", "USD", "english", "US", "Locale")]
        [InlineData("MS-AZR-0003P", "USD", "en-US", "USA", "RegionInfo")]
        public void Malformed_values_are_refused_naming_the_value(string offer, string currency, string locale, string region, string name)
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => RateCardDownloader.Validate(new RateCardKey(offer, currency, locale, region)));
            Assert.Equal(name, e.ParamName);
            Assert.StartsWith($"{name} '", e.Message);
        }

        [Fact]
        public async Task The_redirect_is_followed_without_the_Authorization_header()
        {
            byte[] body = Encoding.UTF8.GetBytes("\uFEFF{\"Meters\":[]}");
            var arm = new FakeArm(request => request.RequestUri!.AbsolutePath.StartsWith("/_blob/")
                ? FakeArm.Bytes(body)
                : new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("/_blob/ratecards/card.json?se=x&sig=secret", UriKind.Relative) } });

            using Stream stream = await new RateCardDownloader(arm.Client).OpenAsync(Subscription, Key, CancellationToken.None);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);

            Assert.Equal(body, copy.ToArray());
            Assert.Equal(2, arm.Requests.Count);
            Assert.Equal("Bearer test-token", arm.Requests[0].Authorization);
            Assert.Equal("/_blob/ratecards/card.json", arm.Requests[1].Uri.AbsolutePath);
            Assert.Null(arm.Requests[1].Authorization);
        }

        [Fact]
        public async Task A_refused_filter_names_the_four_values_sent()
        {
            var arm = new FakeArm(_ => FakeArm.Json(HttpStatusCode.BadRequest,
                "{\"Message\":\"Invalid query specified. Please specify valid values for OfferDurableId, Currency, Locale and RegionInfo.\"}"));

            ArmRequestException e = await Assert.ThrowsAsync<ArmRequestException>(() =>
                new RateCardDownloader(arm.Client).OpenAsync(Subscription, new RateCardKey("MS-AZR-9999P", "EUR", "de-DE", "DE"), CancellationToken.None));

            Assert.Equal("InvalidRateCardFilter", e.ErrorCode);
            Assert.Contains("OfferDurableId 'MS-AZR-9999P', Currency 'EUR', Locale 'de-DE', RegionInfo 'DE'", e.Message);
        }

        [Fact]
        public async Task A_refused_blob_link_never_appears_in_the_error()
        {
            var arm = new FakeArm(request => request.RequestUri!.AbsolutePath.StartsWith("/_blob/")
                ? new HttpResponseMessage(HttpStatusCode.Forbidden)
                {
                    Content = new StringContent("<?xml version=\"1.0\"?><Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has to be after the current time.</Message></Error>"),
                    Headers = { { "x-ms-error-code", "AuthenticationFailed" } },
                }
                : new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("http://127.0.0.1:5999/_blob/ratecards/card.json?se=x&sig=secret") } });

            DownloadLinkException e = await Assert.ThrowsAsync<DownloadLinkException>(() => new RateCardDownloader(arm.Client).OpenAsync(Subscription, Key, CancellationToken.None));

            Assert.True(e.IsLinkRejected);
            Assert.Equal("AuthenticationFailed", e.ErrorCode);
            Assert.Contains("Signed expiry time", e.Message);
            Assert.DoesNotContain("sig", e.Message);
            Assert.DoesNotContain("_blob", e.Message);
        }

        [Fact]
        public async Task A_redirect_to_plain_http_off_this_machine_is_refused()
        {
            var arm = new FakeArm(_ => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("http://ratecard.example.com/card.json?sig=secret") } });

            await Assert.ThrowsAsync<AzBillingInsights.Engine.Identity.InsecureEndpointException>(() =>
                new RateCardDownloader(arm.Client).OpenAsync(Subscription, Key, CancellationToken.None));
            Assert.Single(arm.Requests);
        }
    }
}
