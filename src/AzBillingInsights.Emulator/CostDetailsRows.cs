namespace AzBillingInsights.Emulator;

internal enum CostMetric
{
    ActualCost,
    AmortizedCost,
}

/// <summary>
/// One cost row: a stream's use of its meter on one day at the tiered price, or an offer term of the month
/// (the recurring charge as a purchase, the commitment discount as a negative adjustment). Cost is exact: the
/// usage rows of a month telescope to the tiered price of its total, so a month's rows add up to its invoice.
/// </summary>
internal sealed record CostLine(
    Subscription Subscription, UsageStream? Stream, DateTime Date, DateTime Month, decimal Quantity, decimal Cost,
    string ChargeType, string Frequency, string PricingModel, string MeterName, string? InvoiceName);

/// <summary>Computes the cost rows of subscriptions over a window from the same quantity model and prices as usage and invoices.</summary>
internal sealed class CostDetailsRows(Estate estate, QuantityModel quantities, InvoiceCatalog invoices)
{
    /// <summary>
    /// The rows of each subscription dated within the window <paramref name="windowOf"/> gives it (inclusive days); with a
    /// resource group, only its usage (offer terms belong to the subscription). Tiers count each meter's use from the
    /// start of its billing period (the sign-up day), so a window starting mid-period prices its rows as the period does.
    /// </summary>
    public IEnumerable<CostLine> Lines(IReadOnlyList<Subscription> subscriptions, string? resourceGroup, CostMetric metric, Func<Subscription, (DateTime First, DateTime Last)> windowOf)
    {
        EmulatorClock clock = estate.Clock;
        DateTime lastDataDay = clock.Horizon.AddHours(-1).Date;
        foreach (Subscription subscription in subscriptions)
        {
            (DateTime first, DateTime last) = windowOf(subscription);
            for (DateTime period = PeriodStart(subscription, first); period <= last; period = period.AddMonths(1))
            {
                string? invoice = invoices.InvoiceNameFor(subscription, period);
                DateTime periodEnd = period.AddMonths(1).AddDays(-1);
                DateTime end = Min(Min(periodEnd, last), lastDataDay);
                var cumulative = new Dictionary<Meter, long>();
                for (DateTime day = period; day <= end; day = day.AddDays(1))
                {
                    int hour = clock.ToHour(day);
                    foreach (UsageStream stream in subscription.Streams)
                    {
                        long micros = quantities.BucketMicros(stream, hour, 24);
                        if (micros == 0)
                        {
                            continue;
                        }
                        long before = cumulative.GetValueOrDefault(stream.Meter);
                        cumulative[stream.Meter] = before + micros;
                        if (day < first || (resourceGroup is not null && !string.Equals(stream.Resource.ResourceGroup, resourceGroup, StringComparison.OrdinalIgnoreCase)))
                        {
                            continue;
                        }
                        decimal cost = TierPricer.Cost(stream.Meter, (before + micros) / 1_000_000m) - TierPricer.Cost(stream.Meter, before / 1_000_000m);
                        yield return new CostLine(subscription, stream, day, period, micros / 1_000_000m, cost, "Usage", "UsageBased", "OnDemand", stream.Meter.Name, invoice);
                    }
                }
                if (resourceGroup is not null)
                {
                    continue;
                }
                foreach (CostLine term in OfferTerms(subscription, metric, period, first, end, end == Min(periodEnd, lastDataDay), cumulative, invoice))
                {
                    yield return term;
                }
            }
        }
    }

    /// <summary>The start of the billing period holding <paramref name="day"/>: the subscription's billing day on or before it.</summary>
    public static DateTime PeriodStart(Subscription subscription, DateTime day)
    {
        var start = new DateTime(day.Year, day.Month, subscription.BillingDay, 0, 0, 0, DateTimeKind.Utc);
        return start > day ? start.AddMonths(-1) : start;
    }

    /// <summary>The period's recurring charge (actual: one purchase on its first day; amortized: spread over its days) and, on its last day of data, its commitment discount.</summary>
    private static IEnumerable<CostLine> OfferTerms(
        Subscription subscription, CostMetric metric, DateTime month, DateTime first, DateTime end, bool monthClosed, Dictionary<Meter, long> cumulative, string? invoice)
    {
        foreach (OfferTerm term in subscription.Offer.Terms)
        {
            if (term is RecurringChargeTerm recurring)
            {
                if (metric == CostMetric.ActualCost)
                {
                    if (month >= first && month <= end)
                    {
                        yield return new CostLine(subscription, null, month, month, 1, recurring.RecurringCharge, "Purchase", "Recurring", "OnDemand", "Recurring Charge", invoice);
                    }
                    continue;
                }
                int days = (month.AddMonths(1) - month).Days;
                for (DateTime day = Max(month, first); day <= end; day = day.AddDays(1))
                {
                    int k = (day - month).Days + 1;
                    decimal share = Share(recurring.RecurringCharge, k, days) - Share(recurring.RecurringCharge, k - 1, days);
                    yield return new CostLine(subscription, null, day, month, 1m / days, share, "Usage", "Recurring", "OnDemand", "Recurring Charge", invoice);
                }
            }
            else if (term is MonetaryCommitmentTerm commitment && monthClosed)
            {
                var excluded = new HashSet<string>(commitment.ExcludedMeterIds, StringComparer.OrdinalIgnoreCase);
                decimal eligible = cumulative.Where(m => !excluded.Contains(m.Key.Id)).Sum(m => TierPricer.Cost(m.Key, m.Value / 1_000_000m));
                decimal discount = TierPricer.GraduatedDiscount(commitment.TieredDiscount, eligible);
                if (discount != 0)
                {
                    yield return new CostLine(subscription, null, end, month, 1, -discount, "Adjustment", "OneTime", "OnDemand", "Commitment Discount", invoice);
                }
            }
        }
    }

    /// <summary>The first k of n equal parts, to ten decimals: consecutive differences add up to the whole exactly.</summary>
    private static decimal Share(decimal whole, int k, int n) => Math.Round(whole * k / n, 10, MidpointRounding.AwayFromZero);

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
