using System.Globalization;
using System.Text;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Writes cost rows as Cost Details CSV in the EA layout (PascalCase, as the real EA exports in shared/reference)
/// or the MCA layout (camelCase with invoiceId, costInUsd, paygCostInBillingCurrency). Dates are MM/dd/yyyy,
/// tags the brace-less JSON exports use, AdditionalInfo a JSON object; each blob starts with the header.
/// </summary>
internal sealed class CostDetailsCsv(Estate estate)
{
    private delegate string Field(CostLine line);

    private readonly (string Name, Field Value)[] ea =
    [
        ("BillingAccountId", l => estate.BillingAccounts.EnrollmentNumber), ("BillingAccountName", _ => "Contoso Enrollment (emulator)"),
        ("BillingPeriodStartDate", l => Date(l.Month)), ("BillingPeriodEndDate", l => Date(l.Month.AddMonths(1).AddDays(-1))),
        ("BillingProfileId", l => estate.BillingAccounts.EnrollmentNumber), ("BillingProfileName", _ => "Contoso Enrollment (emulator)"),
        ("AccountOwnerId", _ => "finance@contoso.com"), ("AccountName", _ => "Finance"),
        ("SubscriptionId", l => l.Subscription.IdText), ("SubscriptionName", l => l.Subscription.DisplayName), ("Date", l => Date(l.Date)),
        ("Product", l => Product(l)), ("PartNumber", l => l.Stream?.Marketplace?.PartNumber ?? ""), ("MeterId", l => l.Stream?.Meter.Id ?? ""),
        ("ServiceFamily", l => l.Stream is null ? "" : "Compute"), ("MeterCategory", l => l.Stream?.Meter.Category ?? ""),
        ("MeterSubCategory", l => l.Stream?.Meter.SubCategory ?? ""), ("MeterRegion", l => l.Stream?.Meter.Region ?? ""), ("MeterName", l => l.MeterName),
        ("Quantity", l => Number(l.Quantity)), ("EffectivePrice", l => EffectivePrice(l)), ("CostInBillingCurrency", l => Number(l.Cost)),
        ("UnitPrice", l => ListPrice(l)), ("BillingCurrency", _ => InvoiceCatalog.Currency), ("ResourceLocation", l => l.Stream?.Resource.Region.ArmName ?? ""),
        ("AvailabilityZone", _ => ""), ("ConsumedService", l => Provider(l)), ("ResourceId", l => l.Stream?.Resource.Uri ?? ""),
        ("ResourceName", l => l.Stream?.Resource.Name ?? ""), ("ServiceInfo1", _ => ""), ("ServiceInfo2", _ => ""),
        ("AdditionalInfo", l => AdditionalInfo(l)), ("Tags", l => Tags(l)), ("InvoiceSectionId", _ => "ACM"), ("InvoiceSection", _ => "ACM"),
        ("CostCenter", l => l.Stream?.Resource.Tags?.GetValueOrDefault("CostCenter") ?? ""), ("UnitOfMeasure", l => l.Stream?.Meter.Unit ?? "1"),
        ("ResourceGroup", l => l.Stream?.Resource.ResourceGroup ?? ""), ("ReservationId", _ => ""), ("ReservationName", _ => ""),
        ("ProductOrderId", _ => ""), ("ProductOrderName", _ => ""), ("OfferId", _ => "MS-AZR-0017P"), ("IsAzureCreditEligible", l => l.Stream?.Meter.ThirdParty == true ? "False" : "True"),
        ("Term", _ => ""), ("PublisherName", l => l.Stream?.Meter.ThirdParty == true ? "Fortinet" : "Microsoft"), ("PlanName", _ => ""),
        ("ChargeType", l => l.ChargeType), ("Frequency", l => l.Frequency), ("PublisherType", l => l.Stream?.Meter.ThirdParty == true ? "Marketplace" : "Azure"),
        ("PayGPrice", l => ListPrice(l)), ("PricingModel", l => l.PricingModel), ("CostAllocationRuleName", _ => ""), ("benefitId", _ => ""), ("benefitName", _ => ""),
    ];

