using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>
/// GET /subscriptions/{id}/providers/Microsoft.Commerce/UsageAggregates: streams a page of at most
/// 1000 rows with Utf8JsonWriter straight into the response pipe, then a nextLink when another row exists.
/// </summary>
internal static class UsageEndpoints
{
    public const int PageSize = 1000;
    public const string ApiVersion = "2015-06-01-preview";

    /// <summary>The api-version the service writes into its own nextLinks; accepted beside <see cref="ApiVersion"/>.</summary>
    public const string NextLinkApiVersion = "2015-03-31";

    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText NextLink = JsonEncodedText.Encode("nextLink");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText TypeValue = JsonEncodedText.Encode("Microsoft.Commerce/UsageAggregate");
    private static readonly JsonEncodedText Properties = JsonEncodedText.Encode("properties");
    private static readonly JsonEncodedText SubscriptionId = JsonEncodedText.Encode("subscriptionId");
    private static readonly JsonEncodedText UsageStartTime = JsonEncodedText.Encode("usageStartTime");
    private static readonly JsonEncodedText UsageEndTime = JsonEncodedText.Encode("usageEndTime");
    private static readonly JsonEncodedText MeterName = JsonEncodedText.Encode("meterName");
    private static readonly JsonEncodedText MeterRegion = JsonEncodedText.Encode("meterRegion");
    private static readonly JsonEncodedText MeterCategory = JsonEncodedText.Encode("meterCategory");
    private static readonly JsonEncodedText MeterSubCategory = JsonEncodedText.Encode("meterSubCategory");
    private static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText InstanceData = JsonEncodedText.Encode("instanceData");
    private static readonly JsonEncodedText MeterId = JsonEncodedText.Encode("meterId");
    private static readonly JsonEncodedText InfoFields = JsonEncodedText.Encode("infoFields");
    private static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");

