namespace AzBillingInsights.Emulator;

/// <summary>
/// The emulator's two notions of time. Data time is frozen at start-up (floored to the hour) so that the
/// API and the truth endpoints agree however long the process runs; token expiry, SAS expiry and the
/// "end time in the future" rule use the real clock. Hours are counted from <see cref="DataStart"/>.
/// </summary>
internal sealed class EmulatorClock
{
    public EmulatorClock(DateTimeOffset startedAt)
    {
        DateTime utc = startedAt.UtcDateTime;
        Horizon = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
        DataStart = new DateTime(Horizon.Year, Horizon.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-13);
        HorizonHour = ToHour(Horizon);
    }

    /// <summary>First usage hour that exists: midnight on the first day of the month 13 months back.</summary>
    public DateTime DataStart { get; }

    /// <summary>Nothing is reported at or after this instant.</summary>
    public DateTime Horizon { get; }

    public int HorizonHour { get; }

    public static DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

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
