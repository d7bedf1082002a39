using System;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Tests.Usage
{
    public sealed class UsageQueryTests
    {
        private const string Subscription = "f68815e6-3c41-45ef-bbd8-5f83303c396b";
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 26, 22, 30, 0, TimeSpan.Zero);

        [Fact]
        public void Sends_times_as_utc_with_offset_url_encoded()
        {
            var query = new UsageQuery(Subscription, new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))
            {
                ContinuationToken = "a+b",
            };
            Assert.Equal(
                $"subscriptions/{Subscription}/providers/Microsoft.Commerce/UsageAggregates?api-version=2015-06-01-preview" +
                "&reportedStartTime=2026-10-01T00%3A00%3A00%2B00%3A00&reportedEndTime=2026-11-01T00%3A00%3A00%2B00%3A00" +
                "&aggregationGranularity=Daily&showDetails=true&continuationToken=a%2Bb",
                query.ToRelativeUri());
        }

        [Theory]
        [InlineData(2026, 10, 1, 0, 30, 2026, 11, 1, 0, "Hourly", "not a whole hour")]
        [InlineData(2026, 10, 1, 5, 0, 2026, 11, 1, 0, "Daily", "not midnight UTC")]
        [InlineData(2026, 11, 1, 0, 0, 2026, 11, 1, 0, "Daily", "must be before")]
        [InlineData(2026, 11, 1, 0, 0, 2026, 11, 27, 0, "Daily", "in the future")]
        public void Names_the_broken_rule(int y1, int m1, int d1, int h1, int min1, int y2, int m2, int d2, int h2, string granularity, string rule)
        {
            var query = new UsageQuery(Subscription, new DateTimeOffset(y1, m1, d1, h1, min1, 0, TimeSpan.Zero), new DateTimeOffset(y2, m2, d2, h2, 0, 0, TimeSpan.Zero))
            {
                Granularity = (UsageGranularity)Enum.Parse(typeof(UsageGranularity), granularity),
            };
            ArgumentException error = Assert.Throws<ArgumentException>(() => query.Validate(Now));
            Assert.Contains(rule, error.Message);
        }

        [Fact]
        public void Accepts_an_hourly_window_that_ends_at_the_last_whole_hour() =>
            new UsageQuery(Subscription, new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 22, 0, 0, TimeSpan.Zero))
            {
                Granularity = UsageGranularity.Hourly,
            }.Validate(Now);

        [Fact]
        public void Rejects_a_subscription_id_that_is_not_a_guid() =>
            Assert.Contains("not a GUID", Assert.Throws<ArgumentException>(() =>
                new UsageQuery("my-sub", Now.Date.AddDays(-2), Now.Date).Validate(Now)).Message);
    }
}
