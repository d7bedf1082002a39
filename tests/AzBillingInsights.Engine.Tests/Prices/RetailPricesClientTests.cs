using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core.Pipeline;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Identity;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public sealed class RetailPricesClientTests
    {
        private const string SecondPageLink =
            "https://prices.azure.com:443/api/retail/prices?api-version=2023-01-01-preview&$filter=serviceName%20eq%20%27Virtual%20Machines%27%20and%20armRegionName%20eq%20%27eastus2%27&$top=-980&$skip=1000";

        [Fact]
        public async Task The_NextPageLink_is_followed_as_given_with_its_443_host_and_negative_top()
        {
            var service = new FakeRetailPrices(request => request.RequestUri!.Query.Contains("$skip=1000")
                ? Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.CosmosDbPage))
                : Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.VirtualMachinesPage)));

            RetailPricePage[] pages = await ReadAsync(service.Client, new RetailPriceQuery().Where("serviceName", "Virtual Machines"));

            Assert.Equal(2, pages.Length);
            Assert.Equal(1000 + 106, pages.Sum(p => p.Prices.Count));
            Uri second = service.Requests[1];
            Assert.Equal(new Uri(SecondPageLink).AbsoluteUri, second.AbsoluteUri);
            Assert.Equal("prices.azure.com", second.Host);
            Assert.Equal(443, second.Port);
            Assert.Contains("$top=-980&$skip=1000", second.Query);
            Assert.Contains("serviceName%20eq%20%27Virtual%20Machines%27", second.Query);
        }

        [Fact]
        public async Task The_first_request_carries_the_api_version_currency_primary_switch_and_case_kept_filter()
        {
            var service = new FakeRetailPrices(_ => Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.EmptyResult)));
            var query = new RetailPriceQuery("eur", primaryRegionOnly: true).Where("armSkuName", "Standard_D4s_v5").Where("PriceType", "Consumption");

            RetailPricePage[] pages = await ReadAsync(service.Client, query);

            Assert.Empty(Assert.Single(pages).Prices);
            string sent = Uri.UnescapeDataString(service.Requests.Single().Query);
            Assert.Contains("api-version=2023-01-01-preview", sent);
            Assert.Contains("currencyCode='EUR'", sent);
            Assert.Contains("meterRegion='primary'", sent);
            Assert.Contains("$filter=armSkuName eq 'Standard_D4s_v5' and priceType eq 'Consumption'", sent);
        }

        [Fact]
        public async Task A_page_size_other_than_1000_is_read_as_it_comes()
        {
            // Never assume a page size: a 30-item page with a next link is followed like a full one.
            byte[] small = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(RetailPriceFixtures.Bytes(RetailPriceFixtures.CognitiveSearchPage))
                .Replace("\"NextPageLink\":null", "\"NextPageLink\":\"https://prices.azure.com:443/api/retail/prices?api-version=2023-01-01-preview&$top=-70&$skip=30\""));
            var service = new FakeRetailPrices(request => request.RequestUri!.Query.Contains("$skip=30")
                ? Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.EmptyResult))
                : Body(small));

            RetailPricePage[] pages = await ReadAsync(service.Client, new RetailPriceQuery());

            Assert.Equal(2, service.Requests.Count);
            Assert.Equal(30 - 5, pages.Sum(p => p.Prices.Count));
        }

        [Fact]
        public async Task A_429_with_Retry_After_is_waited_out_and_retried_and_pauses_every_read_of_the_process_to_that_host()
        {
            int calls = 0;
            var throttled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Func<HttpRequestMessage, HttpResponseMessage> answer = _ =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    var response = new HttpResponseMessage((HttpStatusCode)429) { Content = new StringContent("{}") };
                    response.Headers.TryAddWithoutValidation("Retry-After", "2");
                    throttled.TrySetResult(true);
                    return response;
                }

                return Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.CosmosDbPage));
            };
            var first = new FakeRetailPrices(answer, new Uri("https://throttled.prices.test/"));
            var second = new FakeRetailPrices(answer, new Uri("https://throttled.prices.test/"));

            Task<RetailPricePage[]> throttledRead = ReadAsync(first.Client, new RetailPriceQuery());
            await throttled.Task;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            RetailPricePage[] otherRead = await ReadAsync(second.Client, new RetailPriceQuery());
            TimeSpan otherWaited = clock.Elapsed;

            Assert.Equal(106, (await throttledRead).Single().Prices.Count);
            Assert.Equal(106, otherRead.Single().Prices.Count);
            Assert.Equal(3, calls);
            // The other read, by another client, waited out the pause the 429 named before it sent anything.
            Assert.True(otherWaited > TimeSpan.FromSeconds(1.5), $"the other read took {otherWaited}");
        }

        [Fact]
        public async Task A_body_cut_off_mid_page_is_read_again_and_nothing_of_it_is_kept()
        {
            byte[] page = RetailPriceFixtures.Bytes(RetailPriceFixtures.StoragePage);
            int calls = 0;
            var service = new FakeRetailPrices(_ => Interlocked.Increment(ref calls) == 1 ? Body(page.Take(page.Length / 2).ToArray()) : Body(RetailPriceFixtures.Bytes(RetailPriceFixtures.CosmosDbPage)));

            RetailPricePage[] pages = await ReadAsync(service.Client, new RetailPriceQuery());

            Assert.Equal(2, calls);
            Assert.Equal(106, pages.Single().Prices.Count);
        }

        [Fact]
        public async Task A_page_that_stays_cut_off_fails_with_the_link_of_that_page_and_resuming_from_it_completes_the_read()
        {
            byte[] first = RetailPriceFixtures.Bytes(RetailPriceFixtures.VirtualMachinesPage);
            byte[] second = RetailPriceFixtures.Bytes(RetailPriceFixtures.CosmosDbPage);
            bool broken = true;
            var service = new FakeRetailPrices(request => !request.RequestUri!.Query.Contains("$skip=1000")
                ? Body(first)
                : Body(broken ? second.Take(100).ToArray() : second));
            var query = new RetailPriceQuery().Where("serviceName", "Virtual Machines");
            var received = new List<RetailPrice>();

            ArmRequestException failure = await Assert.ThrowsAsync<ArmRequestException>(async () =>
            {
                await foreach (RetailPricePage page in service.Client.ReadAsync(query, null, CancellationToken.None))
                {
                    received.AddRange(page.Prices);
                }
            });

            Assert.Equal("MalformedResponse", failure.ErrorCode);
            // The VM page's last price is held back (its tiers could go on), so resuming starts at it, not after it.
            RetailPricesContinuation resume = RetailPricesContinuation.Parse(failure.ContinuationToken!);
            Assert.DoesNotContain("$skip=1000", resume.Link);
            Assert.Equal(999, received.Count);
            Assert.Equal(999, resume.SkipItems);

            broken = false;
            await foreach (RetailPricePage page in service.Client.ReadAsync(query, resume, CancellationToken.None))
            {
                received.AddRange(page.Prices);
            }

            Assert.Equal(1000 + 106, received.Count);
            Assert.Equal(1000 + 106, received.Select(p => (p.MeterId, p.SkuId, p.Type, p.ReservationTerm)).Distinct().Count());
        }

        [Fact]
        public async Task The_tiers_of_a_meter_that_run_on_into_the_next_page_are_folded_into_one_price()
        {
            // The cognitive-search page split inside the four tiers of Custom Entity Skills.
            string text = Encoding.UTF8.GetString(RetailPriceFixtures.Bytes(RetailPriceFixtures.CognitiveSearchPage));
            byte[] all = Encoding.UTF8.GetBytes(text);
            RetailPricePage whole = new RetailPricePageParser().Parse(all);
            int split = Enumerable.Range(0, whole.Prices.Count).First(i => whole.Prices[i].MeterId == "e8fc8ffa-48c2-50f2-9dda-27d3c9ac27e5") + 2;
            var service = new FakeRetailPrices(request => request.RequestUri!.Query.Contains("$skip=")
                ? Body(PageOf(text, split, whole.Prices.Count, next: null))
                : Body(PageOf(text, 0, split, next: "https://prices.azure.com:443/api/retail/prices?api-version=2023-01-01-preview&$top=-980&$skip=" + split)));

            RetailPricePage[] pages = await ReadAsync(service.Client, new RetailPriceQuery());

            RetailPrice skills = pages.SelectMany(p => p.Prices).Single(p => p.MeterId == "e8fc8ffa-48c2-50f2-9dda-27d3c9ac27e5");
            Assert.Equal(new[] { 0m, 500m, 2500m, 10000m }, skills.Tiers.Select(t => t.MinimumUnits));
            Assert.Equal(25, pages.Sum(p => p.Prices.Count));
        }

        [Theory]
        [InlineData("http://prices.example.com/")]
        [InlineData("http://10.0.0.5:8080/")]
        public void Plain_http_is_refused_except_to_loopback(string address)
        {
            Assert.Throws<InsecureEndpointException>(() => RetailPricesEndpoint.Resolve(address));
        }

        [Theory]
        [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/")]
        [InlineData("http://localhost:5123/api/retail/prices", "http://localhost:5123/")]
        [InlineData("https://mirror.example.com/prices/", "https://mirror.example.com/prices/")]
        public void Another_base_address_is_taken_as_a_base(string address, string expected)
        {
            Assert.Equal(new Uri(expected), RetailPricesEndpoint.Resolve(address));
        }

        [Fact]
        public void A_raw_filter_is_joined_to_the_parameters_with_and_and_quotes_are_doubled()
        {
            var query = new RetailPriceQuery(rawFilter: "serviceFamily eq 'Compute'").Where("meterName", "O'Brien");

            Assert.Equal("meterName eq 'O''Brien' and (serviceFamily eq 'Compute')", query.Filter);
            Assert.Throws<ArgumentException>(() => query.Where("unitPrice", "1"));
        }

        private static string PageOf(string page, int from, int to, string? next)
        {
            using var document = System.Text.Json.JsonDocument.Parse(page);
            var items = document.RootElement.GetProperty("Items").EnumerateArray().Skip(from).Take(to - from).Select(i => i.GetRawText()).ToArray();
            string link = next is null ? "null" : "\"" + next + "\"";
            return $"{{\"BillingCurrency\":\"USD\",\"CustomerEntityId\":\"Default\",\"CustomerEntityType\":\"Retail\",\"Items\":[{string.Join(",", items)}],\"NextPageLink\":{link},\"Count\":{items.Length}}}";
        }

        private static async Task<RetailPricePage[]> ReadAsync(RetailPricesClient client, RetailPriceQuery query)
        {
            var pages = new List<RetailPricePage>();
            await foreach (RetailPricePage page in client.ReadAsync(query, null, CancellationToken.None))
            {
                pages.Add(page);
            }

            return pages.ToArray();
        }

        private static HttpResponseMessage Body(string json) => FakeRetailPrices.Body(Encoding.UTF8.GetBytes(json));

        private static HttpResponseMessage Body(byte[] body) => FakeRetailPrices.Body(body);
    }
}
