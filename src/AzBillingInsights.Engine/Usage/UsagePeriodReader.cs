using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>
    /// The usage of a usage-time window [from, to), read through the reported-time API: rows reach billing
    /// hours or days after the usage, so the reported window runs the reporting lag past the end (never past
    /// the last whole day) and rows are kept by their usage start.
    /// </summary>
    public sealed class UsagePeriodReader
    {
        /// <summary>
        /// How many days after its bucket ends a row may still be reported, by default. Azure documents no bound; a
        /// real session read buckets from 2015-04-27 in the reported window 2015-05-01..05-02 (three to four days).
        /// </summary>
        public const int DefaultReportingLagDays = 5;

        /// <summary>The largest lag a caller may ask for: a month past the window.</summary>
        public const int MaxReportingLagDays = 31;

        private readonly UsageReader _reader;
        private readonly TimeSpan _reportingLag;

        /// <exception cref="ArgumentOutOfRangeException"><paramref name="reportingLagDays"/> is negative or above <see cref="MaxReportingLagDays"/>.</exception>
        public UsagePeriodReader(UsageReader reader, int reportingLagDays = DefaultReportingLagDays)
        {
            if (reportingLagDays < 0 || reportingLagDays > MaxReportingLagDays)
            {
                throw new ArgumentOutOfRangeException(nameof(reportingLagDays), reportingLagDays, $"The reporting lag must be 0 to {MaxReportingLagDays} days.");
            }

            _reader = reader;
            _reportingLag = TimeSpan.FromDays(reportingLagDays);
        }

        public async IAsyncEnumerable<UsageRecord> ReadAsync(
            string subscriptionId, DateTimeOffset from, DateTimeOffset to, UsageGranularity granularity, DateTimeOffset now,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            DateTimeOffset lastWholeDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            Validate(from, to, granularity, lastWholeDay);
            DateTimeOffset reportedEnd = to + _reportingLag < lastWholeDay ? to + _reportingLag : lastWholeDay;
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

        /// <summary>
        /// The window's rules in the caller's terms (-From, -To): the reported-time query built from them would
        /// otherwise fail with rules about -ReportedStartTime, or, for an empty window, quietly return nothing.
        /// </summary>
        /// <exception cref="ArgumentException">A rule is broken; the message names the value and the rule.</exception>
        private static void Validate(DateTimeOffset from, DateTimeOffset to, UsageGranularity granularity, DateTimeOffset today)
        {
            long unit = granularity == UsageGranularity.Daily ? TimeSpan.TicksPerDay : TimeSpan.TicksPerHour;
            string rule = granularity == UsageGranularity.Daily ? "midnight UTC, which Daily granularity requires (or use -Granularity Hourly)" : "a whole hour in UTC";
            foreach ((string name, DateTimeOffset time) in new[] { ("From", from), ("To", to) })
            {
                if (time.UtcTicks % unit != 0)
                {
                    throw new ArgumentException($"-{name} ({Text(time)}) is not {rule}. Use {Text(new DateTimeOffset(time.UtcTicks - (time.UtcTicks % unit), TimeSpan.Zero))}.", name);
                }
            }

            if (from >= to)
            {
                throw new ArgumentException($"-From ({Text(from)}) must be before -To ({Text(to)}); -To is exclusive.", "From");
            }

            if (from >= today)
            {
                throw new ArgumentException($"-From ({Text(from)}) is not before today ({Text(today)}): no usage of that time has been reported yet.", "From");
            }
        }

        private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }
}
