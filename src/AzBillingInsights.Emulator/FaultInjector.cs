using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Applies a fault from the <c>x-ms-emulator-fault</c> header or the queue to any request outside
/// /_emulator: error statuses with ARM bodies, 202 with Location, a delay, a body cut off after the
/// headers, or an aborted connection.
/// </summary>
internal sealed class FaultInjector(RequestDelegate next, FaultQueue queue)
{
    public const string Header = "x-ms-emulator-fault";
    private const int TruncateGraceMilliseconds = 200;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/_emulator", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        FaultSpec? fault;
        try
        {
            fault = context.Request.Headers[Header].FirstOrDefault() is { Length: > 0 } header
                ? FaultSpec.ParseHeader(header)
                : queue.TryTake(context.Request.Path.Value + context.Request.QueryString.Value);
        }
        catch (ArgumentException e)
        {
            await ArmErrors.WriteAsync(context, 400, "InvalidEmulatorFault", e.Message, Header);
            return;
        }
        if (fault is null)
        {
            await next(context);
            return;
        }
        context.Items[RequestLog.FaultItem] = fault.Kind;
        string retryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        switch (fault.Kind)
        {
            case "429":
                context.Response.Headers.RetryAfter = retryAfter;
                await ArmErrors.WriteAsync(context, 429, "TooManyRequests", $"Too many requests. Please retry after {retryAfter} seconds.");
                break;
            case "500":
                await ArmErrors.WriteAsync(context, 500, "InternalServerError",
                    $"Encountered internal server error. Diagnostic information: timestamp '{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}', " +
                    $"tracking id '{Guid.NewGuid()}', request correlation id '{context.Response.Headers["x-ms-correlation-request-id"]}'.");
                break;
            case "503":
                context.Response.Headers.RetryAfter = retryAfter;
                await ArmErrors.WriteAsync(context, 503, "ServiceUnavailable", $"The service is temporarily unavailable. Please retry after {retryAfter} seconds.");
                break;
            case "504":
                await ArmErrors.WriteAsync(context, 504, "GatewayTimeout",
                    $"The gateway did not receive a response from '{ProviderOf(context.Request.Path)}' within the specified time period.");
                break;
            case "202":
                // The spec's 202: the flat {code, message} body, Location to ask again at, Retry-After.
                context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}";
                context.Response.Headers.RetryAfter = retryAfter;
                await ControlEndpoints.WriteJsonAsync(context, 202, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("code", "DataNotReady");
                    w.WriteString("message", $"The requested data is still being processed. Please retry after {retryAfter} seconds.");
                    w.WriteEndObject();
                });
                break;
            case "slow":
                await Task.Delay(fault.DelayMilliseconds, context.RequestAborted);
                await next(context);
                break;
            case "reportfailed":
                context.Items[CostDetailsEndpoints.ReportFailedItem] = true;
                await next(context);
                break;
            case "truncate":
                await TruncateAsync(context);
                break;
            default:
                context.Abort();
                break;
        }
    }

    /// <summary>Sends the real status and headers with the full Content-Length, then half the body, then drops the connection.</summary>
    private async Task TruncateAsync(HttpContext context)
    {
        // A body feature without the server's behind it, so nothing reaches the wire until the body is known.
        IHttpResponseBodyFeature server = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var captured = new MemoryStream();
        var capture = new StreamResponseBodyFeature(captured);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await next(context);
            await capture.CompleteAsync();
        }
        finally
        {
            context.Features.Set(server);
        }
        byte[] body = captured.ToArray();
        context.Response.ContentLength = body.Length;
        await server.Stream.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
        await server.Stream.FlushAsync(context.RequestAborted);
        // Give the client time to read the headers and partial body: an immediate reset can discard them.
        await Task.Delay(TruncateGraceMilliseconds, context.RequestAborted);
        context.Abort();
    }

    private static string ProviderOf(PathString path) =>
        path.Value?.Contains("Microsoft.Billing", StringComparison.OrdinalIgnoreCase) == true ? "Microsoft.Billing" : "Microsoft.Commerce";
}
