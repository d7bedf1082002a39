using System;

namespace AzBillingInsights.Engine
{
    /// <summary>
    /// Billing periods: calendar months by default, or months starting on another day for subscriptions
    /// that bill from their sign-up day. Periods are in UTC, like the usage buckets. A period is
    /// identified by a month index (year * 12 + month - 1 of its start) so the hot path compares integers.
    /// </summary>
    public sealed class BillingPeriodCalendar
    {
        public BillingPeriodCalendar(int startDay = 1)
        {
            if (startDay < 1 || startDay > 28)
            {
                // Days 29-31 do not exist in every month; the service itself limits the start day to 1-28.
                throw new ArgumentOutOfRangeException(nameof(startDay), startDay, "The billing period start day must be between 1 and 28.");
            }

            StartDay = startDay;
        }

        public int StartDay { get; }

        /// <summary>The index of the period holding the instant <paramref name="utcTicks"/>.</summary>
        public int PeriodIndexOf(long utcTicks)
        {
            var date = new DateTime(utcTicks, DateTimeKind.Utc);
            int index = (date.Year * 12) + date.Month - 1;
            return date.Day < StartDay ? index - 1 : index;
        }

        public DateTimeOffset StartOf(int periodIndex) =>
            new DateTimeOffset(periodIndex / 12, (periodIndex % 12) + 1, StartDay, 0, 0, 0, TimeSpan.Zero);

        /// <summary>The exclusive end: the start of the next period.</summary>
        public DateTimeOffset EndOf(int periodIndex) => StartOf(periodIndex + 1);

        /// <summary>The period holding <paramref name="instant"/> as [start, end).</summary>
        public (DateTimeOffset Start, DateTimeOffset End) PeriodOf(DateTimeOffset instant)
        {
            int index = PeriodIndexOf(instant.UtcTicks);
            return (StartOf(index), EndOf(index));
        }
    }
}
