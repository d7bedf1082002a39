namespace AzBillingInsights.Emulator;

/// <summary>One usage row: a stream's (or, merged, a meter's) quantity in one usage bucket.</summary>
internal readonly record struct UsageRow(UsagePosition Position, Meter Meter, UsageStream? Stream, int BucketStart, long Micros)
{
    public decimal Quantity => Micros / 1_000_000m;
}

/// <summary>
/// Enumerates, lazily and in a fixed order (usage bucket, then stream or meter group), the rows whose
/// reported time (bucket end + lag) falls in [reportedStart, reportedEnd) and before the data horizon.
/// Both the API pages and the truth endpoint walk this one sequence.
/// </summary>
internal sealed class UsageGenerator(Estate estate, QuantityModel quantities)
{
    private readonly EmulatorClock clock = estate.Clock;

    public IEnumerable<UsageRow> Rows(UsageQuery query)
    {
        int bucketHours = query.BucketHours;
        int reportedFrom = clock.ToHour(query.ReportedStart);
        int reportedTo = Math.Min(clock.ToHour(query.ReportedEnd), clock.HorizonHour);
        if (reportedFrom >= reportedTo)
        {
            yield break;
        }
        // A bucket can be reported at most MaxLagHours after it ends and at least one hour after.
        int first = Math.Max(0, reportedFrom - QuantityModel.MaxLagHours - bucketHours);
        first -= first % bucketHours;
        int last = reportedTo - 1 - bucketHours;
        int item = 0;
        if (query.Resume is { } resume)
        {
            first = Math.Max(first, resume.BucketStart);
            item = resume.BucketStart == first ? resume.Item : 0;
        }
        Subscription subscription = query.Subscription;
        for (int bucket = first; bucket <= last; bucket += bucketHours, item = 0)
        {
            if (query.ShowDetails)
            {
                for (int i = item; i < subscription.Streams.Count; i++)
                {
                    UsageStream stream = subscription.Streams[i];
                    int reported = bucket + bucketHours + quantities.LagHours(stream, bucket, bucketHours);
                    if (reported < reportedFrom || reported >= reportedTo)
                    {
                        continue;
                    }
                    long micros = quantities.BucketMicros(stream, bucket, bucketHours);
                    if (micros > 0)
                    {
                        yield return new UsageRow(new UsagePosition(bucket, i), stream.Meter, stream, bucket, micros);
                    }
                }
            }
            else
            {
                for (int g = item; g < subscription.MeterGroups.Count; g++)
                {
                    IReadOnlyList<UsageStream> group = subscription.MeterGroups[g];
                    long micros = 0;
                    foreach (UsageStream stream in group)
                    {
                        int reported = bucket + bucketHours + quantities.LagHours(stream, bucket, bucketHours);
                        if (reported >= reportedFrom && reported < reportedTo)
                        {
                            micros += quantities.BucketMicros(stream, bucket, bucketHours);
                        }
                    }
                    if (micros > 0)
                    {
                        yield return new UsageRow(new UsagePosition(bucket, g), group[0].Meter, null, bucket, micros);
                    }
                }
            }
        }
    }
}
