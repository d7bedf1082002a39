using System;
using System.Globalization;
using System.Text;

namespace AzBillingInsights.Engine.Usage
{
    public enum UsageGranularity
    {
        Daily,
        Hourly,
    }

    /// <summary>
    /// One Usage API request: reported-time window, granularity, detail and where to resume. Validates on the client
    /// with the rules the service applies, so the user learns which rule was broken before any call is made.
    /// </summary>
    public sealed class UsageQuery
    {
        public const string ApiVersion = "2015-06-01-preview";

        public UsageQuery(string subscriptionId, DateTimeOffset reportedStartTime, DateTimeOffset reportedEndTime)
        {
            SubscriptionId = subscriptionId;
            ReportedStartTime = reportedStartTime.ToUniversalTime();
            ReportedEndTime = reportedEndTime.ToUniversalTime();
        }

        public string SubscriptionId { get; }
        public DateTimeOffset ReportedStartTime { get; }
        public DateTimeOffset ReportedEndTime { get; }
        public UsageGranularity Granularity { get; set; } = UsageGranularity.Daily;
        public bool ShowDetails { get; set; } = true;
        public string? ContinuationToken { get; set; }

        /// <exception cref="ArgumentException">A rule is broken; the message names it and the fix.</exception>
        public void Validate(DateTimeOffset now)
        {
            if (!Guid.TryParse(SubscriptionId, out _))
            {
                throw new ArgumentException($"The subscription id '{SubscriptionId}' is not a GUID. Give the subscription's id, for example 00000000-0000-0000-0000-000000000000.", "SubscriptionId");
            }

            EnsureWholeHour(ReportedStartTime, "ReportedStartTime");
            EnsureWholeHour(ReportedEndTime, "ReportedEndTime");
            if (Granularity == UsageGranularity.Daily)
            {
                EnsureMidnight(ReportedStartTime, "ReportedStartTime");
                EnsureMidnight(ReportedEndTime, "ReportedEndTime");
            }

            if (ReportedStartTime >= ReportedEndTime)
            {
                throw new ArgumentException(
                    $"-ReportedStartTime ({Format(ReportedStartTime)}) must be before -ReportedEndTime ({Format(ReportedEndTime)}); the end is exclusive.", "ReportedStartTime");
            }

            if (ReportedEndTime > now)
            {
                throw new ArgumentException(
                    $"-ReportedEndTime ({Format(ReportedEndTime)}) is in the future (now is {Format(now.ToUniversalTime())}). Give a time no later than the last whole {(Granularity == UsageGranularity.Daily ? "day" : "hour")}.", "ReportedEndTime");
            }
        }

        /// <summary>Path and query under the ARM endpoint, times as <c>yyyy-MM-ddTHH:mm:ss+00:00</c>, URL-encoded.</summary>
        public string ToRelativeUri()
        {
            var uri = new StringBuilder(256)
                .Append("subscriptions/").Append(Uri.EscapeDataString(SubscriptionId))
                .Append("/providers/Microsoft.Commerce/UsageAggregates?api-version=").Append(ApiVersion)
                .Append("&reportedStartTime=").Append(Uri.EscapeDataString(Format(ReportedStartTime)))
                .Append("&reportedEndTime=").Append(Uri.EscapeDataString(Format(ReportedEndTime)))
                .Append("&aggregationGranularity=").Append(Granularity)
                .Append("&showDetails=").Append(ShowDetails ? "true" : "false");
            if (!string.IsNullOrEmpty(ContinuationToken))
            {
                uri.Append("&continuationToken=").Append(Uri.EscapeDataString(ContinuationToken!));
            }

            return uri.ToString();
        }

        internal static string Format(DateTimeOffset time) =>
            time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

        private static void EnsureWholeHour(DateTimeOffset time, string parameter)
        {
            if (time.Ticks % TimeSpan.TicksPerHour != 0)
            {
                throw new ArgumentException(
                    $"-{parameter} ({Format(time)}) is not a whole hour in UTC. The Usage API buckets by hour: use a time such as {Format(Truncate(time, TimeSpan.TicksPerHour))}.", parameter);
            }
        }

        private static void EnsureMidnight(DateTimeOffset time, string parameter)
        {
            if (time.Ticks % TimeSpan.TicksPerDay != 0)
            {
                throw new ArgumentException(
                    $"-{parameter} ({Format(time)}) is not midnight UTC, which Daily granularity requires. Use {Format(Truncate(time, TimeSpan.TicksPerDay))}, or -AggregationGranularity Hourly.", parameter);
            }
        }

        private static DateTimeOffset Truncate(DateTimeOffset time, long unit) =>
            new DateTimeOffset(time.Ticks - (time.Ticks % unit), TimeSpan.Zero);
    }
}
