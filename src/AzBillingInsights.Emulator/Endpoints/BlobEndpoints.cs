using System.Globalization;
using System.Security;

namespace AzBillingInsights.Emulator;

/// <summary>
/// GET /_blob/{container}/{name}: the emulator's stand-in for Azure Storage, serving rate cards,
/// invoice PDFs and Cost Details CSV blobs by SAS. Like Storage it refuses any request carrying an Authorization header and
/// answers errors in Storage's XML, not ARM's JSON.
/// </summary>
internal static class BlobEndpoints
{
    /// <summary>
    /// A blob is written a megabyte at a time. Written whole, a 115 MB Cost Details blob was copied into Kestrel's
    /// send buffers before the socket took any of it: draining a month's two blobs took 0.26-0.45 s instead of
    /// 0.12-0.21 s, with more of the emulator's processor time (taken from the client on the same machine) and about
    /// 100 MB more memory.
    /// </summary>
    private const int WriteSize = 1 << 20;

    public static void Map(WebApplication app)
    {
        app.MapGet("/_blob/{**blobPath}", HandleAsync);
    }

    private static async Task HandleAsync(
        HttpContext context, string blobPath, BlobSigner signer, RateCardStore rateCards, InvoiceCatalog invoices,
        System.Collections.Concurrent.ConcurrentDictionary<string, CostDetailsOperation> costReports)
    {
        if (context.Request.Headers.ContainsKey("Authorization"))
        {
            await WriteErrorAsync(context, 400, "InvalidAuthenticationInfo",
                "Authentication information is not given in the correct format. Check the value of Authorization header.");
            return;
        }
        string? expiry = context.Request.Query["se"];
        switch (signer.Check(blobPath, expiry, context.Request.Query["sig"]))
        {
            case BlobAccess.Missing:
                await WriteErrorAsync(context, 404, "ResourceNotFound", "The specified resource does not exist.");
                return;
            case BlobAccess.BadSignature:
                await WriteErrorAsync(context, 403, "AuthenticationFailed",
                    "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.",
                    "Signature did not match.");
                return;
            case BlobAccess.Expired:
                await WriteErrorAsync(context, 403, "AuthenticationFailed",
                    "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.",
                    $"Signed expiry time [{expiry}] has to be after the current time [{BlobSigner.Format(EmulatorClock.RealNow)}].");
                return;
        }
        (byte[]? body, string contentType) = blobPath.StartsWith("ratecards/", StringComparison.Ordinal)
            ? (rateCards.Find(blobPath["ratecards/".Length..]), "application/json")
            : blobPath.StartsWith("invoices/", StringComparison.Ordinal)
                ? (invoices.FindPdf(blobPath["invoices/".Length..]), "application/pdf")
                : blobPath.StartsWith("costdetails/", StringComparison.Ordinal)
                    ? (CostDetailsEndpoints.FindBlob(costReports, blobPath["costdetails/".Length..]), "text/csv")
                    : (null, "");
        if (body is null)
        {
            await WriteErrorAsync(context, 404, "BlobNotFound", "The specified blob does not exist.");
            return;
        }
        IHeaderDictionary headers = context.Response.Headers;
        headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        headers["x-ms-version"] = BlobSigner.StorageVersion;
        headers["x-ms-blob-type"] = "BlockBlob";
        headers.ETag = $"\"0x{StableHash.OfText(blobPath):X16}\"";
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        for (int offset = 0; offset < body.Length; offset += WriteSize)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(WriteSize, body.Length - offset)), context.RequestAborted);
        }
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message, string? detail = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        context.Response.Headers["x-ms-error-code"] = code;
        string requestId = Guid.NewGuid().ToString();
        string time = EmulatorClock.RealNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        string detailElement = detail is null ? "" : $"<AuthenticationErrorDetail>{SecurityElement.Escape(detail)}</AuthenticationErrorDetail>";
        await context.Response.WriteAsync(
            $"\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}\nRequestId:{requestId}\nTime:{time}</Message>{detailElement}</Error>",
            context.RequestAborted);
    }
}
