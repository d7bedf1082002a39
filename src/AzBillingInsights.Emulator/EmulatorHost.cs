using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace AzBillingInsights.Emulator;

/// <summary>Wires the emulator: services, middleware order and endpoints, on Kestrel bound to 127.0.0.1 only.</summary>
internal static class EmulatorHost
{
    public const string ReadyPrefix = "AZBILLING_EMULATOR_READY ";

    public static WebApplication Build(EmulatorOptions options)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.AddServerHeader = false;
        });
        // stdout carries exactly one line (the ready line); diagnostics go to stderr, warnings and worse only.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        var clock = new EmulatorClock(DateTimeOffset.UtcNow);
        Estate estate = new EstateGenerator(options.Seed, options.ResourceCount, options.SubscriptionCount, clock).Generate();
        var roles = new RoleAssignments();
        var faults = new FaultQueue();
        foreach (string spec in options.Faults)
        {
            // Command-line faults hit subscription-scoped ARM calls only, so clients can still get a token.
            faults.Enqueue(FaultSpec.ParseCommandLine(spec) with { PathContains = "/subscriptions/" });
        }
        var quantities = new QuantityModel(estate);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(estate);
        builder.Services.AddSingleton(roles);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton(quantities);
        builder.Services.AddSingleton(new UsageGenerator(estate, quantities));
        builder.Services.AddSingleton(new TokenService(estate.TenantId));
        builder.Services.AddSingleton(new ReadBudget(options.ReadBudget, options.ReadRefillPerSecond ?? options.ReadBudget / 3600d));
        builder.Services.AddSingleton(new ManagedIdentities(estate, roles));
        builder.Services.AddSingleton<ArmAuthorization>();
        builder.Services.AddSingleton<RequestLog>();
        builder.Services.AddSingleton<BlobSigner>();
        builder.Services.AddSingleton<RateCardStore>();
        builder.Services.AddSingleton<MonthlyStatements>();
        builder.Services.AddSingleton<InvoiceCatalog>();
        builder.Services.AddSingleton<InvoiceEndpoints.Services>();
        builder.Services.AddSingleton<CostDetailsThrottle>();
        builder.Services.AddSingleton<CostDetailsRows>();
        builder.Services.AddSingleton<CostDetailsCsv>();
        builder.Services.AddSingleton(new System.Collections.Concurrent.ConcurrentDictionary<string, CostDetailsOperation>(StringComparer.OrdinalIgnoreCase));
        builder.Services.AddSingleton<BuiltCostReports>();
        builder.Services.AddSingleton<CostDetailsEndpoints.Services>();

        WebApplication app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<ArmResponseHeaders>();
        app.UseMiddleware<FaultInjector>();
        app.UseMiddleware<ArmErrorMiddleware>();
        UsageEndpoints.Map(app);
        RateCardEndpoints.Map(app);
        RetailPriceEndpoints.Map(app);
        InvoiceEndpoints.Map(app);
        CostDetailsEndpoints.Map(app);
        BlobEndpoints.Map(app);
        ManagedIdentityEndpoints.Map(app);
        ControlEndpoints.Map(app);
        TruthEndpoints.Map(app);
        app.MapFallback((HttpContext context) => ArmErrors.WriteAsync(context, 404, "NotFound",
            $"No route matches '{context.Request.Method} {context.Request.Path}' in the Azure billing emulator."));
        return app;
    }

    /// <summary>The base URL Kestrel actually bound (port 0 becomes a free port).</summary>
    public static Uri Endpoint(WebApplication app)
    {
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }

    public static string ReadyLine(WebApplication app)
    {
        Uri endpoint = Endpoint(app);
        var options = app.Services.GetRequiredService<EmulatorOptions>();
        var estate = app.Services.GetRequiredService<Estate>();
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("endpoint", endpoint.ToString());
            w.WriteString("identityEndpoint", new Uri(endpoint, ManagedIdentityEndpoints.Path.TrimStart('/')).ToString());
            w.WriteString("identityHeader", options.IdentityHeader);
            w.WriteStartArray("subscriptionIds");
            foreach (Subscription s in estate.Subscriptions)
            {
                w.WriteStringValue(s.IdText);
            }
            w.WriteEndArray();
            w.WriteNumber("processId", Environment.ProcessId);
            w.WriteEndObject();
        }
        return ReadyPrefix + System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
