namespace AzBillingInsights.Emulator;

/// <summary>
/// The emulator's two notions of time. <see cref="Now"/> is the billing "now": by default the real clock,
/// or, with <c>--now</c>, an instant pinned for the whole run so the same seed gives the same estate on any
/// day. Data time is frozen at start-up (<see cref="Horizon"/>, now floored to the hour) so that the API and
/// the truth endpoints agree however long the process runs; the "end time in the future" rule follows
/// <see cref="Now"/>. <see cref="RealNow"/> stays the machine's clock for what measures real elapsed time or
/// is checked by a client's own clock: token and SAS expiry, the read budget's refill, log timestamps.
/// Hours are counted from <see cref="DataStart"/>.
/// </summary>
internal sealed class EmulatorClock
{
    private readonly DateTimeOffset? pinned;

    /// <param name="pinnedNow">The instant <c>--now</c> gave, or null for the real clock.</param>
    public EmulatorClock(DateTimeOffset? pinnedNow)
    {
        pinned = pinnedNow;
        DateTime utc = (pinnedNow ?? RealNow).UtcDateTime;
        Horizon = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
        DataStart = new DateTime(Horizon.Year, Horizon.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-13);
        HorizonHour = ToHour(Horizon);
    }

    /// <summary>First usage hour that exists: midnight on the first day of the month 13 months back.</summary>
    public DateTime DataStart { get; }

    /// <summary>Nothing is reported at or after this instant.</summary>
    public DateTime Horizon { get; }

    public int HorizonHour { get; }

    /// <summary>The billing "now": the pinned instant, or the real clock.</summary>
    public DateTimeOffset Now => pinned ?? RealNow;

    /// <summary>The machine's clock, never pinned: tokens and SAS URLs are checked against it by clients too.</summary>
    public static DateTimeOffset RealNow => DateTimeOffset.UtcNow;

    public DateTime ToTime(int hour) => DataStart.AddHours(hour);

    /// <summary>Whole hours from <see cref="DataStart"/>, floored (negative before it).</summary>
    public int ToHour(DateTime utc)
    {
        long ticks = utc.Ticks - DataStart.Ticks;
        long hours = ticks / TimeSpan.TicksPerHour;
        if (ticks < 0 && ticks % TimeSpan.TicksPerHour != 0)
        {
            hours--;
        }
        return (int)Math.Clamp(hours, int.MinValue / 2, int.MaxValue / 2);
    }

    public DayOfWeek DayOfWeekAt(int hour) => (DayOfWeek)(((int)DataStart.DayOfWeek + hour / 24) % 7);
}