    private readonly (string Name, Field Value)[] mca =
    [
        ("invoiceId", l => l.InvoiceName ?? ""), ("previousInvoiceId", _ => ""), ("billingAccountId", _ => estate.BillingAccounts.McaBillingAccountName),
        ("billingAccountName", _ => "Contoso Ltd (emulator)"), ("billingProfileId", _ => estate.BillingAccounts.McaBillingProfileName), ("billingProfileName", _ => "Contoso Billing"),
        ("invoiceSectionId", _ => "ICYS-ZE3B-PJA-PGB"), ("invoiceSectionName", _ => "Engineering"), ("costCenter", l => l.Stream?.Resource.Tags?.GetValueOrDefault("CostCenter") ?? ""),
        ("billingPeriodStartDate", l => Date(l.Month)), ("billingPeriodEndDate", l => Date(l.Month.AddMonths(1).AddDays(-1))),
        ("servicePeriodStartDate", l => Date(l.Date)), ("servicePeriodEndDate", l => Date(l.Date)), ("date", l => Date(l.Date)),
        ("serviceFamily", l => l.Stream is null ? "" : "Compute"), ("productOrderId", _ => ""), ("productOrderName", _ => "Azure plan"), ("consumedService", l => Provider(l)),
        ("meterId", l => l.Stream?.Meter.Id ?? ""), ("meterName", l => l.MeterName), ("meterCategory", l => l.Stream?.Meter.Category ?? ""),
        ("meterSubCategory", l => l.Stream?.Meter.SubCategory ?? ""), ("meterRegion", l => l.Stream?.Meter.Region ?? ""), ("ProductId", _ => ""), ("ProductName", l => Product(l)),
        ("SubscriptionId", l => l.Subscription.IdText), ("subscriptionName", l => l.Subscription.DisplayName),
        ("publisherType", l => l.Stream?.Meter.ThirdParty == true ? "Marketplace" : "Microsoft"), ("publisherName", l => l.Stream?.Meter.ThirdParty == true ? "Fortinet" : "Microsoft"),
        ("resourceGroupName", l => l.Stream?.Resource.ResourceGroup ?? ""), ("ResourceId", l => l.Stream?.Resource.Uri ?? ""),
        ("resourceLocation", l => l.Stream?.Resource.Region.ArmName ?? ""), ("location", l => l.Stream?.Resource.Region.MeterRegion ?? ""),
        ("effectivePrice", l => EffectivePrice(l)), ("quantity", l => Number(l.Quantity)), ("unitOfMeasure", l => l.Stream?.Meter.Unit ?? "1"),
        ("chargeType", l => l.ChargeType), ("billingCurrency", _ => InvoiceCatalog.Currency), ("pricingCurrency", _ => InvoiceCatalog.Currency),
        ("costInBillingCurrency", l => Number(l.Cost)), ("costInPricingCurrency", l => Number(l.Cost)), ("costInUsd", l => Number(l.Cost)),
        ("paygCostInBillingCurrency", l => PayGCost(l)), ("paygCostInUsd", l => PayGCost(l)), ("exchangeRatePricingToBilling", _ => "1"),
        ("exchangeRateDate", l => Date(l.Month)), ("serviceInfo1", _ => ""), ("serviceInfo2", _ => ""), ("additionalInfo", l => AdditionalInfo(l)), ("tags", l => Tags(l)),
        ("PayGPrice", l => ListPrice(l)), ("frequency", l => l.Frequency), ("term", _ => ""), ("reservationId", _ => ""), ("reservationName", _ => ""),
        ("pricingModel", l => l.PricingModel), ("unitPrice", l => ListPrice(l)), ("benefitId", _ => ""), ("benefitName", _ => ""), ("provider", _ => "Azure"),
    ];

    /// <summary>The rows as CSV blobs: at least two (each with the header), rows shared out evenly, a million rows at most each.</summary>
    public List<byte[]> Write(BillingAgreement agreement, IReadOnlyList<CostLine> lines)
    {
        (string Name, Field Value)[] columns = agreement == BillingAgreement.MicrosoftCustomerAgreement ? mca : ea;
        int blobCount = Math.Max(2, (lines.Count + 999_999) / 1_000_000);
        int perBlob = (lines.Count + blobCount - 1) / blobCount;
        var blobs = new List<byte[]>(blobCount);
        for (int b = 0; b < blobCount; b++)
        {
            // Straight into the blob's bytes: a month of a large estate is hundreds of megabytes of text.
            using var buffer = new MemoryStream();
            using (var text = new StreamWriter(buffer, new UTF8Encoding(false), 1 << 16))
            {
                text.Write(string.Join(',', columns.Select(c => c.Name)));
                text.Write("\r\n");
                for (int i = b * perBlob; i < Math.Min(lines.Count, (b + 1) * perBlob); i++)
                {
                    for (int c = 0; c < columns.Length; c++)
                    {
                        if (c > 0)
                        {
                            text.Write(',');
                        }
                        WriteField(text, columns[c].Value(lines[i]));
                    }
                    text.Write("\r\n");
                }
            }
            blobs.Add(buffer.ToArray());
        }
        return blobs;
    }

    private static void WriteField(TextWriter text, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Write(value);
            return;
        }
        text.Write('"');
        text.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        text.Write('"');
    }

    private static string Date(DateTime date) => date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string ListPrice(CostLine l) => l.Stream is null ? Number(Math.Abs(l.Cost)) : Number(l.Stream.Meter.Tiers[0].UnitPrice);

    private static string EffectivePrice(CostLine l) => l.Quantity == 0 ? "0" : Number(Math.Round(l.Cost / l.Quantity, 8, MidpointRounding.AwayFromZero));

    private static string PayGCost(CostLine l) => l.Stream is null ? Number(l.Cost) : Number(l.Stream.Meter.Tiers[0].UnitPrice * l.Quantity);

    private static string Product(CostLine l) => l.Stream is { } s ? $"{s.Meter.Category} {s.Meter.SubCategory} - {s.Meter.Name} - {s.Meter.Region}".Replace("  ", " ", StringComparison.Ordinal) : l.MeterName;

    private static string Provider(CostLine l) => l.Stream is { } s ? s.Resource.Type.Split('/')[0] : "Microsoft.Billing";

    /// <summary>Tags as the exports write them: a JSON object's members without the braces.</summary>
    private static string Tags(CostLine l) => l.Stream?.Resource.Tags is { Count: > 0 } tags
        ? string.Join(",", tags.Select(t => $"{Json(t.Key)}: {Json(t.Value)}"))
        : "";

    private static string AdditionalInfo(CostLine l) => l.Stream?.AdditionalInfo is { Count: > 0 } info
        ? "{" + string.Join(",", info.Select(t => $"{Json(t.Key)}:{Json(t.Value)}")) + "}"
        : "";

    private static string Json(string text) => $"\"{Meter.Encode(text)}\"";
}
