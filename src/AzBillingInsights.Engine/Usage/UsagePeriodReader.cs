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
            DateTimeOffset lastWholeDay = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            Validate(from, to, granularity, lastWholeDay);
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
