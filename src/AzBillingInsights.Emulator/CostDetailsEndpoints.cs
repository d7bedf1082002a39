using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;

namespace AzBillingInsights.Emulator;

/// <summary>The CSV blobs of each distinct report, by scope, metric, window and subscriptions.</summary>
internal sealed class BuiltCostReports : ConcurrentDictionary<string, Lazy<List<byte[]>>>
{
}

/// <summary>A Cost Details report being built or finished: what was asked, when it is ready, its blobs once built.</summary>
internal sealed class CostDetailsOperation(string id, string scope, string requestBody, DateTimeOffset readyAt, bool fails, Func<List<byte[]>> build)
{
    private readonly Lazy<List<byte[]>> blobs = new(build);

    public string Id { get; } = id;
    public string Scope { get; } = scope;
    public string RequestBody { get; } = requestBody;
    public DateTimeOffset ReadyAt { get; } = readyAt;
    public bool Fails { get; } = fails;
    public List<byte[]> Blobs => blobs.Value;
}

/// <summary>
/// The Cost Details API (reference §3): POST generateCostDetailsReport at a subscription, resource group, the EA
/// billing account or the MCA billing account / billing profile answers 202 with Location and Retry-After; the
/// operation status answers 202 until the report is built, then 200 with a manifest of two or more CSV blobs
/// behind SAS links. MOSP subscriptions get the service's 422; each scope is throttled as documented.
/// </summary>
internal static class CostDetailsEndpoints
{
    public const string ReportFailedItem = "CostDetailsReportFails";
    private const string Generate = "/providers/Microsoft.CostManagement/generateCostDetailsReport";
    private const string Status = "/providers/Microsoft.CostManagement/costDetailsOperationStatus/{operationId}";
    private const string Action = "Microsoft.CostManagement/generateCostDetailsReport/action";
    private static readonly string[] Versions = ["2022-05-01", "2022-10-01", "2023-03-01", "2023-11-01", "2024-08-01", "2025-03-01"];

    private static readonly string[] Scopes =
    [
        "/subscriptions/{subscriptionId}",
        "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}",
        "/providers/Microsoft.Billing/billingAccounts/{billingAccount}",
        "/providers/Microsoft.Billing/billingAccounts/{billingAccount}/billingProfiles/{billingProfile}",
    ];

    public static void Map(WebApplication app)
    {
        foreach (string scope in Scopes)
        {
            app.MapPost(scope + Generate, GenerateAsync);
            app.MapGet(scope + Status, StatusAsync);
        }
        app.MapGet("/_emulator/truth/billing-scopes", BillingScopesAsync);
    }

    internal sealed record Services(
        Estate Estate, ArmAuthorization Authorization, CostDetailsThrottle Throttle, CostDetailsRows Rows, CostDetailsCsv Csv, InvoiceCatalog Invoices,
        BlobSigner Signer, EmulatorOptions Options, ConcurrentDictionary<string, CostDetailsOperation> Operations, BuiltCostReports BuiltReports);

    /// <summary>The subscriptions a scope covers and the agreement they share.</summary>
    private sealed record Scope(string Path, BillingAgreement Agreement, IReadOnlyList<Subscription> Subscriptions, string? ResourceGroup);

