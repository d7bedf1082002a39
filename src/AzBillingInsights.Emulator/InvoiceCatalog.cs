using System.Collections.Concurrent;
using System.Globalization;

namespace AzBillingInsights.Emulator;

/// <summary>
/// An invoice for one complete billing period, issued four days after it ends. <see cref="PeriodEnd"/> is the period's
/// last day, inclusive, as real invoices state it (2019-02-03 to 2019-03-02).
/// </summary>
internal sealed record Invoice(Subscription Subscription, string Name, DateTime PeriodStart, DateTime PeriodEnd, string BillingPeriodName, MonthlyStatement Statement)
{
    public string Id => $"/subscriptions/{Subscription.IdText}/providers/Microsoft.Billing/invoices/{Name}";
    public string BillingPeriodId => $"/subscriptions/{Subscription.IdText}/providers/Microsoft.Billing/billingPeriods/{BillingPeriodName}";
}

/// <summary>The invoices of each subscription, newest first, and their PDFs (built once, on first download).</summary>
internal sealed class InvoiceCatalog(Estate estate, MonthlyStatements statements)
{
    public const string Currency = "USD";
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> pdfs = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Invoice> For(Subscription subscription) =>
        statements.For(subscription)
            .Where(s => s.Complete && s.End.AddDays(4) <= estate.Clock.Horizon)
            .Select(s => new Invoice(subscription, NameFor(subscription, s), s.Month, s.LastDay,
                s.End.ToString("yyyyMM", CultureInfo.InvariantCulture) + "-1", s))
            .OrderByDescending(i => i.PeriodStart)
            .ToList();

    public Invoice? Find(Subscription subscription, string name) =>
        For(subscription).FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    public string? InvoiceNameFor(Subscription subscription, DateTime month) =>
        For(subscription).FirstOrDefault(i => i.PeriodStart == month)?.Name;

    /// <summary>Blob path form: "{subscriptionId}/{invoiceName}.pdf".</summary>
    public byte[]? FindPdf(string path)
    {
        string[] parts = path.Split('/');
        if (parts.Length != 2 || !parts[1].EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || estate.Find(parts[0]) is not { } subscription
            || Find(subscription, parts[1][..^4]) is not { } invoice)
        {
            return null;
        }
        return pdfs.GetOrAdd(invoice.Id, _ => new Lazy<byte[]>(() => Render(invoice))).Value;
    }

    public static string BlobPath(Invoice invoice) => $"invoices/{invoice.Subscription.IdText}/{invoice.Name}.pdf";

    /// <summary>Real names are the issue month and a 15-digit number, e.g. 201904-119223190701201.</summary>
    private string NameFor(Subscription subscription, MonthlyStatement statement)
    {
        ulong h = StableHash.Combine(StableHash.Mix((ulong)(uint)estate.Seed), StableHash.OfText(subscription.IdText), (ulong)statement.Month.Ticks);
        long number = 100_000_000_000_000L + (long)(h % 900_000_000_000_000UL);
        return string.Create(CultureInfo.InvariantCulture, $"{statement.End:yyyyMM}-{number}");
    }

    /// <summary>The PDF states the pre-terms charges as "Total charges" and, below, what the offer terms change.</summary>
    private static byte[] Render(Invoice invoice)
    {
        MonthlyStatement s = invoice.Statement;
        string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            "Microsoft Azure invoice (AzBillingInsights emulator)",
            "",
            $"Invoice: {invoice.Name}",
            $"Subscription: {invoice.Subscription.IdText} ({invoice.Subscription.DisplayName})",
            $"Offer: {invoice.Subscription.Offer.DurableId}",
            $"Billing period: {invoice.PeriodStart:yyyy-MM-dd} to {invoice.PeriodEnd:yyyy-MM-dd}",
            $"Currency: {Currency}",
            $"Meters billed: {s.MeterCount}",
            "",
            $"Total charges: {Currency} {Money(s.Charges)}",
        };
        if (s.CreditApplied != 0)
        {
            lines.Add($"Monetary credit applied: {Currency} -{Money(s.CreditApplied)}");
        }
        if (s.CommitmentDiscount != 0)
        {
            lines.Add($"Commitment discount: {Currency} -{Money(s.CommitmentDiscount)}");
        }
        if (s.RecurringCharge != 0)
        {
            lines.Add($"Recurring charge: {Currency} {Money(s.RecurringCharge)}");
        }
        lines.Add($"Amount due: {Currency} {Money(s.AmountDue)}");
        return PdfWriter.SinglePage(lines);
    }
}
