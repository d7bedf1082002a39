using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AzBillingInsights.Emulator;

internal sealed record RequestLogEntry(DateTimeOffset Time, string Method, string Path, int Status, string? Fault, double DurationMs);

/// <summary>The last <see cref="Capacity"/> requests, for tests that assert what a client actually sent.</summary>
internal sealed partial class RequestLog
{
    public const int Capacity = 10_000;
    public const string FaultItem = "emulator.fault";

    private readonly ConcurrentQueue<RequestLogEntry> entries = new();

    public void Add(RequestLogEntry entry)
    {
        entries.Enqueue(entry);
        while (entries.Count > Capacity && entries.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot() => entries.ToArray();

    public void Clear() => entries.Clear();

    /// <summary>Blob SAS signatures and anything token-like never reach the log.</summary>
    public static string Redact(string pathAndQuery) => SecretParameter().Replace(pathAndQuery, "$1=REDACTED");

    [GeneratedRegex("(?<=[?&])(sig|access_token|client_secret|code)=[^&]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}

/// <summary>Records every request except reads of the log itself, after the response is decided.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/_emulator/requests", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        long started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            string path = RequestLog.Redact(context.Request.Path.Value + context.Request.QueryString.Value);
            string? fault = context.Items[RequestLog.FaultItem] as string;
            // A reset connection never had a status; 0 says so instead of the unsent default 200.
            int status = fault == "reset" ? 0 : context.Response.StatusCode;
            log.Add(new RequestLogEntry(DateTimeOffset.UtcNow, context.Request.Method, path, status, fault, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
    }
}
