using System.Globalization;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Ground truth for tests under /_emulator/truth, computed by the same generator the API pages come
/// from: row counts and quantity totals per query, per-month quantities and charges, the estate, and the
/// injected anomalies.
/// </summary>
internal static class TruthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/_emulator/truth/usage", UsageTruthAsync);
        app.MapGet("/_emulator/truth/anomalies", AnomaliesAsync);
        app.MapGet("/_emulator/truth/estate", EstateAsync);
        app.MapGet("/_emulator/truth/months", MonthsAsync);
    }

    private static Task UsageTruthAsync(HttpContext context, Estate estate, UsageGenerator generator)
    {
        string subscriptionId = context.Request.Query["subscriptionId"].FirstOrDefault() ?? "";
        Subscription subscription = estate.Find(subscriptionId)
            ?? throw new ArmException(404, "SubscriptionNotFound", $"The subscription '{subscriptionId}' could not be found.");
        UsageQuery query = UsageQueryParser.Parse(context.Request.Query, subscription, estate.Clock) with { Resume = null };
        long rows = 0;
        long micros = 0;
        foreach (UsageRow row in generator.Rows(query))
        {
            rows++;
            micros += row.Micros;
        }
        return ControlEndpoints.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("rowCount", rows);
            w.WriteNumber("totalQuantity", micros / 1_000_000m);
            w.WriteNumber("pageCount", Math.Max(1, (rows + UsageEndpoints.PageSize - 1) / UsageEndpoints.PageSize));
            w.WriteEndObject();
        });
    }

    /// <summary>Per usage month (calendar month of usage start time, UTC): quantity, charges before and after offer terms.</summary>
    private static Task MonthsAsync(HttpContext context, Estate estate, MonthlyStatements statements, InvoiceCatalog invoices)
    {
        string subscriptionId = context.Request.Query["subscriptionId"].FirstOrDefault() ?? "";
        Subscription subscription = estate.Find(subscriptionId)
            ?? throw new ArmException(404, "SubscriptionNotFound", $"The subscription '{subscriptionId}' could not be found.");
        return ControlEndpoints.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartArray();
            foreach (MonthlyStatement s in statements.For(subscription))
            {
                w.WriteStartObject();
                w.WriteString("month", s.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
                w.WriteString("usageStartTime", UsageEndpoints.Iso(s.Month));
                w.WriteString("usageEndTime", UsageEndpoints.Iso(s.End));
                w.WriteBoolean("complete", s.Complete);
                w.WriteNumber("quantity", s.Quantity);
                w.WriteNumber("meterCount", s.MeterCount);
                w.WriteNumber("charges", s.Charges);
                w.WriteNumber("creditApplied", s.CreditApplied);
                w.WriteNumber("commitmentDiscount", s.CommitmentDiscount);
                w.WriteNumber("recurringCharge", s.RecurringCharge);
                w.WriteNumber("offerAdjustment", s.OfferAdjustment);
                w.WriteNumber("amountDue", s.AmountDue);
                w.WriteString("currency", InvoiceCatalog.Currency);
                w.WriteString("offerDurableId", subscription.Offer.DurableId);
                w.WriteString("invoiceName", invoices.InvoiceNameFor(subscription, s.Month));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
    }

    private static Task AnomaliesAsync(HttpContext context, Estate estate) => ControlEndpoints.WriteJsonAsync(context, 200, w =>
    {
        w.WriteStartArray();
        foreach (Anomaly a in estate.Anomalies)
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            w.WriteString("kind", a.Kind);
            w.WriteString("subscriptionId", a.Stream.Subscription.IdText);
            w.WriteString("resourceUri", a.Stream.Resource.Uri);
            w.WriteString("meterId", a.Stream.Meter.Id);
            w.WriteString("meterName", a.Stream.Meter.Name);
            w.WriteString("usageStartTime", UsageEndpoints.Iso(estate.Clock.ToTime(a.FromHour)));
            w.WriteString("usageEndTime", UsageEndpoints.Iso(estate.Clock.ToTime(a.ToHour)));
            w.WriteNumber("multiplier", a.Multiplier);
            w.WriteString("description", a.Description);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    private static Task EstateAsync(HttpContext context, Estate estate, ManagedIdentities identities) => ControlEndpoints.WriteJsonAsync(context, 200, w =>
    {
        w.WriteStartObject();
        w.WriteNumber("seed", estate.Seed);
        w.WriteString("tenantId", estate.TenantId);
        w.WriteString("dataStart", UsageEndpoints.Iso(estate.Clock.DataStart));
        w.WriteString("dataHorizon", UsageEndpoints.Iso(estate.Clock.Horizon));
        w.WriteString("now", estate.Clock.Now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("maxReportingLagHours", QuantityModel.MaxLagHours);
        w.WriteNumber("meterCount", MeterCatalog.Instance.All.Count);
        w.WriteStartArray("subscriptions");
        foreach (Subscription s in estate.Subscriptions)
        {
            w.WriteStartObject();
            w.WriteString("subscriptionId", s.IdText);
            w.WriteString("displayName", s.DisplayName);
            w.WriteString("offerDurableId", s.Offer.DurableId);
            w.WriteBoolean("invoicesOptedIn", s.InvoicesOptedIn);
            w.WriteNumber("resourceCount", s.Resources.Count);
            w.WriteNumber("meterStreamCount", s.Streams.Count);
            w.WriteStartArray("resources");
            foreach (Resource r in s.Resources)
            {
                w.WriteStartObject();
                w.WriteString("resourceUri", r.Uri);
                w.WriteString("type", r.Type);
                w.WriteString("resourceGroup", r.ResourceGroup);
                w.WriteString("location", r.Region.ArmName);
                w.WriteBoolean("classic", r.Classic);
                w.WriteStartArray("meterIds");
                foreach (UsageStream stream in s.Streams.Where(x => x.Resource == r))
                {
                    w.WriteStringValue(stream.Meter.Id);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("managedIdentities");
        foreach (ManagedIdentity identity in new[] { identities.SystemAssigned, identities.UserAssigned })
        {
            w.WriteStartObject();
            w.WriteString("kind", identity.Kind);
            w.WriteString("clientId", identity.ClientId);
            w.WriteString("principalId", identity.PrincipalId);
            w.WriteString("resourceId", identity.ResourceId);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("generatedAt", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    });
}
