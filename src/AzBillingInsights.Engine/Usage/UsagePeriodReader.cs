using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>
    /// The usage of a usage-time window [from, to), read through the reported-time API: rows reach billing
    /// hours after the usage, so the reported window runs <see cref="ReportingLag"/> past the end (never past
    /// the last whole day) and rows are kept by their usage start.
    /// </summary>
    public sealed class UsagePeriodReader
    {
        /// <summary>How long after its bucket ends a row may still be reported (Azure documents no bound; days of lag are seen).</summary>
        public static readonly TimeSpan ReportingLag = TimeSpan.FromDays(3);

        private readonly UsageReader _reader;

        public UsagePeriodReader(UsageReader reader) => _reader = reader;

        public async IAsyncEnumerable<UsageRecord> ReadAsync(
            string subscriptionId, DateTimeOffset from, DateTimeOffset to, UsageGranularity granularity, DateTimeOffset now,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            EnsureBucketBoundary(from, "From", granularity);
            EnsureBucketBoundary(to, "To", granularity);
            DateTimeOffset lastWholeDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            DateTimeOffset reportedEnd = to + ReportingLag < lastWholeDay ? to + ReportingLag : lastWholeDay;
            var query = new UsageQuery(subscriptionId, from, reportedEnd) { Granularity = granularity };
            query.Validate(now);
            await foreach (UsagePage page in _reader.ReadPagesAsync(query, cancellationToken).ConfigureAwait(false))
            {
                foreach (UsageRecord record in page.Records)
                {
                    if (record.UsageStartTime >= from && record.UsageStartTime < to)
                    {
                        yield return record;
                    }
                }
            }
        }

        /// <summary>The window is in usage buckets: it must start and end on one, or rows would be cut in half.</summary>
        private static void EnsureBucketBoundary(DateTimeOffset time, string parameter, UsageGranularity granularity)
        {
            long bucket = granularity == UsageGranularity.Daily ? TimeSpan.TicksPerDay : TimeSpan.TicksPerHour;
            if (time.UtcTicks % bucket != 0)
            {
                throw new ArgumentException(
                    $"-{parameter} ({UsageQuery.Format(time)}) is not {(granularity == UsageGranularity.Daily ? "midnight UTC, as daily usage needs; use a date, or -Granularity Hourly" : "a whole hour in UTC")}.",
                    parameter);
            }
        }
    }
}
