using System.Collections.Concurrent;

namespace AzBillingInsights.Emulator;

/// <summary>
/// ARM's read limit per principal and subscription, as a token bucket: it holds <see cref="Limit"/> reads, each
/// read takes one, and reads flow back at <see cref="RefillPerSecond"/> (by default the limit per hour). An
/// empty bucket answers 429 until the next read has flowed back, so a client that watches the remaining count
/// and slows down never meets one, while a burst does.
/// </summary>
internal sealed class ReadBudget(int limit, double refillPerSecond)
{
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.OrdinalIgnoreCase);

    public int Limit { get; } = limit;

    public double RefillPerSecond { get; } = refillPerSecond;

    public (bool Allowed, int Remaining, int RetryAfterSeconds) Consume(string principalId, string subscriptionId)
    {
        Bucket bucket = buckets.GetOrAdd(principalId + "|" + subscriptionId, _ => new Bucket(Limit));
        lock (bucket)
        {
            DateTimeOffset now = EmulatorClock.RealNow;
            bucket.Tokens = Math.Min(Limit, bucket.Tokens + ((now - bucket.Filled).TotalSeconds * RefillPerSecond));
            bucket.Filled = now;
            if (bucket.Tokens < 1)
            {
                int retry = (int)Math.Ceiling((1 - bucket.Tokens) / RefillPerSecond);
                return (false, 0, Math.Max(1, retry));
            }
            bucket.Tokens--;
            return (true, (int)Math.Floor(bucket.Tokens), 0);
        }
    }

    private sealed class Bucket(int tokens)
    {
        public double Tokens { get; set; } = tokens;
        public DateTimeOffset Filled { get; set; } = EmulatorClock.RealNow;
    }
}
