using System;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>Where slices and output groups start in time: the output's time bucket (Hour, Day, Month or none) and the billing periods.</summary>
    internal sealed class TimeBuckets
    {
        private readonly BillingPeriodCalendar _calendar;
        private long _coarseDay = -1;
        private long _coarsePeriodStart;

        public TimeBuckets(GroupDimensionKind? bucket, BillingPeriodCalendar calendar)
        {
            Bucket = bucket;
            _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        }

        /// <summary>The finest time dimension of the grouping; null when there is none.</summary>
        public GroupDimensionKind? Bucket { get; }

        /// <summary>
        /// Where a slice of a meter priced in time order starts: its UTC day, or its hour when grouping by Hour.
        /// Rows of one day are simultaneous, as the daily Usage API reports them anyway: a tier crossed that day
        /// is shared among the day's groups in proportion to quantity. Totals do not change; memory then grows
        /// with days, not hours, so a year of hourly usage fits an Automation sandbox.
        /// </summary>
        public long OrderedStartOf(long startTicks) =>
            Bucket == GroupDimensionKind.Hour ? startTicks : startTicks - (startTicks % TimeSpan.TicksPerDay);

        /// <summary>
        /// Where a coarse slice starts: the output time bucket, cut at the billing period start so the slice
        /// stays within one period (the whole period when there is no time grouping).
        /// </summary>
        public long CoarseStartOf(long startTicks)
        {
            long day = startTicks / TimeSpan.TicksPerDay;
            if (day != _coarseDay)
            {
                _coarseDay = day;
                _coarsePeriodStart = _calendar.StartOf(_calendar.PeriodIndexOf(startTicks)).UtcTicks;
            }

            return Math.Max(BucketOf(startTicks), _coarsePeriodStart);
        }

        /// <summary>The start of the output bucket of a usage start; 0 without time grouping.</summary>
        public long BucketOf(long startTicks)
        {
            switch (Bucket)
            {
                case GroupDimensionKind.Hour:
                    return startTicks - (startTicks % TimeSpan.TicksPerHour);
                case GroupDimensionKind.Day:
                    return startTicks - (startTicks % TimeSpan.TicksPerDay);
                case GroupDimensionKind.Month:
                    var date = new DateTime(startTicks, DateTimeKind.Utc);
                    return new DateTime(date.Year, date.Month, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
                default:
                    return 0;
            }
        }
    }
}
