using System.Collections.Concurrent;

namespace AzBillingInsights.Emulator;

/// <summary>
/// ARM's per-principal, per-subscription hourly read limit. A window opens with the first read and
/// lasts an hour; once <see cref="Limit"/> reads are spent the caller gets 429 until it closes.
/// </summary>
internal sealed class ReadBudget(int limit)
{
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.OrdinalIgnoreCase);

    public int Limit { get; } = limit;

    public (bool Allowed, int Remaining, int RetryAfterSeconds) Consume(string principalId, string subscriptionId)
    {
        Window window = windows.GetOrAdd(principalId + "|" + subscriptionId, _ => new Window());
        lock (window)
        {
            DateTimeOffset now = EmulatorClock.UtcNow;
            if (now - window.Start >= TimeSpan.FromHours(1))
            {
                window.Start = now;
                window.Used = 0;
            }
            if (window.Used >= Limit)
            {
                int retry = (int)Math.Ceiling((window.Start.AddHours(1) - now).TotalSeconds);
                return (false, 0, Math.Max(1, retry));
            }
            window.Used++;
            return (true, Limit - window.Used, 0);
        }
    }

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; } = EmulatorClock.UtcNow;
        public int Used { get; set; }
    }
}
