namespace AzBillingInsights.Emulator;

/// <summary>
/// The hourly quantity of a stream and the reporting lag of a bucket, as pure functions of
/// (seed, stream, hour). Quantities are whole millionths of a unit, so daily and monthly sums are exact.
/// </summary>
internal sealed class QuantityModel(Estate estate)
{
    /// <summary>Relative load by UTC hour of day: quiet nights, a working-day plateau.</summary>
    private static readonly double[] HourOfDay =
    [
        0.55, 0.50, 0.48, 0.47, 0.48, 0.52, 0.62, 0.78, 0.95, 1.08, 1.15, 1.18,
        1.16, 1.17, 1.18, 1.15, 1.10, 1.02, 0.92, 0.82, 0.74, 0.68, 0.62, 0.58,
    ];

    /// <summary>Relative load by day of week, Sunday first: weekends are lower.</summary>
    private static readonly double[] DayOfWeekLoad = [0.62, 1.00, 1.04, 1.05, 1.03, 0.97, 0.66];

    /// <summary>
    /// Reporting is never faster than an hour and at most this slow: under four days, as a real session read
    /// buckets from 2015-04-27 on in the reported window 2015-05-01..05-02 (reference §1.1, reported time and
    /// usage time). An invoice is issued four days after its period ends, when every row of the period has been reported.
    /// </summary>
    public const int MaxLagHours = 4 * 24 - 1;

    /// <summary>Above this lag a bucket counts as late; 1 in 20 buckets is, by 31 hours to <see cref="MaxLagHours"/>.</summary>
    private const int UsualMaxLagHours = 30;

    private readonly ulong seed = StableHash.Mix((ulong)(uint)estate.Seed);
    private readonly EmulatorClock clock = estate.Clock;
    private readonly double spanHours = Math.Max(1, estate.Clock.HorizonHour);

    public long HourlyMicros(UsageStream stream, int hour)
    {
        Resource resource = stream.Resource;
        if (hour < resource.FromHour || hour >= resource.ToHour || hour < 0 || hour >= clock.HorizonHour)
        {
            return 0;
        }
        double factor;
        switch (stream.Shape)
        {
            case UsageShape.AlwaysOn:
                factor = 1;
                break;
            case UsageShape.OfficeHours:
                int hod = hour % 24;
                DayOfWeek day = clock.DayOfWeekAt(hour);
                factor = day is DayOfWeek.Saturday or DayOfWeek.Sunday || hod < 8 || hod >= 19 ? 0 : 1;
                break;
            case UsageShape.Elastic:
                factor = HourOfDay[hour % 24] * DayOfWeekLoad[(int)clock.DayOfWeekAt(hour)] * Trend(stream, hour) * Noise(stream, hour, 0.3);
                break;
            default:
                factor = Trend(stream, hour) * Noise(stream, hour, 0.01);
                break;
        }
        if (stream.Anomaly is { } anomaly && hour >= anomaly.FromHour && hour < anomaly.ToHour)
        {
            factor *= anomaly.Multiplier;
        }
        return (long)Math.Round(stream.BaseMicros * factor, MidpointRounding.AwayFromZero);
    }

    /// <summary>Sum of the hourly quantities over [fromHour, fromHour + hours).</summary>
    public long BucketMicros(UsageStream stream, int fromHour, int hours)
    {
        long total = 0;
        for (int h = fromHour; h < fromHour + hours; h++)
        {
            total += HourlyMicros(stream, h);
        }
        return total;
    }

    /// <summary>Hours between a bucket's end and its reported time: mostly 1–6, sometimes up to 30, and 5 % late, up to 95.</summary>
    public int LagHours(UsageStream stream, int bucketStart, int bucketHours)
    {
        ulong h = StableHash.Combine(seed, stream.Key, (ulong)(uint)bucketStart, (ulong)bucketHours);
        return StableHash.Below(h, 100) switch
        {
            < 85 => 1 + StableHash.Below(h >> 8, 6),
            < 95 => 1 + StableHash.Below(h >> 8, UsualMaxLagHours),
            _ => UsualMaxLagHours + 1 + StableHash.Below(h >> 8, MaxLagHours - UsualMaxLagHours),
        };
    }

    private double Trend(UsageStream stream, int hour) => 1 + stream.Growth * (hour / spanHours);

    private double Noise(UsageStream stream, int hour, double width) =>
        1 - width / 2 + width * StableHash.Unit(StableHash.Combine(seed, stream.Key, (ulong)(uint)hour));
}
