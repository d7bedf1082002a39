using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>
    /// A term of the offer the card was read for. The wire format is polymorphic on <see cref="Name"/>;
    /// kinds this engine does not know stay visible as a plain <see cref="OfferTerm"/>.
    /// </summary>
    public class OfferTerm
    {
        public const string MonetaryCreditName = "Monetary Credit";
        public const string MonetaryCommitmentName = "Monetary Commitment";
        public const string RecurringChargeName = "Recurring Charge";

        public OfferTerm(string name, DateTimeOffset effectiveDate, IReadOnlyList<string> excludedMeterIds)
        {
            Name = name ?? string.Empty;
            EffectiveDate = effectiveDate;
            ExcludedMeterIds = excludedMeterIds ?? Array.Empty<string>();
        }

        public string Name { get; }
        public DateTimeOffset EffectiveDate { get; }
        /// <summary>Meters the term never applies to.</summary>
        public IReadOnlyList<string> ExcludedMeterIds { get; }

        public override string ToString() => $"{Name} from {EffectiveDate:yyyy-MM-dd}";
    }

    /// <summary>An amount of credit per billing period (for example an MSDN subscription's monthly credit).</summary>
    public sealed class MonetaryCreditTerm : OfferTerm
    {
        public MonetaryCreditTerm(DateTimeOffset effectiveDate, decimal credit, IReadOnlyList<string> excludedMeterIds)
            : base(MonetaryCreditName, effectiveDate, excludedMeterIds)
        {
            Credit = credit;
        }

        public decimal Credit { get; }
    }

    /// <summary>A commitment whose discount grows with the spend of the billing period.</summary>
    public sealed class MonetaryCommitmentTerm : OfferTerm
    {
        public MonetaryCommitmentTerm(
            DateTimeOffset effectiveDate,
            IReadOnlyList<DiscountTier> tieredDiscount,
            IReadOnlyList<string> excludedMeterIds)
            : base(MonetaryCommitmentName, effectiveDate, excludedMeterIds)
        {
            TieredDiscount = tieredDiscount ?? Array.Empty<DiscountTier>();
        }

        /// <summary>Ordered by ascending spend threshold.</summary>
        public IReadOnlyList<DiscountTier> TieredDiscount { get; }
    }

    /// <summary>A fixed charge per billing period.</summary>
    public sealed class RecurringChargeTerm : OfferTerm
    {
        public RecurringChargeTerm(DateTimeOffset effectiveDate, decimal recurringCharge, IReadOnlyList<string> excludedMeterIds)
            : base(RecurringChargeName, effectiveDate, excludedMeterIds)
        {
            RecurringCharge = recurringCharge;
        }

        public decimal RecurringCharge { get; }
    }

    /// <summary>From a spend of <see cref="SpendThreshold"/> on, <see cref="DiscountPercent"/> percent off.</summary>
    public readonly struct DiscountTier
    {
        public DiscountTier(decimal spendThreshold, decimal discountPercent)
        {
            SpendThreshold = spendThreshold;
            DiscountPercent = discountPercent;
        }

        public decimal SpendThreshold { get; }
        /// <summary>Percentage points: 5 means 5 % off.</summary>
        public decimal DiscountPercent { get; }

        public override string ToString() => $"{SpendThreshold}: {DiscountPercent}%";
    }
}
