using System.Collections.Concurrent;

namespace AzBillingInsights.Emulator;

/// <summary>
/// One billing period of one subscription (a month from its sign-up day, <see cref="Month"/> to the day before
/// <see cref="End"/>; a calendar month when that day is the 1st), priced in USD. <see cref="Charges"/> is usage × rate card
/// (tiers and included quantities, per meter over the month) before offer terms; <see cref="AmountDue"/>
/// applies them (credit, commitment discount, recurring charge). Each figure is rounded to the cent
/// (away from zero) only here, from the exact sum; <see cref="OfferAdjustment"/> = AmountDue − Charges.
/// </summary>
internal sealed record MonthlyStatement(
    DateTime Month, bool Complete, decimal Quantity, int MeterCount, decimal Charges, decimal CreditApplied,
    decimal CommitmentDiscount, decimal RecurringCharge, decimal AmountDue)
{
    public decimal OfferAdjustment => AmountDue - Charges;

    /// <summary>The start of the next period: midnight after the period's last day.</summary>
    public DateTime End => Month.AddMonths(1);

    /// <summary>The period's last day, the inclusive end date invoices state.</summary>
    public DateTime LastDay => End.AddDays(-1);
}

/// <summary>Computes and caches the monthly statements of each subscription from the same quantity model as the API.</summary>
internal sealed class MonthlyStatements(Estate estate, QuantityModel quantities)
{
    private readonly ConcurrentDictionary<Guid, Lazy<IReadOnlyList<MonthlyStatement>>> cache = new();

    public IReadOnlyList<MonthlyStatement> For(Subscription subscription) =>
        cache.GetOrAdd(subscription.Id, _ => new Lazy<IReadOnlyList<MonthlyStatement>>(() => Compute(subscription))).Value;

    private IReadOnlyList<MonthlyStatement> Compute(Subscription subscription)
    {
        EmulatorClock clock = estate.Clock;
        var statements = new List<MonthlyStatement>();
        // Usage starts on the 1st; a period that started before that is left out rather than billed in part.
        for (DateTime month = clock.DataStart.AddDays(subscription.BillingDay - 1); month < clock.Horizon; month = month.AddMonths(1))
        {
            int from = clock.ToHour(month);
            int to = Math.Min(clock.ToHour(month.AddMonths(1)), clock.HorizonHour);
            var perMeter = new Dictionary<Meter, long>();
            foreach (UsageStream stream in subscription.Streams)
            {
                long micros = quantities.BucketMicros(stream, from, to - from);
                if (micros > 0)
                {
                    perMeter[stream.Meter] = perMeter.GetValueOrDefault(stream.Meter) + micros;
                }
            }
            statements.Add(Price(subscription.Offer, month, month.AddMonths(1) <= clock.Horizon, perMeter));
        }
        return statements;
    }

    private static MonthlyStatement Price(Offer offer, DateTime month, bool complete, Dictionary<Meter, long> perMeter)
    {
        var excluded = new HashSet<string>(offer.Terms.SelectMany(t => t switch
        {
            MonetaryCreditTerm c => c.ExcludedMeterIds,
            MonetaryCommitmentTerm m => m.ExcludedMeterIds,
            _ => [],
        }), StringComparer.OrdinalIgnoreCase);
        decimal charges = 0m;
        decimal eligible = 0m;
        long totalMicros = 0;
        foreach ((Meter meter, long micros) in perMeter)
        {
            decimal cost = TierPricer.Cost(meter, micros / 1_000_000m);
            charges += cost;
            eligible += excluded.Contains(meter.Id) ? 0m : cost;
            totalMicros += micros;
        }
        decimal credit = 0m;
        decimal discount = 0m;
        decimal recurring = 0m;
        foreach (OfferTerm term in offer.Terms)
        {
            switch (term)
            {
                case MonetaryCreditTerm c:
                    credit += Math.Min(c.Credit, eligible);
                    break;
                case MonetaryCommitmentTerm m:
                    discount += TierPricer.GraduatedDiscount(m.TieredDiscount, eligible);
                    break;
                case RecurringChargeTerm r:
                    recurring += r.RecurringCharge;
                    break;
            }
        }
        return new MonthlyStatement(month, complete, totalMicros / 1_000_000m, perMeter.Count, Cents(charges), Cents(credit), Cents(discount),
            Cents(recurring), Cents(charges - credit - discount + recurring));
    }

    private static decimal Cents(decimal exact) => Math.Round(exact, 2, MidpointRounding.AwayFromZero);
}