    /// <summary>"costdetails/{operationId}/{n}.csv" for <see cref="BlobEndpoints"/>.</summary>
    public static byte[]? FindBlob(ConcurrentDictionary<string, CostDetailsOperation> operations, string path)
    {
        string[] parts = path.Split('/');
        return parts.Length == 2 && operations.TryGetValue(parts[0], out CostDetailsOperation? operation) && !operation.Fails
            && parts[1].EndsWith(".csv", StringComparison.Ordinal) && int.TryParse(parts[1][..^4], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && n <= operation.Blobs.Count
            ? operation.Blobs[n - 1]
            : null;
    }

    private static async Task GenerateAsync(HttpContext context, Services s)
    {
        Scope scope = Resolve(context, s);
        ArmErrors.RequireApiVersion(context.Request, "generateCostDetailsReport", Versions);
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)).RootElement;
        }
        catch (JsonException e)
        {
            throw new ArmException(400, "BadRequest", $"The request body is not valid JSON: {e.Message}");
        }
        (CostMetric metric, Func<Subscription, (DateTime, DateTime)> windowOf, IReadOnlyList<Subscription> subscriptions) = ReadRequest(body, scope, s);

        DateTimeOffset now = EmulatorClock.UtcNow;
        int wait = s.Throttle.TryAccept(scope.Path, now);
        if (wait > 0)
        {
            context.Response.Headers["x-ms-ratelimit-microsoft.costmanagement-entity-retry-after"] = wait.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            throw new ArmException(429, "429", $"Too many requests. Please retry after {wait} seconds. The scope '{scope.Path}' has used its Cost Details reports for now.");
        }

        string id = Guid.NewGuid().ToString();
        string? group = scope.ResourceGroup;
        // The same report asked again is the same data (the estate is frozen): its blobs are built once.
        string reportKey = $"{scope.Path}|{metric}|{string.Join(",", subscriptions.Select(x => $"{x.Number}:{windowOf(x)}"))}".ToLowerInvariant();
        Lazy<List<byte[]>> blobs = s.BuiltReports.GetOrAdd(reportKey, _ => new Lazy<List<byte[]>>(
            () => s.Csv.Write(scope.Agreement, s.Rows.Lines(subscriptions, group, metric, windowOf).ToList())));
        var operation = new CostDetailsOperation(id, scope.Path, body.GetRawText(), now.AddSeconds(s.Options.CostDetailsBuildSeconds),
            context.Items.ContainsKey(ReportFailedItem), () => blobs.Value);
        s.Operations[id] = operation;
        context.Response.StatusCode = 202;
        context.Response.Headers.Location = StatusUrl(context, operation);
        context.Response.Headers.RetryAfter = s.Options.CostDetailsBuildSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private static Task StatusAsync(HttpContext context, string operationId, Services s)
    {
        Scope scope = Resolve(context, s);
        ArmErrors.RequireApiVersion(context.Request, "costDetailsOperationStatus", Versions);
        if (!s.Operations.TryGetValue(operationId, out CostDetailsOperation? operation) || !string.Equals(operation.Scope, scope.Path, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArmException(404, "NotFound", $"The operation '{operationId}' was not found at scope '{scope.Path}'.");
        }
        DateTimeOffset now = EmulatorClock.UtcNow;
        if (now < operation.ReadyAt)
        {
            context.Response.StatusCode = 202;
            context.Response.Headers.Location = StatusUrl(context, operation);
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((operation.ReadyAt - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }
        string statusId = $"{scope.Path}/providers/Microsoft.CostManagement/costDetailsOperationResults/{operation.Id}";
        if (operation.Fails)
        {
            return ControlEndpoints.WriteJsonAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteString("id", statusId);
                w.WriteString("name", operation.Id);
                w.WriteString("status", "Failed");
                w.WriteStartObject("error");
                w.WriteString("code", "ReportGenerationFailed");
                w.WriteString("message", "The report could not be generated because of an internal error. Please retry.");
                w.WriteEndObject();
                w.WriteEndObject();
            });
        }
        List<byte[]> blobs = operation.Blobs;
        DateTimeOffset validTill = operation.ReadyAt.AddSeconds(s.Options.DownloadUrlLifetimeSeconds);
        Uri endpoint = new($"{context.Request.Scheme}://{context.Request.Host}/");
        return ControlEndpoints.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", statusId);
            w.WriteString("name", operation.Id);
            w.WriteString("status", "Completed");
            w.WriteStartObject("manifest");
            w.WriteString("manifestVersion", "2022-05-01");
            w.WriteString("dataFormat", "Csv");
            w.WriteNumber("blobCount", blobs.Count);
            w.WriteNumber("byteCount", blobs.Sum(b => (long)b.Length));
            w.WriteBoolean("compressData", false);
            w.WriteStartObject("requestContext");
            w.WriteString("requestScope", operation.Scope);
            w.WritePropertyName("requestBody");
            w.WriteRawValue(operation.RequestBody);
            w.WriteEndObject();
            w.WriteStartArray("blobs");
            for (int i = 0; i < blobs.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("blobLink", s.Signer.SignedUrl(endpoint, $"costdetails/{operation.Id}/{i + 1}.csv", validTill));
                w.WriteNumber("byteCount", blobs[i].Length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("validTill", validTill.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        });
    }

    /// <summary>Authenticates and authorizes the caller at the scope; MOSP subscriptions get the service's 422.</summary>
    private static Scope Resolve(HttpContext context, Services s)
    {
        RouteValueDictionary route = context.Request.RouteValues;
        BillingAccounts accounts = s.Estate.BillingAccounts;
        if (route.TryGetValue("subscriptionId", out object? subscriptionValue))
        {
            Subscription subscription = s.Authorization.Authorize(context, (string)subscriptionValue!, Action);
            if (subscription.Agreement == BillingAgreement.OnlineServicesProgram)
            {
                throw new ArmException(422, "422", "Unsupported request. offer type: WebDirect for get detailed report request is not supported.");
            }
            string path = $"/subscriptions/{subscription.IdText}";
            if (route.TryGetValue("resourceGroup", out object? groupValue))
            {
                string group = subscription.Resources.Select(r => r.ResourceGroup).FirstOrDefault(g => string.Equals(g, (string)groupValue!, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ArmException(404, "ResourceGroupNotFound", $"Resource group '{groupValue}' could not be found.");
                return new Scope($"{path}/resourceGroups/{group}", subscription.Agreement, [subscription], group);
            }
            return new Scope(path, subscription.Agreement, [subscription], null);
        }

        Principal principal = s.Authorization.Authenticate(context);
        string account = (string)route["billingAccount"]!;
        string? profile = route.TryGetValue("billingProfile", out object? p) ? (string)p! : null;
        (string scopePath, BillingAgreement agreement) =
            string.Equals(account, accounts.EnrollmentNumber, StringComparison.OrdinalIgnoreCase) && profile is null
                ? (accounts.EaScope, BillingAgreement.EnterpriseAgreement)
            : string.Equals(account, accounts.McaBillingAccountName, StringComparison.OrdinalIgnoreCase) && profile is null
                ? (accounts.McaBillingAccountScope, BillingAgreement.MicrosoftCustomerAgreement)
            : string.Equals(account, accounts.McaBillingAccountName, StringComparison.OrdinalIgnoreCase) && string.Equals(profile, accounts.McaBillingProfileName, StringComparison.OrdinalIgnoreCase)
                ? (accounts.McaBillingProfileScope, BillingAgreement.MicrosoftCustomerAgreement)
            : throw new ArmException(404, "NotFound", $"The billing scope '{context.Request.Path.Value?.Split("/providers/Microsoft.CostManagement")[0]}' was not found.");
        var subscriptions = s.Estate.Subscriptions.Where(x => x.Agreement == agreement).ToList();
        // Billing Reader is granted at the billing scope in Azure; here it is the role on every subscription the scope holds.
        if (subscriptions.Any(x => !s.Authorization.CanRead(principal, x)))
        {
            throw new ArmException(403, "AuthorizationFailed",
                $"The client '{principal.DisplayName}' with object id '{principal.ObjectId}' does not have authorization to perform action '{Action}' over scope '{scopePath}' " +
                "or the scope is invalid. If access was recently granted, please refresh your credentials.");
        }
        return new Scope(scopePath, agreement, subscriptions, null);
    }

    /// <summary>The metric and the one period selector, checked as the service checks them; each subscription's window in days and the subscriptions covered.</summary>
    private static (CostMetric, Func<Subscription, (DateTime, DateTime)>, IReadOnlyList<Subscription>) ReadRequest(JsonElement body, Scope scope, Services s)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new ArmException(400, "BadRequest", "The request body must be a JSON object.");
        }
        string? metricText = body.TryGetProperty("metric", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        CostMetric metric = Enum.TryParse(metricText, ignoreCase: true, out CostMetric parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ArmException(400, "BadRequest", $"Invalid metric '{metricText}'. Supported values are ActualCost and AmortizedCost.");
        bool hasTime = body.TryGetProperty("timePeriod", out JsonElement time) && time.ValueKind == JsonValueKind.Object;
        string? billingPeriod = body.TryGetProperty("billingPeriod", out JsonElement bp) && bp.ValueKind == JsonValueKind.String ? bp.GetString() : null;
        string? invoiceId = body.TryGetProperty("invoiceId", out JsonElement inv) && inv.ValueKind == JsonValueKind.String ? inv.GetString() : null;
        if ((hasTime ? 1 : 0) + (billingPeriod is null ? 0 : 1) + (invoiceId is null ? 0 : 1) != 1)
        {
            throw new ArmException(400, "BadRequest", "Exactly one of timePeriod, billingPeriod or invoiceId must be provided.");
        }
        EmulatorClock clock = s.Estate.Clock;
        if (billingPeriod is not null)
        {
            if (scope.Agreement != BillingAgreement.EnterpriseAgreement)
            {
                throw new ArmException(400, "BadRequest", "billingPeriod is supported only for Enterprise Agreement scopes; use timePeriod or invoiceId.");
            }
            DateTime month = DateTime.TryParseExact(billingPeriod, "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime bm)
                ? DateTime.SpecifyKind(bm, DateTimeKind.Utc)
                : throw new ArmException(400, "BadRequest", $"Invalid billingPeriod '{billingPeriod}'; expected yyyyMM.");
            CheckWithinRetention(month, clock);
            // Each subscription's billing period that starts in that month (on its billing day).
            return (metric, x => (month.AddDays(x.BillingDay - 1), month.AddDays(x.BillingDay - 1).AddMonths(1).AddDays(-1)), scope.Subscriptions);
        }
        if (invoiceId is not null)
        {
            if (scope.Agreement != BillingAgreement.MicrosoftCustomerAgreement)
            {
                throw new ArmException(400, "BadRequest", "invoiceId is supported only for Microsoft Customer Agreement scopes; use timePeriod or billingPeriod.");
            }
            foreach (Subscription subscription in scope.Subscriptions)
            {
                if (s.Invoices.Find(subscription, invoiceId) is { } invoice)
                {
                    return (metric, _ => (invoice.PeriodStart, invoice.PeriodEnd), [subscription]);
                }
            }
            throw new ArmException(404, "InvoiceNotFound", $"Invoice '{invoiceId}' was not found at scope '{scope.Path}'.");
        }
        DateTime first = Day(time, "start");
        DateTime last = Day(time, "end");
        if (last < first)
        {
            throw new ArmException(400, "BadRequest", "Invalid time period: the end date is before the start date.");
        }
        if (last >= first.AddMonths(1))
        {
            throw new ArmException(400, "BadRequest", "Invalid time period: a report can cover at most one month.");
        }
        CheckWithinRetention(first, clock);
        return (metric, _ => (first, last), scope.Subscriptions);
    }

    private static void CheckWithinRetention(DateTime first, EmulatorClock clock)
    {
        if (first < clock.DataStart)
        {
            throw new ArmException(400, "BadRequest", $"Cost details are available for the last 13 months only: from {clock.DataStart:yyyy-MM-dd}.");
        }
    }

    private static DateTime Day(JsonElement time, string name) =>
        time.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String
        && DateTime.TryParse(e.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime day)
            ? DateTime.SpecifyKind(day.Date, DateTimeKind.Utc)
            : throw new ArmException(400, "BadRequest", $"Invalid timePeriod.{name}; expected a date such as 2026-11-01.");

    private static string StatusUrl(HttpContext context, CostDetailsOperation operation) =>
        $"{context.Request.Scheme}://{context.Request.Host}{operation.Scope}/providers/Microsoft.CostManagement/costDetailsOperationStatus/{operation.Id}?api-version=2022-05-01";

    private static Task BillingScopesAsync(HttpContext context, Estate estate) => ControlEndpoints.WriteJsonAsync(context, 200, w =>
    {
        void Ids(BillingAgreement agreement)
        {
            w.WriteStartArray("subscriptionIds");
            foreach (Subscription sub in estate.Subscriptions.Where(x => x.Agreement == agreement))
            {
                w.WriteStringValue(sub.IdText);
            }
            w.WriteEndArray();
        }
        w.WriteStartObject();
        w.WriteStartObject("enterpriseAgreement");
        w.WriteString("billingAccountScope", estate.BillingAccounts.EaScope);
        Ids(BillingAgreement.EnterpriseAgreement);
        w.WriteEndObject();
        w.WriteStartObject("microsoftCustomerAgreement");
        w.WriteString("billingAccountScope", estate.BillingAccounts.McaBillingAccountScope);
        w.WriteString("billingProfileScope", estate.BillingAccounts.McaBillingProfileScope);
        Ids(BillingAgreement.MicrosoftCustomerAgreement);
        w.WriteEndObject();
        w.WriteStartArray("unsupportedSubscriptionIds");
        foreach (Subscription sub in estate.Subscriptions.Where(x => x.Agreement == BillingAgreement.OnlineServicesProgram))
        {
            w.WriteStringValue(sub.IdText);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
