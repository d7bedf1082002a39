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
        ArmErrors.RequireApiVersion(context.Request, "UsageAggregates", ApiVersion);
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
            writer.WriteString(NextLink, NextLinkFor(context.Request, ContinuationToken.Create(position, query.Daily, query.ShowDetails, estate.Clock)));
        }
        writer.WriteEndObject();
        await writer.FlushAsync(aborted);
    }

    /// <summary>Key order as seen on the wire (docs/design.md, "Usage API"); optional fields are left out, not nulled.</summary>
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

    /// <summary>The request's own absolute URL with its query kept as sent, plus the new continuationToken.</summary>
    private static string NextLinkFor(HttpRequest request, string token)
    {
        var builder = new StringBuilder();
        builder.Append(request.Scheme).Append("://").Append(request.Host.Value).Append(request.PathBase.Value).Append(request.Path.Value).Append('?');
        foreach (string pair in (request.QueryString.Value ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string name = Uri.UnescapeDataString(pair.Split('=')[0]);
            if (!name.Equals("continuationToken", StringComparison.OrdinalIgnoreCase))
            {
                builder.Append(pair).Append('&');
            }
        }
        return builder.Append("continuationToken=").Append(Uri.EscapeDataString(token)).ToString();
    }

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}
