using System.Globalization;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>
/// The App Service managed-identity protocol (api-version 2019-08-01) at /msi/token, GET or POST
/// (Azure Automation posts a form). Errors use App Service's <c>{"statusCode","message"}</c> shape.
/// </summary>
internal static class ManagedIdentityEndpoints
{
    public const string Path = "/msi/token";

    public static void Map(WebApplication app)
    {
        app.MapMethods(Path, ["GET", "POST"], HandleAsync);
    }

    private static async Task HandleAsync(HttpContext context, EmulatorOptions options, ManagedIdentities identities, TokenService tokens)
    {
        HttpRequest request = context.Request;
        string? secret = request.Headers["X-IDENTITY-HEADER"].FirstOrDefault();
        if (secret != options.IdentityHeader)
        {
            // The real status is unconfirmed (docs/design.md, "Managed identity"); 401 says "you did not prove you are inside the sandbox".
            await WriteErrorAsync(context, 401, secret is null ? "The X-IDENTITY-HEADER header is missing." : "The X-IDENTITY-HEADER header does not match IDENTITY_HEADER.");
            return;
        }
        IFormCollection? form = request.HasFormContentType ? await request.ReadFormAsync(context.RequestAborted) : null;
        string? Parameter(string name) => request.Query[name].FirstOrDefault() ?? form?[name].FirstOrDefault();

        string? apiVersion = Parameter("api-version");
        if (apiVersion is not null && string.CompareOrdinal(apiVersion, "2019-08-01") < 0)
        {
            await WriteErrorAsync(context, 400, $"api-version '{apiVersion}' is not supported by this endpoint; use 2019-08-01 or later.");
            return;
        }
        string? resource = Parameter("resource");
        if (string.IsNullOrWhiteSpace(resource))
        {
            await WriteErrorAsync(context, 400, "The 'resource' parameter is required.");
            return;
        }
        string? clientId = Parameter("client_id");
        string? principalId = Parameter("principal_id") ?? Parameter("object_id");
        string? resourceId = Parameter("mi_res_id");
        if (new[] { clientId, principalId, resourceId }.Count(v => v is not null) > 1)
        {
            await WriteErrorAsync(context, 400, "Only one of client_id, principal_id/object_id and mi_res_id may be specified.");
            return;
        }
        ManagedIdentity? identity = identities.Find(clientId, principalId, resourceId);
        if (identity is null)
        {
            await WriteErrorAsync(context, 400, "No User Assigned or Delegated Managed Identity found for specified ClientId/ResourceId/PrincipalId.");
            return;
        }
        (string token, long expiresOn) = tokens.Issue(new Principal(identity.PrincipalId, identity.ClientId, identity.ClientId), resource,
            TimeSpan.FromSeconds(options.TokenLifetimeSeconds), isUser: false);
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, ArmErrors.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("access_token", token);
        writer.WriteString("expires_on", expiresOn.ToString(CultureInfo.InvariantCulture));
        writer.WriteString("resource", resource);
        writer.WriteString("token_type", "Bearer");
        writer.WriteString("client_id", identity.ClientId);
        writer.WriteEndObject();
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, ArmErrors.WriterOptions);
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", status);
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }
}
