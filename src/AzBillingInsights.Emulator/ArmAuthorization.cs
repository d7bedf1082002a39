using System.Globalization;

namespace AzBillingInsights.Emulator;

/// <summary>
/// The checks ARM makes before a provider sees a request, in this order: bearer token present and
/// well-formed (401 AuthenticationFailed), audience (401 InvalidAuthenticationTokenAudience), expiry
/// (401 ExpiredAuthenticationToken), subscription id (400/404), role (403 AuthorizationFailed), the
/// invoice opt-in where asked, then the hourly read budget (429).
/// </summary>
internal sealed class ArmAuthorization(TokenService tokens, Estate estate, RoleAssignments roles, ReadBudget budget, EmulatorOptions options)
{
    /// <summary>The four audience spellings AzureCloud accepts (§4.6).</summary>
    public static readonly IReadOnlyList<string> Audiences =
    [
        "https://management.core.windows.net/", "https://management.core.windows.net",
        "https://management.azure.com/", "https://management.azure.com",
    ];

    public Principal Authenticate(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization.FirstOrDefault();
        if (string.IsNullOrEmpty(header))
        {
            throw Unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.");
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            throw Unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is provided in an invalid format.");
        }
        TokenClaims claims = tokens.Validate(header[7..].Trim())
            ?? throw Unauthorized("AuthenticationFailed", "Authentication failed. The access token is malformed or its signature is invalid.");
        if (!Audiences.Contains(claims.Audience, StringComparer.Ordinal))
        {
            throw Unauthorized("InvalidAuthenticationTokenAudience",
                $"The access token has been obtained for wrong audience or resource '{claims.Audience}'. It should exactly match with one of the allowed audiences {string.Join(",", Audiences.Select(a => $"'{a}'"))}.");
        }
        DateTimeOffset now = EmulatorClock.UtcNow;
        DateTimeOffset expiry = DateTimeOffset.FromUnixTimeSeconds(claims.ExpiresOn);
        if (expiry <= now)
        {
            throw Unauthorized("ExpiredAuthenticationToken",
                $"The access token expiry UTC time '{UsDate(expiry)}' is earlier than current UTC time '{UsDate(now)}'.");
        }
        return claims.Principal;
    }

    /// <summary>Authenticates, resolves the subscription and checks the caller may perform <paramref name="action"/> on it.</summary>
    public Subscription Authorize(HttpContext context, string subscriptionId, string action, bool needsInvoiceAccess = false)
    {
        Principal principal = Authenticate(context);
        if (!Guid.TryParse(subscriptionId, out Guid id))
        {
            throw new ArmException(400, "InvalidSubscriptionId", $"The provided subscription identifier '{subscriptionId}' is malformed or invalid.");
        }
        Subscription subscription = estate.Subscriptions.FirstOrDefault(s => s.Id == id)
            ?? throw new ArmException(404, "SubscriptionNotFound", $"The subscription '{subscriptionId}' could not be found.");
        if (!roles.CanRead(principal.ObjectId, id))
        {
            throw new ArmException(403, "AuthorizationFailed",
                $"The client '{principal.DisplayName}' with object id '{principal.ObjectId}' does not have authorization to perform action '{action}' " +
                $"over scope '/subscriptions/{subscription.IdText}' or the scope is invalid. If access was recently granted, please refresh your credentials.");
        }
        if (needsInvoiceAccess && !subscription.InvoicesOptedIn)
        {
            throw InvoiceRefusal(principal, subscription);
        }
        (bool allowed, int remaining, int retryAfter) = budget.Consume(principal.ObjectId, subscription.IdText);
        context.Response.Headers[ArmResponseHeaders.RemainingReadsHeader] = remaining.ToString(CultureInfo.InvariantCulture);
        if (!allowed)
        {
            throw Throttled(subscription.IdText, principal.ObjectId, retryAfter);
        }
        return subscription;
    }

    /// <summary>Whether the principal holds a read role on the subscription (billing scopes check each subscription they hold).</summary>
    public bool CanRead(Principal principal, Subscription subscription) => roles.CanRead(principal.ObjectId, subscription.Id);

    /// <summary>
    /// Azure refuses invoice reads of a caller who is not the Account Administrator, or before the opt-in, with 401
    /// (often no body) or 403, even for a token that reads usage (reference §3.1, §3.3); the shape is an option.
    /// </summary>
    private ArmException InvoiceRefusal(Principal principal, Subscription subscription) => options.InvoiceRefusal switch
    {
        InvoiceRefusalShape.Forbidden => new ArmException(403, "AuthorizationFailed",
            $"The client '{principal.DisplayName}' with object id '{principal.ObjectId}' does not have authorization to perform action 'Microsoft.Billing/invoices/read' " +
            $"over scope '/subscriptions/{subscription.IdText}' or the scope is invalid. If access was recently granted, please refresh your credentials."),
        InvoiceRefusalShape.InvoiceAccessNotEnabled => new ArmException(403, "InvoiceAccessNotEnabled",
            $"Access to invoices has not been enabled for subscription '{subscription.IdText}'. The account administrator must opt in " +
            "(Azure portal, Subscriptions > Invoices > Access to invoice) before invoices can be read through the API."),
        _ => new ArmException(401, "Unauthorized", "").WithoutBody(),
    };

    public static ArmException Throttled(string subscriptionId, string principalId, int retryAfterSeconds) =>
        new ArmException(429, "SubscriptionRequestsThrottled",
                $"Number of 'read' requests for subscription '{subscriptionId}' actor '{principalId}' exceeded. Please try again after " +
                $"'{retryAfterSeconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling")
            .WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    private ArmException Unauthorized(string code, string message) =>
        new ArmException(401, code, message).WithHeader("WWW-Authenticate",
            $"Bearer authorization_uri=\"https://login.windows.net/{tokens.TenantId}\", error=\"invalid_token\", error_description=\"{message.Replace("\"", "'", StringComparison.Ordinal)}\"");

    /// <summary>ARM writes these times as .NET en-US <c>M/d/yyyy h:mm:ss tt</c>.</summary>
    private static string UsDate(DateTimeOffset time) => time.UtcDateTime.ToString("M/d/yyyy h:mm:ss tt", CultureInfo.InvariantCulture);
}