    public static void Map(WebApplication app)
    {
        app.MapGet("/subscriptions/{subscriptionId}/providers/Microsoft.Commerce/UsageAggregates", HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, string subscriptionId, ArmAuthorization authorization, UsageGenerator generator, Estate estate)
    {
        Subscription subscription = authorization.Authorize(context, subscriptionId, "Microsoft.Commerce/UsageAggregates/read");
        ArmErrors.RequireApiVersion(context.Request, "UsageAggregates", ApiVersion, NextLinkApiVersion);
        UsageQuery query = UsageQueryParser.Parse(context.Request.Query, subscription, estate.Clock);

        HttpResponse response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json; charset=utf-8";
        JsonEncodedText rowName = Meter.Encode(query.RowName);
        JsonEncodedText rowId = Meter.Encode($"/subscriptions/{subscription.IdText}/providers/Microsoft.Commerce/UsageAggregates/{query.RowName}");
        JsonEncodedText subscriptionText = subscription.EncodedId;
        CancellationToken aborted = context.RequestAborted;

        await using var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = ArmErrors.WriterOptions.Encoder, SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteStartArray(Value);
        int written = 0;
        int bucket = int.MinValue;
        JsonEncodedText bucketStart = default;
        JsonEncodedText bucketEnd = default;
        UsagePosition? next = null;
        foreach (UsageRow row in generator.Rows(query))
        {
            if (written == PageSize)
            {
                next = row.Position;
                break;
            }
            if (row.BucketStart != bucket)
            {
                bucket = row.BucketStart;
                bucketStart = Meter.Encode(Iso(estate.Clock.ToTime(bucket)));
                bucketEnd = Meter.Encode(Iso(estate.Clock.ToTime(bucket + query.BucketHours)));
            }
            WriteRow(writer, row, rowId, rowName, subscriptionText, bucketStart, bucketEnd);
            written++;
            if (writer.BytesPending > 32 * 1024)
            {
                writer.Flush();
                await response.BodyWriter.FlushAsync(aborted);
            }
        }
        writer.WriteEndArray();
        if (next is { } position)
        {
            writer.WriteString(NextLink, NextLinkFor(context.Request, query, ContinuationToken.Create(position, query.Daily, query.ShowDetails, estate.Clock)));
        }
        writer.WriteEndObject();
        await writer.FlushAsync(aborted);
    }

    /// <summary>Key order as seen on the wire (§1.2); optional fields are left out, not nulled.</summary>
    private static void WriteRow(Utf8JsonWriter writer, in UsageRow row, JsonEncodedText rowId, JsonEncodedText rowName,
        JsonEncodedText subscriptionId, JsonEncodedText bucketStart, JsonEncodedText bucketEnd)
    {
        Meter meter = row.Meter;
        writer.WriteStartObject();
        writer.WriteString(Id, rowId);
        writer.WriteString(Name, rowName);
        writer.WriteString(Type, TypeValue);
        writer.WriteStartObject(Properties);
        writer.WriteString(SubscriptionId, subscriptionId);
        writer.WriteString(UsageStartTime, bucketStart);
        writer.WriteString(UsageEndTime, bucketEnd);
        writer.WriteString(MeterName, meter.EncodedName);
        if (meter.EncodedUsageRegion is { } region)
        {
            writer.WriteString(MeterRegion, region);
        }
        writer.WriteString(MeterCategory, meter.EncodedCategory);
        if (meter.EncodedSubCategory is { } subCategory)
        {
            writer.WriteString(MeterSubCategory, subCategory);
        }
        writer.WriteString(Unit, meter.EncodedUnit);
        if (row.Stream?.EncodedInstanceData is { } instanceData)
        {
            writer.WriteString(InstanceData, instanceData);
        }
        writer.WriteString(MeterId, meter.EncodedId);
        writer.WriteStartObject(InfoFields);
        if (row.Stream is { } stream)
        {
            foreach ((string key, JsonEncodedText value) in stream.InfoFields)
            {
                writer.WriteString(key, value);
            }
        }
        writer.WriteEndObject();
        writer.WriteNumber(Quantity, row.Quantity);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>
    /// The next page's link as the service writes it: the port always explicit (":443" on Azure), api-version
    /// 2015-03-31, the name "reportedstartTime" in lower case, times as "yyyy-MM-dd HH:mm:ssZ" form-encoded ("+" for
    /// the space, "%3a"), and the standard Base64 token percent-encoded in lower case ("%3d" for "=").
    /// </summary>
    private static string NextLinkFor(HttpRequest request, UsageQuery query, string token)
    {
        int port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return new StringBuilder()
            .Append(request.Scheme).Append("://").Append(request.Host.Host).Append(':').Append(port.ToString(CultureInfo.InvariantCulture))
            .Append(request.PathBase.Value).Append(request.Path.Value)
            .Append("?api-version=").Append(NextLinkApiVersion)
            .Append("&reportedstartTime=").Append(FormEncode(LinkTime(query.ReportedStart)))
            .Append("&reportedEndTime=").Append(FormEncode(LinkTime(query.ReportedEnd)))
            .Append("&aggregationGranularity=").Append(query.Daily ? "Daily" : "Hourly")
            .Append("&showDetails=").Append(query.ShowDetails ? "true" : "false")
            .Append("&continuationToken=").Append(FormEncode(token))
            .ToString();
    }

    private static string LinkTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Form encoding as .NET Framework's HttpUtility wrote it: "+" for a space, lower-case hex escapes.</summary>
    private static string FormEncode(string value)
    {
        string escaped = Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);
        var lower = new StringBuilder(escaped.Length);
        for (int i = 0; i < escaped.Length; i++)
        {
            bool hex = i >= 1 && escaped[i - 1] == '%' || i >= 2 && escaped[i - 2] == '%';
            lower.Append(hex ? char.ToLowerInvariant(escaped[i]) : escaped[i]);
        }
        return lower.ToString();
    }

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
