using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Tests.Http;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Tests.Usage
{
    public sealed class UsagePeriodReaderTests
    {
        private const string Subscription = "f68815e6-3c41-45ef-bbd8-5f83303c396b";
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 26, 22, 30, 0, TimeSpan.Zero);

        [Fact]
        public async Task Keeps_the_rows_of_the_usage_window_from_a_reported_window_widened_by_the_lag()
        {
            var arm = new FakeArm(_ => FakeArm.Json(HttpStatusCode.OK,
                "{\"value\":[" + Row("2026-09-30T00:00:00+00:00") + "," + Row("2026-10-01T00:00:00+00:00") + "," + Row("2026-10-31T00:00:00+00:00") + "," + Row("2026-11-01T00:00:00+00:00") + "]}"));
            var rows = new List<UsageRecord>();
            await foreach (UsageRecord row in new UsagePeriodReader(new UsageReader(arm.Client)).ReadAsync(
                Subscription, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), UsageGranularity.Daily, Now, CancellationToken.None))
            {
                rows.Add(row);
            }

            Assert.Equal(new[] { new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero) }, rows.ConvertAll(r => r.UsageStartTime));
            Uri asked = Assert.Single(arm.Requests).Uri;
            Assert.Contains("reportedEndTime=2026-11-04T00%3A00%3A00%2B00%3A00", asked.AbsoluteUri);
        }

        [Theory]
        [InlineData(5, UsageGranularity.Daily, "midnight UTC")]
        [InlineData(0.5, UsageGranularity.Hourly, "whole hour")]
        [InlineData(24 * 31, UsageGranularity.Daily, "must be before -To")]
        public async Task A_window_that_cuts_a_bucket_names_the_parameter(double hours, UsageGranularity granularity, string rule)
        {
            var arm = new FakeArm(_ => FakeArm.Json(HttpStatusCode.OK, "{\"value\":[]}"));
            var reader = new UsagePeriodReader(new UsageReader(arm.Client));
            ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(async () =>
            {
                await foreach (UsageRecord _ in reader.ReadAsync(Subscription, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).AddHours(hours), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), granularity, Now, CancellationToken.None))
                {
                }
            });
            Assert.Contains("-From", error.Message);
            Assert.Contains(rule, error.Message);
            Assert.Empty(arm.Requests);
        }

        private static string Row(string start) =>
            "{\"properties\":{\"subscriptionId\":\"" + Subscription + "\",\"usageStartTime\":\"" + start + "\",\"usageEndTime\":\"" + start + "\",\"meterId\":\"m\",\"quantity\":1}}";
    }
}
