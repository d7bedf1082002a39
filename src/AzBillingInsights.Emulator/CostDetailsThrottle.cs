using System.Collections.Concurrent;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Cost Management's per-scope limit on Cost Details reports: at most N reports in any window of S seconds, for
/// each configured window. A refused request learns how long until the oldest report in the full window leaves it.
/// </summary>
internal sealed class CostDetailsThrottle(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> accepted = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records the request and returns 0, or returns the seconds to wait (nothing recorded).</summary>
    public int TryAccept(string scope, DateTimeOffset now)
    {
        List<DateTimeOffset> times = accepted.GetOrAdd(scope, _ => []);
        lock (times)
        {
            int wait = 0;
            foreach ((int count, int seconds) in options.CostDetailsLimits)
            {
                DateTimeOffset windowStart = now.AddSeconds(-seconds);
                List<DateTimeOffset> inWindow = times.Where(t => t > windowStart).ToList();
                if (inWindow.Count >= count)
                {
                    DateTimeOffset freedAt = inWindow[inWindow.Count - count].AddSeconds(seconds);
                    wait = Math.Max(wait, (int)Math.Ceiling((freedAt - now).TotalSeconds));
                }
            }
            if (wait > 0)
            {
                return wait;
            }
            times.Add(now);
            int longest = options.CostDetailsLimits.Max(l => l.Seconds);
            times.RemoveAll(t => t <= now.AddSeconds(-longest));
            return 0;
        }
    }
}
