using System.Globalization;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Adds the headers every ARM response carries (docs/design.md, "ARM"): request, correlation and routing ids, no-cache,
/// HSTS and the remaining read budget. <see cref="ArmAuthorization"/> later overwrites the budget
/// header with the caller's own count.
/// </summary>
internal sealed class ArmResponseHeaders(RequestDelegate next, ReadBudget budget)
{
    public const string RemainingReadsHeader = "x-ms-ratelimit-remaining-subscription-reads";

    public Task InvokeAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? "";
        // Control, blob and identity endpoints are not ARM and do not get ARM's headers.
        if (path.StartsWith("/_emulator", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/_blob", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(ManagedIdentityEndpoints.Path, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }
        IHeaderDictionary headers = context.Response.Headers;
        string correlation = context.Request.Headers["x-ms-correlation-request-id"].FirstOrDefault() is { Length: > 0 } sent
            ? sent
            : Guid.NewGuid().ToString();
        headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        headers["x-ms-correlation-request-id"] = correlation;
        headers["x-ms-routing-request-id"] = $"EASTUS:{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}:{correlation}";
        headers[RemainingReadsHeader] = budget.Limit.ToString(CultureInfo.InvariantCulture);
        headers.CacheControl = "no-cache";
        headers.Pragma = "no-cache";
        headers.Expires = "-1";
        headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        return next(context);
    }
}
