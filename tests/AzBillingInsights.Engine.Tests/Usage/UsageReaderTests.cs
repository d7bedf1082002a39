using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Tests.Http;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Tests.Usage
{
    public sealed class UsageReaderTests
    {
        private const string Subscription = "f68815e6-3c41-45ef-bbd8-5f83303c396b";
        private const int PageCount = 4;

        private static readonly UsageQuery Query = new UsageQuery(Subscription,
            new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

        [Fact]
        public async Task Reads_every_page_in_order_with_one_request_each()
        {
            var arm = new FakeArm(request => FakeArm.Json(HttpStatusCode.OK, Page(PageNumber(request))));

            List<UsagePage> pages = await ReadAllAsync(new UsageReader(arm.Client));

            Assert.Equal(new[] { "m1", "m2", "m3", "m4" }, pages.SelectMany(p => p.Records).Select(r => r.MeterId));
            Assert.Equal(new[] { 1, 2, 3, 4 }, arm.Requests.Select(r => PageNumber(r.Uri)));
        }

        [Fact]
        public async Task The_first_page_is_fetched_alone_so_a_consumer_that_needs_no_more_costs_one_request()
        {
            var arm = new FakeArm(request => FakeArm.Json(HttpStatusCode.OK, Page(PageNumber(request))));

            await using (IAsyncEnumerator<UsagePage> pages = new UsageReader(arm.Client).ReadPagesAsync(Query, CancellationToken.None).GetAsyncEnumerator())
            {
                Assert.True(await pages.MoveNextAsync());
            }

            Assert.Equal(new[] { 1 }, arm.Requests.Select(r => PageNumber(r.Uri)));
        }

        [Fact]
        public async Task From_the_second_page_on_the_next_page_downloads_before_the_consumer_asks_for_it()
        {
            var arm = new FakeArm(request => FakeArm.Json(HttpStatusCode.OK, Page(PageNumber(request))));

            await using IAsyncEnumerator<UsagePage> pages = new UsageReader(arm.Client).ReadPagesAsync(Query, CancellationToken.None).GetAsyncEnumerator();
            Assert.True(await pages.MoveNextAsync());
            Assert.True(await pages.MoveNextAsync());

            Assert.True(await WhenAsync(() => arm.Requests.Count == 3), "page 3 was not requested while page 2 was handed over");
            Assert.Equal(new[] { 1, 2, 3 }, arm.Requests.Select(r => PageNumber(r.Uri)));
        }

        [Fact]
        public async Task A_wrong_guess_at_the_next_link_is_dropped_and_the_page_the_parse_names_is_read()
        {
            // Page 2 names page 3 before its rows, and a row's infoFields end the page with a "nextLink" of their own.
            const string Decoy = "http://127.0.0.1:5999/decoy";
            var arm = new FakeArm(request => FakeArm.Json(HttpStatusCode.OK, request.RequestUri!.AbsoluteUri == Decoy
                ? Page(9)
                : PageNumber(request) == 2
                    ? "{\"nextLink\":\"" + LinkTo(3) + "\",\"value\":[" + Row(2, "\"nextLink\":\"" + Decoy + "\"") + "]}"
                    : Page(PageNumber(request))));

            List<UsagePage> pages = await ReadAllAsync(new UsageReader(arm.Client));

            Assert.Equal(new[] { "m1", "m2", "m3", "m4" }, pages.SelectMany(p => p.Records).Select(r => r.MeterId));
            Assert.Contains(arm.Requests, r => r.Uri.AbsoluteUri == Decoy);
        }

        [Fact]
        public async Task Stopping_early_cancels_the_page_downloading_ahead_and_waits_for_it()
        {
            var page3Cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var arm = new FakeArm(async (request, cancellationToken) =>
            {
                if (PageNumber(request) != 3)
                {
                    return FakeArm.Json(HttpStatusCode.OK, Page(PageNumber(request)));
                }

                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    page3Cancelled.TrySetResult(true);
                    throw;
                }

                throw new InvalidOperationException("not reached");
            });

            IAsyncEnumerator<UsagePage> pages = new UsageReader(arm.Client).ReadPagesAsync(Query, CancellationToken.None).GetAsyncEnumerator();
            Assert.True(await pages.MoveNextAsync());
            Assert.True(await pages.MoveNextAsync());
            Assert.True(await WhenAsync(() => arm.Requests.Count == 3), "page 3 was not requested ahead");

            Task disposed = pages.DisposeAsync().AsTask();

            Assert.Same(disposed, await Task.WhenAny(disposed, Task.Delay(TimeSpan.FromSeconds(10))));
            await disposed;
            Assert.True(page3Cancelled.Task.IsCompleted, "the download ahead was left running");
        }

        [Theory]
        [InlineData(null, "3")]
        [InlineData("abc+==", "abc+==")]
        public async Task A_failed_page_names_the_token_to_resume_from(string? resumedFrom, string failingToken)
        {
            var arm = new FakeArm(request => UsagePage.ContinuationTokenOf(request.RequestUri!) == failingToken
                ? FakeArm.Json(HttpStatusCode.Forbidden, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"No access.\"}}")
                : FakeArm.Json(HttpStatusCode.OK, Page(PageNumber(request))));
            var query = new UsageQuery(Subscription, Query.ReportedStartTime, Query.ReportedEndTime) { ContinuationToken = resumedFrom };

            ArmRequestException error = await Assert.ThrowsAsync<ArmRequestException>(async () =>
            {
                await foreach (UsagePage _ in new UsageReader(arm.Client).ReadPagesAsync(query, CancellationToken.None))
                {
                }
            });

            Assert.Equal(403, error.Status);
            Assert.Equal(failingToken, error.ContinuationToken);
        }

        private static async Task<List<UsagePage>> ReadAllAsync(UsageReader reader)
        {
            var pages = new List<UsagePage>();
            await foreach (UsagePage page in reader.ReadPagesAsync(Query, CancellationToken.None))
            {
                pages.Add(page);
            }

            return pages;
        }

        private static async Task<bool> WhenAsync(Func<bool> condition)
        {
            for (int wait = 0; wait < 500 && !condition(); wait++)
            {
                await Task.Delay(10);
            }

            return condition();
        }

        private static int PageNumber(HttpRequestMessage request) => PageNumber(request.RequestUri!);

        /// <summary>The first page is the query's own URI; later ones carry their number as the continuation token.</summary>
        private static int PageNumber(Uri uri) =>
            UsagePage.ContinuationTokenOf(uri) is { } token ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 1;

        private static string LinkTo(int page) => FakeArm.Endpoint + "subscriptions/" + Subscription + "/providers/Microsoft.Commerce/UsageAggregates?continuationToken=" + page;

        private static string Page(int page) =>
            "{\"value\":[" + Row(page, string.Empty) + "]" + (page < PageCount ? ",\"nextLink\":\"" + LinkTo(page + 1) + "\"" : string.Empty) + "}";

        private static string Row(int page, string infoFields) =>
            "{\"properties\":{\"subscriptionId\":\"" + Subscription + "\",\"usageStartTime\":\"2026-10-01T00:00:00+00:00\"," +
            "\"usageEndTime\":\"2026-10-02T00:00:00+00:00\",\"meterId\":\"m" + page + "\",\"infoFields\":{" + infoFields + "},\"quantity\":1}}";
    }
}
