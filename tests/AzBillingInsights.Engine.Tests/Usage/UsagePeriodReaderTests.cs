using System;
using System.Collections.Generic;
using System.Globalization;
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
            Assert.Contains("reportedEndTime=2026-11-06T00%3A00%3A00%2B00%3A00", asked.AbsoluteUri);
        }

        [Fact]
        public async Task Counts_a_row_of_the_last_day_of_the_month_that_was_reported_four_days_late()
        {
            // The last day's bucket ends 2026-11-01 and is reported 2026-11-04 12:00: after a three-day margin, within five.
            var lateReport = new DateTimeOffset(2026, 11, 4, 12, 0, 0, TimeSpan.Zero);
            var arm = new FakeArm(request => FakeArm.Json(HttpStatusCode.OK,
                "{\"value\":[" + Row("2026-10-30T00:00:00+00:00") + (ReportedEnd(request.RequestUri!) > lateReport ? "," + Row("2026-10-31T00:00:00+00:00") : "") + "]}"));

            decimal month = 0;
            await foreach (UsageRecord row in new UsagePeriodReader(new UsageReader(arm.Client)).ReadAsync(
                Subscription, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), UsageGranularity.Daily, Now, CancellationToken.None))
            {
                month += row.Quantity;
            }

            Assert.Equal(2m, month);
        }

        [Theory]
        [InlineData(0, "2026-11-01")]
        [InlineData(10, "2026-11-11")]
        [InlineData(31, "2026-11-26")]
        public async Task The_reporting_lag_is_configurable_and_never_reads_past_today(int days, string reportedEnd)
        {
            var arm = new FakeArm(_ => FakeArm.Json(HttpStatusCode.OK, "{\"value\":[]}"));
            await foreach (UsageRecord _ in new UsagePeriodReader(new UsageReader(arm.Client), days).ReadAsync(
                Subscription, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), UsageGranularity.Daily, Now, CancellationToken.None))
            {
            }

            Assert.Equal(DateTimeOffset.Parse(reportedEnd + "T00:00:00Z", CultureInfo.InvariantCulture), ReportedEnd(Assert.Single(arm.Requests).Uri));
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(32)]
        public void A_reporting_lag_out_of_range_is_refused(int days)
        {
            var arm = new FakeArm(_ => FakeArm.Json(HttpStatusCode.OK, "{\"value\":[]}"));
            Assert.Throws<ArgumentOutOfRangeException>(() => new UsagePeriodReader(new UsageReader(arm.Client), days));
        }

        /// <summary>
        /// On every date of the table, the month before "now" is read up to five days past its end or up to today,
        /// whichever is first, and the query passes the client's own rules (whole days, not in the future).
        /// </summary>
        [Theory]
        [MemberData(nameof(DateTable.Instants), MemberType = typeof(DateTable))]
        public async Task Reads_the_previous_month_up_to_today_at_most_on_any_date(string now)
        {
            DateTimeOffset pinned = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture);
            var thisMonth = new DateTimeOffset(pinned.Year, pinned.Month, 1, 0, 0, 0, TimeSpan.Zero);
            DateTimeOffset today = new DateTimeOffset(pinned.UtcDateTime.Date, TimeSpan.Zero);
            var arm = new FakeArm(_ => FakeArm.Json(HttpStatusCode.OK, "{\"value\":[" + Row(thisMonth.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture)) + "]}"));
            var rows = new List<UsageRecord>();
            await foreach (UsageRecord row in new UsagePeriodReader(new UsageReader(arm.Client)).ReadAsync(
                Subscription, thisMonth.AddMonths(-1), thisMonth, UsageGranularity.Daily, pinned, CancellationToken.None))
            {
                rows.Add(row);
            }

            Assert.Single(rows);
            DateTimeOffset fiveDaysOn = thisMonth.AddDays(UsagePeriodReader.DefaultReportingLagDays);
            Assert.Equal(fiveDaysOn < today ? fiveDaysOn : today, ReportedEnd(Assert.Single(arm.Requests).Uri));
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

        private static DateTimeOffset ReportedEnd(Uri request)
        {
            string query = Uri.UnescapeDataString(request.Query);
            int at = query.IndexOf("reportedEndTime=", StringComparison.Ordinal) + "reportedEndTime=".Length;
            return DateTimeOffset.Parse(query.Substring(at, 25), CultureInfo.InvariantCulture);
        }

        private static string Row(string start) =>
            "{\"properties\":{\"subscriptionId\":\"" + Subscription + "\",\"usageStartTime\":\"" + start + "\",\"usageEndTime\":\"" + start + "\",\"meterId\":\"m\",\"quantity\":1}}";
    }
}
