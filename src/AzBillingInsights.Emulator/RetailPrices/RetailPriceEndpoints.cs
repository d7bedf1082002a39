using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>
/// GET /api/retail/prices, the public Retail Prices API (no sign-in): the envelope
/// <c>BillingCurrency, CustomerEntityId, CustomerEntityType, Items, NextPageLink, Count</c>, 1000 items a page, and
/// the real NextPageLink quirks: through the service's own address with its port written out (the real one writes
/// <c>:443</c>), and a negative <c>$top</c> (20 minus the next <c>$skip</c>) that is ignored on the way back in.
/// Savings plans are served only with api-version 2023-01-01-preview, as documented.
/// </summary>
internal static class RetailPriceEndpoints
{
    public const string Path = "/api/retail/prices";
    public const string SavingsPlanApiVersion = "2023-01-01-preview";
    public const int PageSize = 1000;

    /// <summary>The real link's <c>$top</c> is 20 minus the next <c>$skip</c> (-980 before the second page).</summary>
    private const int TopOffset = 20;

    private static readonly ConcurrentDictionary<string, RetailPriceFilter> Filters = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int[]> Matches = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Currency, bool SavingsPlans), byte[][]> Encoded = new();

    public static void Map(WebApplication app) => app.MapGet(Path, HandleAsync);

    private static async Task HandleAsync(HttpContext context)
    {
        IQueryCollection query = context.Request.Query;
        string apiVersion = query["api-version"].FirstOrDefault() ?? "";
        string currency = Unquote(query["currencyCode"].FirstOrDefault()) ?? "USD";
        if (!CurrencyTable.IsKnown(currency))
        {
            await WriteErrorAsync(context, $"Invalid currency code '{currency}'.");
            return;
        }
        currency = currency.ToUpperInvariant();
        string? filterText = query["$filter"].FirstOrDefault();
        RetailPriceFilter? filter = filterText is null ? RetailPriceFilter.All : Filters.GetValueOrDefault(filterText);
        if (filter is null)
        {
            filter = RetailPriceFilter.Parse(filterText, out string? error);
            if (filter is null)
            {
                await WriteErrorAsync(context, "Invalid OData parameters supplied. " + error);
                return;
            }
            Filters.TryAdd(filterText!, filter);
        }
        bool primaryOnly = string.Equals(Unquote(query["meterRegion"].FirstOrDefault()), "primary", StringComparison.OrdinalIgnoreCase);
        int skip = int.TryParse(query["$skip"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 0;
        bool savingsPlans = apiVersion == SavingsPlanApiVersion;

        int[] matches = Matches.GetOrAdd((filterText ?? "") + (primaryOnly ? "|primary" : ""), _ => Match(filter, primaryOnly));
        byte[][] encoded = Encoded.GetOrAdd((currency, savingsPlans), key => Encode(key.Currency, key.SavingsPlans));
        int end = Math.Min(matches.Length, skip + PageSize);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var w = new Utf8JsonWriter(context.Response.BodyWriter, ArmErrors.WriterOptions);
        w.WriteStartObject();
        w.WriteString("BillingCurrency", currency);
        w.WriteString("CustomerEntityId", "Default");
        w.WriteString("CustomerEntityType", "Retail");
        w.WriteStartArray("Items");
        for (int i = skip; i < end; i++)
        {
            w.WriteRawValue(encoded[matches[i]], skipInputValidation: true);
        }
        w.WriteEndArray();
        if (end < matches.Length)
        {
            w.WriteString("NextPageLink", NextPageLink(context.Request, skip + PageSize));
        }
        else
        {
            w.WriteNull("NextPageLink");
        }
        w.WriteNumber("Count", Math.Max(end - skip, 0));
        w.WriteEndObject();
    }

    /// <summary>The catalogue positions of the items a query selects; kept per query, as clients page through them.</summary>
    private static int[] Match(RetailPriceFilter filter, bool primaryOnly)
    {
        var matches = new List<int>();
        IReadOnlyList<RetailItem> items = RetailPriceCatalog.Instance.Items;
        for (int i = 0; i < items.Count; i++)
        {
            if (filter.Matches(items[i]) && !(primaryOnly && items[i].ArmRegionName.Length == 0))
            {
                matches.Add(i);
            }
        }
        return matches.ToArray();
    }

    /// <summary>Every item serialized once per currency (and with or without savings plans): pages are then copies.</summary>
    private static byte[][] Encode(string currency, bool savingsPlans)
    {
        IReadOnlyList<RetailItem> items = RetailPriceCatalog.Instance.Items;
        var encoded = new byte[items.Count][];
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using var w = new Utf8JsonWriter(buffer, ArmErrors.WriterOptions);
        for (int i = 0; i < items.Count; i++)
        {
            buffer.ResetWrittenCount();
            w.Reset(buffer);
            WriteItem(w, items[i], currency, savingsPlans);
            w.Flush();
            encoded[i] = buffer.WrittenSpan.ToArray();
        }
        return encoded;
    }

    /// <summary>The request's own query with <c>$top</c> and <c>$skip</c> replaced, encoded as the real service encodes it.</summary>
    private static string NextPageLink(HttpRequest request, int nextSkip)
    {
        var parts = new List<string>();
        foreach ((string key, Microsoft.Extensions.Primitives.StringValues values) in request.Query)
        {
            if (key is "$top" or "$skip")
            {
                continue;
            }
            foreach (string? value in values)
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value ?? ""));
            }
        }
        parts.Add("$top=" + (TopOffset - nextSkip).ToString(CultureInfo.InvariantCulture));
        parts.Add("$skip=" + nextSkip.ToString(CultureInfo.InvariantCulture));
        // Host with the port written out, as the real link writes :443.
        string host = request.Host.Port is int port ? $"{request.Host.Host}:{port}" : $"{request.Host.Host}:{(request.IsHttps ? 443 : 80)}";
        return $"{request.Scheme}://{host}{Path}?{string.Join("&", parts)}";
    }

    /// <summary>Field order as the real items write them.</summary>
    private static void WriteItem(Utf8JsonWriter w, RetailItem item, string currency, bool savingsPlans)
    {
        w.WriteStartObject();
        w.WriteString("currencyCode", currency);
        w.WriteNumber("tierMinimumUnits", item.TierMinimumUnits);
        if (item.ReservationTerm is not null)
        {
            w.WriteString("reservationTerm", item.ReservationTerm);
        }
        decimal price = CurrencyTable.Convert(item.UnitPrice, currency);
        w.WriteNumber("retailPrice", price);
        w.WriteNumber("unitPrice", price);
        w.WriteString("armRegionName", item.ArmRegionName);
        w.WriteString("location", item.Location);
        w.WriteString("effectiveStartDate", item.EffectiveStartDate.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteString("meterId", item.MeterId);
        w.WriteString("meterName", item.MeterName);
        w.WriteString("productId", item.ProductId);
        w.WriteString("skuId", item.SkuId);
        w.WriteString("productName", item.ProductName);
        w.WriteString("skuName", item.SkuName);
        w.WriteString("serviceName", item.ServiceName);
        w.WriteString("serviceId", item.ServiceId);
        w.WriteString("serviceFamily", item.ServiceFamily);
        w.WriteString("unitOfMeasure", item.UnitOfMeasure);
        w.WriteString("type", item.Type);
        w.WriteBoolean("isPrimaryMeterRegion", true);
        w.WriteString("armSkuName", item.ArmSkuName);
        if (savingsPlans && item.SavingsPlans.Count > 0)
        {
            w.WriteStartArray("savingsPlan");
            foreach (RetailSavingsPlan plan in item.SavingsPlans)
            {
                decimal planPrice = CurrencyTable.Convert(plan.UnitPrice, currency);
                w.WriteStartObject();
                w.WriteNumber("unitPrice", planPrice);
                w.WriteNumber("retailPrice", planPrice);
                w.WriteString("term", plan.Term);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>A 400 in the shape the Retail Prices front end uses (not ARM's envelope; the exact real text is not recorded).</summary>
    private static async Task WriteErrorAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = 400;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var w = new Utf8JsonWriter(context.Response.BodyWriter, ArmErrors.WriterOptions);
        w.WriteStartObject();
        w.WriteStartObject("Error");
        w.WriteString("Code", "BadRequest");
        w.WriteString("Message", message);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string? Unquote(string? value) => value?.Trim().Trim('\'');
}
