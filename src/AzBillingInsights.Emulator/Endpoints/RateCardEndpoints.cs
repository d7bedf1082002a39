using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>
/// GET /subscriptions/{id}/providers/Microsoft.Commerce/RateCard: validates the caller and the $filter,
/// then answers 302 with a SAS URL on the emulator's blob path, where the body is served (docs/design.md, "RateCard API").
/// </summary>
internal static class RateCardEndpoints
{
    public const string ApiVersionWithStatus = "2016-08-31-preview";
    public static readonly string[] ApiVersions = ["2015-06-01-preview", ApiVersionWithStatus];

    public static void Map(WebApplication app)
    {
        app.MapGet("/subscriptions/{subscriptionId}/providers/Microsoft.Commerce/RateCard", HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, string subscriptionId, ArmAuthorization authorization, BlobSigner signer, EmulatorOptions options)
    {
        authorization.Authorize(context, subscriptionId, "Microsoft.Commerce/RateCard/read");
        string apiVersion = ArmErrors.RequireApiVersion(context.Request, "RateCard", ApiVersions);
        RateCardKey? key = RateCardFilter.Parse(context.Request.Query["$filter"], apiVersion);
        if (key is null)
        {
            // The one error here that is not an ARM envelope: a top-level PascalCase "Message".
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, ArmErrors.WriterOptions);
            writer.WriteStartObject();
            writer.WriteString("Message", RateCardFilter.InvalidQueryMessage);
            writer.WriteEndObject();
            return;
        }
        Uri endpoint = new($"{context.Request.Scheme}://{context.Request.Host}/");
        string url = signer.SignedUrl(endpoint, "ratecards/" + key.BlobName, EmulatorClock.RealNow.AddSeconds(options.DownloadUrlLifetimeSeconds));
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = url;
    }
}
