using System.Globalization;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>
/// One fault to inject. <see cref="Kind"/> is 429, 500, 503, 504, 202, slow, truncate, reset or reportfailed
/// (a Cost Details report accepted by this request ends with status Failed); it applies
/// to the next <see cref="Count"/> requests whose path contains <see cref="PathContains"/>, after
/// letting <see cref="Skip"/> matching requests through untouched.
/// </summary>
internal sealed record FaultSpec(string Kind, int Count = 1, int RetryAfterSeconds = 1, string? PathContains = null, int Skip = 0, int DelayMilliseconds = 1000)
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(["429", "500", "503", "504", "202", "slow", "truncate", "reset", "reportfailed"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The --fault form: <c>kind[:count]</c>.</summary>
    public static FaultSpec ParseCommandLine(string text)
    {
        string[] parts = text.Split(':');
        string kind = CheckKind(parts[0]);
        if (parts.Length > 2 || (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)))
        {
            throw new ArgumentException($"--fault '{text}' must be kind[:count] with a positive count.");
        }
        return new FaultSpec(kind, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 1);
    }

    /// <summary>The x-ms-emulator-fault header form: <c>kind[;retryAfterSeconds=n][;delayMilliseconds=n]</c>.</summary>
    public static FaultSpec ParseHeader(string text)
    {
        string[] parts = text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var spec = new FaultSpec(CheckKind(parts.FirstOrDefault() ?? ""));
        foreach (string part in parts.Skip(1))
        {
            string[] pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            int value = pair.Length == 2 && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
                ? n
                : throw new ArgumentException($"Fault parameter '{part}' must be name=non-negative-integer.");
            spec = pair[0].ToLowerInvariant() switch
            {
                "retryafterseconds" => spec with { RetryAfterSeconds = value },
                "delaymilliseconds" => spec with { DelayMilliseconds = value },
                _ => throw new ArgumentException($"Unknown fault parameter '{pair[0]}'; use retryAfterSeconds or delayMilliseconds."),
            };
        }
        return spec;
    }

    /// <summary>The POST /_emulator/faults body.</summary>
    public static FaultSpec ParseJson(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("kind", out JsonElement kind) || kind.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException("The body must be an object with a string 'kind'.");
        }
        int Int(string name, int fallback, int min) =>
            !body.TryGetProperty(name, out JsonElement e) ? fallback
            : e.TryGetInt32(out int v) && v >= min ? v
            : throw new ArgumentException($"'{name}' must be an integer >= {min}.");
        string? path = body.TryGetProperty("pathContains", out JsonElement p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        return new FaultSpec(CheckKind(kind.GetString()!), Int("count", 1, 1), Int("retryAfterSeconds", 1, 0), path, Int("skip", 0, 0), Int("delayMilliseconds", 1000, 0));
    }

    private static string CheckKind(string kind) =>
        Kinds.Contains(kind) ? kind.ToLowerInvariant() : throw new ArgumentException($"Unknown fault kind '{kind}'; use one of {string.Join(", ", Kinds)}.");
}

/// <summary>Faults waiting for matching requests, consumed in the order they were queued.</summary>
internal sealed class FaultQueue
{
    private readonly List<Pending> pending = [];

    public void Enqueue(FaultSpec spec)
    {
        lock (pending)
        {
            pending.Add(new Pending(spec) { SkipLeft = spec.Skip, CountLeft = spec.Count });
        }
    }

    public void Clear()
    {
        lock (pending)
        {
            pending.Clear();
        }
    }

    public IReadOnlyList<FaultSpec> Snapshot()
    {
        lock (pending)
        {
            return pending.Select(p => p.Spec with { Skip = p.SkipLeft, Count = p.CountLeft }).ToList();
        }
    }

    public FaultSpec? TryTake(string pathAndQuery)
    {
        lock (pending)
        {
            foreach (Pending entry in pending)
            {
                if (entry.Spec.PathContains is { } part && !pathAndQuery.Contains(part, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                if (entry.SkipLeft > 0)
                {
                    entry.SkipLeft--;
                    return null;
                }
                if (--entry.CountLeft == 0)
                {
                    pending.Remove(entry);
                }
                return entry.Spec;
            }
            return null;
        }
    }

    private sealed class Pending(FaultSpec spec)
    {
        public FaultSpec Spec { get; } = spec;
        public int SkipLeft { get; set; }
        public int CountLeft { get; set; }
    }
}
