using System.Text.Encodings.Web;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>An ARM-shaped failure; <see cref="ArmErrorMiddleware"/> turns it into the error envelope.</summary>
internal sealed class ArmException(int status, string code, string message, string? target = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? Target { get; } = target;
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>False when the status goes out with an empty body, as ARM's refusals of invoice reads often do.</summary>
    public bool HasBody { get; private set; } = true;

    public ArmException WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    public ArmException WithoutBody()
    {
        HasBody = false;
        return this;
    }
}

/// <summary>Writes <c>{"error":{"code","message"[,"target"]}}</c>, the envelope every ARM failure uses.</summary>
internal static class ArmErrors
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteAsync(HttpContext context, int status, string code, string message, string? target = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", code);
        writer.WriteString("message", message);
        if (target is not null)
        {
            writer.WriteString("target", target);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public static ArmException MissingApiVersion() =>
        new(400, "NoApiVersion", "The api-version query parameter (?api-version=) is required for all requests.");

    public static ArmException UnsupportedApiVersion(string resourceType, string given, IEnumerable<string> supported) =>
        new(400, "NoRegisteredProviderFound",
            $"No registered resource provider found for location 'global' and API version '{given}' for type '{resourceType}'. " +
            $"The supported api-versions are '{string.Join(", ", supported)}'. The supported locations are ''.", "api-version");

    /// <summary>Requires api-version and returns it; ARM checks this before the provider sees the call.</summary>
    public static string RequireApiVersion(HttpRequest request, string resourceType, params string[] supported)
    {
        string? given = request.Query["api-version"];
        if (string.IsNullOrEmpty(given))
        {
            throw MissingApiVersion();
        }
        string? match = supported.FirstOrDefault(v => string.Equals(v, given, StringComparison.OrdinalIgnoreCase));
        return match ?? throw UnsupportedApiVersion(resourceType, given, supported);
    }
}

/// <summary>Catches <see cref="ArmException"/> anywhere below it and writes the envelope with its headers.</summary>
internal sealed class ArmErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ArmException error) when (!context.Response.HasStarted)
        {
            foreach ((string name, string value) in error.Headers)
            {
                context.Response.Headers[name] = value;
            }
            if (!error.HasBody)
            {
                context.Response.StatusCode = error.Status;
                context.Response.ContentLength = 0;
                return;
            }
            await ArmErrors.WriteAsync(context, error.Status, error.Code, error.Message, error.Target);
        }
    }
}
