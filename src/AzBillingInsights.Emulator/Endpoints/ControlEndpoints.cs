using System.Globalization;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Test-only control plane under /_emulator: mint tokens for named principals with chosen roles, queue
/// faults, read and clear the request log. No authentication: the emulator only listens on loopback.
/// </summary>
internal static class ControlEndpoints
{
    /// <summary>The app id minted tokens carry (the Azure CLI's public client id, as a user's ARM token would).</summary>
    public const string TestClientAppId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

    public static void Map(WebApplication app)
    {
        app.MapPost("/_emulator/tokens", IssueTokenAsync);
        app.MapPost("/_emulator/faults", QueueFaultAsync);
        app.MapGet("/_emulator/faults", (FaultQueue queue, HttpContext context) => WriteJsonAsync(context, 200, w => WriteFaults(w, queue.Snapshot())));
        app.MapDelete("/_emulator/faults", (FaultQueue queue) =>
        {
            queue.Clear();
            return Results.NoContent();
        });
        app.MapGet("/_emulator/requests", (RequestLog log, HttpContext context) => WriteJsonAsync(context, 200, w => WriteRequests(w, log.Snapshot())));
        app.MapDelete("/_emulator/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
    }

    public static Guid PrincipalObjectId(string principal) => StableHash.ToGuid(StableHash.OfText("principal:" + principal));

    private static async Task IssueTokenAsync(HttpContext context, TokenService tokens, RoleAssignments roles, EmulatorOptions options)
    {
        JsonElement body;
        string principal;
        Dictionary<Guid, IReadOnlyList<string>> assignments = [];
        int lifetime = options.TokenLifetimeSeconds;
        string audience = "https://management.azure.com/";
        try
        {
            body = await ReadBodyAsync(context);
            principal = body.TryGetProperty("principal", out JsonElement p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } name
                ? name
                : throw new ArgumentException("'principal' (a non-empty string) is required.");
            if (body.TryGetProperty("roles", out JsonElement map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty entry in map.EnumerateObject())
                {
                    Guid sub = Guid.TryParse(entry.Name, out Guid g) ? g : throw new ArgumentException($"Role scope '{entry.Name}' is not a subscription GUID.");
                    string[] granted = entry.Value.ValueKind == JsonValueKind.Array
                        ? entry.Value.EnumerateArray().Select(e => e.GetString() ?? "").ToArray()
                        : [entry.Value.GetString() ?? ""];
                    string? unknown = granted.FirstOrDefault(r => !RoleAssignments.ReadRoles.Contains(r));
                    assignments[sub] = unknown is null ? granted : throw new ArgumentException($"Unknown role '{unknown}'; use Owner, Contributor, Reader or Billing Reader.");
                }
            }
            if (body.TryGetProperty("expiresInSeconds", out JsonElement e))
            {
                lifetime = e.TryGetInt32(out int seconds) ? seconds : throw new ArgumentException("'expiresInSeconds' must be an integer.");
            }
            if (body.TryGetProperty("audience", out JsonElement a))
            {
                audience = a.GetString() ?? audience;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException)
        {
            await ArmErrors.WriteAsync(context, 400, "InvalidRequest", ex.Message);
            return;
        }
        string objectId = PrincipalObjectId(principal).ToString();
        roles.Assign(objectId, assignments);
        (string token, long expiresOn) = tokens.Issue(new Principal(objectId, TestClientAppId, principal), audience, TimeSpan.FromSeconds(lifetime), isUser: true);
        await WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("expires_on", expiresOn.ToString(CultureInfo.InvariantCulture));
            w.WriteString("token_type", "Bearer");
            w.WriteString("objectId", objectId);
            w.WriteEndObject();
        });
    }

    private static async Task QueueFaultAsync(HttpContext context, FaultQueue queue)
    {
        try
        {
            FaultSpec spec = FaultSpec.ParseJson(await ReadBodyAsync(context));
            queue.Enqueue(spec);
            await WriteJsonAsync(context, 201, w => WriteFaults(w, [spec]));
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException)
        {
            await ArmErrors.WriteAsync(context, 400, "InvalidRequest", ex.Message);
        }
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpContext context)
    {
        using JsonDocument doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        return doc.RootElement.Clone();
    }

    private static void WriteFaults(Utf8JsonWriter w, IReadOnlyList<FaultSpec> faults)
    {
        w.WriteStartArray();
        foreach (FaultSpec f in faults)
        {
            w.WriteStartObject();
            w.WriteString("kind", f.Kind);
            w.WriteNumber("count", f.Count);
            w.WriteNumber("retryAfterSeconds", f.RetryAfterSeconds);
            w.WriteString("pathContains", f.PathContains);
            w.WriteNumber("skip", f.Skip);
            w.WriteNumber("delayMilliseconds", f.DelayMilliseconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteRequests(Utf8JsonWriter w, IReadOnlyList<RequestLogEntry> entries)
    {
        w.WriteStartArray();
        foreach (RequestLogEntry e in entries)
        {
            w.WriteStartObject();
            w.WriteString("time", e.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("method", e.Method);
            w.WriteString("path", e.Path);
            w.WriteNumber("status", e.Status);
            w.WriteString("fault", e.Fault);
            w.WriteNumber("durationMs", Math.Round(e.DurationMs, 3));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, ArmErrors.WriterOptions);
        write(writer);
    }
}
