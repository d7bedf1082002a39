using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Tests.Http;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Tests.Usage
{
    /// <summary>The Usage API as the real service answers: 202 "not ready" with Location and Retry-After, and nextLinks in its own form.</summary>
    public sealed class UsageWireFormTests
    {
        private const string Subscription = "f68815e6-3c41-45ef-bbd8-5f83303c396b";

        private static readonly UsageQuery Query = new UsageQuery(Subscription,
            new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

        /// <summary>The service's own nextLink: explicit :443, api-version 2015-03-31, lower-case names, + for spaces, Base64 with %3d.</summary>
        private const string RealNextLink = "https://management.azure.com:443/subscriptions/" + Subscription + "/providers/Microsoft.Commerce/UsageAggregates"
            + "?api-version=2015-03-31&reportedstartTime=2026-10-01+00%3a00%3a00Z&reportedEndTime=2026-11-01+00%3a00%3a00Z"
            + "&aggregationGranularity=Daily&showDetails=true&continuationToken=eyJyIjoiMjAyNjEwMTUiLCJpIjoiQS8rQiJ9%2b%2fx%3d%3d";

        [Fact]
        public async Task A_page_that_stays_202_fails_as_not_ready_with_the_token_to_resume_from()
        {
            // Page 2 never clears: reading it must fail, not yield an empty page and end the read as if complete.
            var arm = new FakeArm(request => UsagePage.ContinuationTokenOf(request.RequestUri!) is null
                ? FakeArm.Json(HttpStatusCode.OK, Page("m1", FakeArm.Endpoint + "subscriptions/" + Subscription + "/providers/Microsoft.Commerce/UsageAggregates?continuationToken=p2"))
                : FakeArm.Accepted(request.RequestUri!.AbsoluteUri, retryAfterSeconds: 2));
            var rows = new List<string>();

            ArmRequestException error = await Assert.ThrowsAsync<ArmRequestException>(async () =>
            {
                await foreach (UsagePage page in new UsageReader(arm.Client).ReadPagesAsync(Query, CancellationToken.None))
                {
                    rows.AddRange(page.Records.Select(r => r.MeterId));
                }
            });

            Assert.True(error.IsNotReady);
            Assert.Equal(ArmCallKind.Usage, error.CallKind);
            Assert.Equal("p2", error.ContinuationToken);
            Assert.Equal("DataNotReady", error.ErrorCode);
            Assert.Contains("The usage data is being processed.", error.Message);
            Assert.Equal(new[] { "m1" }, rows);
            Assert.All(arm.NotReadyDelays, d => Assert.Equal(TimeSpan.FromSeconds(2), d));
            Assert.Equal(10, arm.NotReadyDelays.Count);
        }

        [Fact]
        public async Task A_202_is_polled_at_its_Location_after_its_Retry_After()
        {
            const string Location = "subscriptions/" + Subscription + "/providers/Microsoft.Commerce/UsageAggregates?poll=1";
            var arm = new FakeArm(request => request.RequestUri!.Query.Contains("poll=1")
                ? FakeArm.Json(HttpStatusCode.OK, Page("m1", null))
                : FakeArm.Accepted("/" + Location, retryAfterSeconds: 7));

            List<UsagePage> pages = await ReadAllAsync(arm);

            Assert.Equal(new[] { "m1" }, pages.SelectMany(p => p.Records).Select(r => r.MeterId));
            Assert.Equal(new Uri(FakeArm.Endpoint, Location), arm.Requests[1].Uri);
            Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, arm.NotReadyDelays);
        }

        [Fact]
        public async Task The_service_s_own_nextLink_is_followed_unchanged_with_the_token_on_a_host_written_with_443()
        {
            var endpoint = new Uri("https://management.azure.com/");
            var arm = new FakeArm(request => request.RequestUri!.Query.Contains("continuationToken")
                ? FakeArm.Json(HttpStatusCode.OK, Page("m2", null))
                : FakeArm.Json(HttpStatusCode.OK, Page("m1", RealNextLink)), endpoint);

            List<UsagePage> pages = await ReadAllAsync(arm);

            Assert.Equal(new[] { "m1", "m2" }, pages.SelectMany(p => p.Records).Select(r => r.MeterId));
            (Uri followed, string? authorization) = arm.Requests.Single(r => r.Uri.Query.Contains("continuationToken"));
            Assert.Equal(new Uri(RealNextLink).Query, followed.Query);
            Assert.Equal(new Uri(RealNextLink).AbsolutePath, followed.AbsolutePath);
            Assert.Equal(443, followed.Port);
            Assert.Equal("Bearer test-token", authorization);
            Assert.Equal("eyJyIjoiMjAyNjEwMTUiLCJpIjoiQS8rQiJ9+/x==", pages[0].NextContinuationToken);
        }

        private static async Task<List<UsagePage>> ReadAllAsync(FakeArm arm)
        {
            var pages = new List<UsagePage>();
            await foreach (UsagePage page in new UsageReader(arm.Client).ReadPagesAsync(Query, CancellationToken.None))
            {
                pages.Add(page);
            }

            return pages;
        }

        private static string Page(string meterId, string? nextLink) =>
            "{\"value\":[{\"properties\":{\"subscriptionId\":\"" + Subscription + "\",\"usageStartTime\":\"2026-10-01T00:00:00+00:00\","
            + "\"usageEndTime\":\"2026-10-02T00:00:00+00:00\",\"meterId\":\"" + meterId + "\",\"infoFields\":{},\"quantity\":1}}]"
            + (nextLink is null ? string.Empty : ",\"nextLink\":\"" + nextLink + "\"") + "}";
    }
}
