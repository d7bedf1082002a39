using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Microsoft.Billing invoices and billing periods (§3): list with $filter/$top/$skiptoken/$expand,
/// get by name, latest, and the tenant-level operations list. Literal "latest" outranks {invoiceName}
/// in ASP.NET Core routing, which is the order the reference asks for.
/// </summary>
internal static class InvoiceEndpoints
{
    /// <summary>Items per page; $top is not the page size but the total (the newest N), as the service treats it.</summary>
    public const int PageSize = 10;
    private const string Invoices = "/subscriptions/{subscriptionId}/providers/Microsoft.Billing/invoices";
    private const string BillingPeriods = "/subscriptions/{subscriptionId}/providers/Microsoft.Billing/billingPeriods";
    private const string InvoicesOnlyVersion = "2017-02-27-preview";
    // "2017-02-27" without -preview is what the spec example for that version sends; both spellings are accepted.
    private static readonly string[] InvoiceVersions = [InvoicesOnlyVersion, "2017-02-27", "2017-04-24-preview", "2018-03-01-preview"];
    private static readonly string[] PeriodVersions = ["2017-04-24-preview", "2018-03-01-preview"];

    public static void Map(WebApplication app)
    {
        app.MapGet(Invoices, ListInvoicesAsync);
        app.MapGet(Invoices + "/latest", (HttpContext c, string subscriptionId, Services s) => GetInvoiceAsync(c, subscriptionId, null, s));
        app.MapGet(Invoices + "/{invoiceName}", (HttpContext c, string subscriptionId, string invoiceName, Services s) => GetInvoiceAsync(c, subscriptionId, invoiceName, s));
        app.MapGet(BillingPeriods, ListPeriodsAsync);
        app.MapGet(BillingPeriods + "/{billingPeriodName}", GetPeriodAsync);
        app.MapGet("/providers/Microsoft.Billing/operations", OperationsAsync);
    }

    /// <summary>What every handler here needs, resolved from DI in one go.</summary>
    internal sealed record Services(ArmAuthorization Authorization, InvoiceCatalog Catalog, BlobSigner Signer, EmulatorOptions Options);

    private static Task ListInvoicesAsync(HttpContext context, string subscriptionId, Services s)
    {
        Subscription sub = s.Authorization.Authorize(context, subscriptionId, "Microsoft.Billing/invoices/read", needsInvoiceAccess: true);
        string version = ArmErrors.RequireApiVersion(context.Request, "invoices", InvoiceVersions);
        DateFilter filter = DateFilter.Parse(context.Request.Query["$filter"], "invoicePeriodStartDate", "invoicePeriodEndDate");
        bool expand = string.Equals(context.Request.Query["$expand"], "downloadUrl", StringComparison.OrdinalIgnoreCase);
        var matching = s.Catalog.For(sub).Where(i => filter.Matches(i.PeriodStart, i.PeriodEnd)).ToList();
        return WritePageAsync(context, matching, (w, invoice) => WriteInvoice(w, context, invoice, version, expand, s));
    }

    private static Task GetInvoiceAsync(HttpContext context, string subscriptionId, string? name, Services s)
    {
        Subscription sub = s.Authorization.Authorize(context, subscriptionId, "Microsoft.Billing/invoices/read", needsInvoiceAccess: true);
        string version = ArmErrors.RequireApiVersion(context.Request, "invoices", InvoiceVersions);
        Invoice invoice = (name is null ? s.Catalog.For(sub).FirstOrDefault() : s.Catalog.Find(sub, name))
            ?? throw new ArmException(404, "ResourceNotFound", name is null
                ? $"No invoice has been issued yet for subscription '{sub.IdText}'."
                : $"The invoice '{name}' was not found for subscription '{sub.IdText}'.");
        return ControlEndpoints.WriteJsonAsync(context, 200, w => WriteInvoice(w, context, invoice, version, expand: true, s));
    }

    private static Task ListPeriodsAsync(HttpContext context, string subscriptionId, Services s)
    {
        Subscription sub = s.Authorization.Authorize(context, subscriptionId, "Microsoft.Billing/billingPeriods/read");
        ArmErrors.RequireApiVersion(context.Request, "billingPeriods", PeriodVersions);
        DateFilter filter = DateFilter.Parse(context.Request.Query["$filter"], "billingPeriodStartDate", "billingPeriodEndDate");
        var matching = s.Catalog.For(sub).Where(i => filter.Matches(i.PeriodStart, i.PeriodEnd)).ToList();
        return WritePageAsync(context, matching, WritePeriod);
    }

