using System;
using System.Linq;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights
{
    /// <summary>
    /// A term of the offer a rate card was read for (Get-AzRateCard -OfferTerms). One flat shape for every kind:
    /// the fields that do not apply to a kind are null.
    /// </summary>
    public sealed class RateCardOfferTerm
    {
        internal RateCardOfferTerm(OfferTerm term, PriceList card)
        {
            Name = term.Name;
            EffectiveDate = term.EffectiveDate;
            ExcludedMeterIds = term.ExcludedMeterIds.ToArray();
            OfferDurableId = card.Offer;
            Currency = card.Currency;
            switch (term)
            {
                case MonetaryCreditTerm credit:
                    Credit = credit.Credit;
                    break;
                case MonetaryCommitmentTerm commitment:
                    TieredDiscount = commitment.TieredDiscount.Select(tier => new DiscountTier(tier.SpendThreshold, tier.DiscountPercent)).ToArray();
                    break;
                case RecurringChargeTerm recurring:
                    RecurringCharge = recurring.RecurringCharge;
                    break;
            }
        }

        /// <summary>Monetary Credit, Monetary Commitment, Recurring Charge, or a kind this module does not know.</summary>
        public string Name { get; }
        public DateTimeOffset EffectiveDate { get; }
        /// <summary>Monetary Credit: the credit per billing period.</summary>
        public decimal? Credit { get; }
        /// <summary>Monetary Commitment: discount tiers by spend of the period, ordered by threshold.</summary>
        public DiscountTier[]? TieredDiscount { get; }
        /// <summary>Recurring Charge: the fixed charge per billing period.</summary>
        public decimal? RecurringCharge { get; }
        /// <summary>Meters the term never applies to.</summary>
        public string[] ExcludedMeterIds { get; }
        public string OfferDurableId { get; }
        public string Currency { get; }

        public override string ToString() => Name;
    }

    /// <summary>From a spend of <see cref="SpendThreshold"/> on, <see cref="DiscountPercent"/> percent off.</summary>
    public sealed class DiscountTier
    {
        internal DiscountTier(decimal spendThreshold, decimal discountPercent)
        {
            SpendThreshold = spendThreshold;
            DiscountPercent = discountPercent;
        }

        public decimal SpendThreshold { get; }
        public decimal DiscountPercent { get; }

        public override string ToString() => $"{SpendThreshold}: {DiscountPercent}%";
    }
}