    private static Task GetPeriodAsync(HttpContext context, string subscriptionId, string billingPeriodName, Services s)
    {
        Subscription sub = s.Authorization.Authorize(context, subscriptionId, "Microsoft.Billing/billingPeriods/read");
        ArmErrors.RequireApiVersion(context.Request, "billingPeriods", PeriodVersions);
        Invoice invoice = s.Catalog.For(sub).FirstOrDefault(i => string.Equals(i.BillingPeriodName, billingPeriodName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArmException(404, "ResourceNotFound", $"The billing period '{billingPeriodName}' was not found for subscription '{sub.IdText}'.");
        return ControlEndpoints.WriteJsonAsync(context, 200, w => WritePeriod(w, invoice));
    }

    private static Task OperationsAsync(HttpContext context, ArmAuthorization authorization)
    {
        authorization.Authenticate(context);
        ArmErrors.RequireApiVersion(context.Request, "operations", InvoiceVersions);
        (string Resource, string Operation)[] operations = [("Invoice", "List invoices"), ("Invoice", "Download invoice"), ("Billing Period", "List billing periods")];
        return ControlEndpoints.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("value");
            foreach ((string resource, string operation) in operations)
            {
                w.WriteStartObject();
                w.WriteString("name", resource == "Invoice" ? "Microsoft.Billing/invoices/read" : "Microsoft.Billing/billingPeriods/read");
                w.WriteStartObject("display");
                w.WriteString("provider", "Microsoft Billing");
                w.WriteString("resource", resource);
                w.WriteString("operation", operation);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Pages newest-first lists, <see cref="PageSize"/> items a page. $top (1–100) keeps only the N most recent items
    /// of the whole list (billing.json: "May be used to limit the number of results to the most recent N"); nextLink
    /// repeats it, with $skiptoken an opaque offset.
    /// </summary>
    private static Task WritePageAsync(HttpContext context, IReadOnlyList<Invoice> items, Action<Utf8JsonWriter, Invoice> writeItem)
    {
        IQueryCollection query = context.Request.Query;
        int total = items.Count;
        if (query["$top"].FirstOrDefault() is { } topText)
        {
            if (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out int top) || top < 1 || top > 100)
            {
                throw new ArmException(400, "BadRequest", $"The value '{topText}' of $top is invalid; it must be an integer from 1 to 100.", "$top");
            }
            total = Math.Min(total, top);
        }
        int offset = 0;
        if (query["$skiptoken"].FirstOrDefault() is { } token && !TryReadSkipToken(token, out offset))
        {
            throw new ArmException(400, "BadRequest", "The $skiptoken is invalid; follow nextLink as returned.", "$skiptoken");
        }
        return ControlEndpoints.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("value");
            foreach (Invoice item in items.Take(total).Skip(offset).Take(PageSize))
            {
                writeItem(w, item);
            }
            w.WriteEndArray();
            if (offset + PageSize < total)
            {
                w.WriteString("nextLink", NextLink(context.Request, offset + PageSize));
            }
            w.WriteEndObject();
        });
    }

    private static void WriteInvoice(Utf8JsonWriter w, HttpContext context, Invoice invoice, string version, bool expand, Services s)
    {
        w.WriteStartObject();
        w.WriteString("id", invoice.Id);
        w.WriteString("name", invoice.Name);
        w.WriteString("type", "Microsoft.Billing/invoices");
        w.WriteStartObject("properties");
        w.WriteString("invoicePeriodStartDate", Date(invoice.PeriodStart));
        w.WriteString("invoicePeriodEndDate", Date(invoice.PeriodEnd));
        if (!version.StartsWith("2017-02-27", StringComparison.Ordinal))
        {
            w.WriteStartArray("billingPeriodIds");
            w.WriteStringValue(invoice.BillingPeriodId);
            w.WriteEndArray();
        }
        if (expand)
        {
            DateTimeOffset expiry = EmulatorClock.UtcNow.AddSeconds(s.Options.DownloadUrlLifetimeSeconds);
            Uri endpoint = new($"{context.Request.Scheme}://{context.Request.Host}/");
            w.WriteStartObject("downloadUrl");
            w.WriteString("expiryTime", BlobSigner.Format(expiry));
            w.WriteString("url", s.Signer.SignedUrl(endpoint, InvoiceCatalog.BlobPath(invoice), expiry));
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePeriod(Utf8JsonWriter w, Invoice invoice)
    {
        w.WriteStartObject();
        w.WriteString("id", invoice.BillingPeriodId);
        w.WriteString("name", invoice.BillingPeriodName);
        w.WriteString("type", "Microsoft.Billing/billingPeriods");
        w.WriteStartObject("properties");
        w.WriteString("billingPeriodStartDate", Date(invoice.PeriodStart));
        w.WriteString("billingPeriodEndDate", Date(invoice.PeriodEnd));
        w.WriteStartArray("invoiceIds");
        w.WriteStringValue(invoice.Id);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string NextLink(HttpRequest request, int offset)
    {
        var builder = new StringBuilder($"{request.Scheme}://{request.Host}{request.Path}?");
        foreach (string pair in (request.QueryString.Value ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.UnescapeDataString(pair.Split('=')[0]).Equals("$skiptoken", StringComparison.OrdinalIgnoreCase))
            {
                builder.Append(pair).Append('&');
            }
        }
        string token = Base64Url.EncodeToString(Encoding.ASCII.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));
        return builder.Append("%24skiptoken=").Append(token).ToString();
    }

    private static bool TryReadSkipToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            string text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Date(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
