using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Which of a card's offer terms govern a billing period: of each kind, the one that took effect last
    /// before the period ended.
    /// </summary>
    internal sealed class OfferTermSchedule
    {
        private readonly List<MonetaryCreditTerm> _credits = new List<MonetaryCreditTerm>();
        private readonly List<MonetaryCommitmentTerm> _commitments = new List<MonetaryCommitmentTerm>();
        private readonly List<RecurringChargeTerm> _recurring = new List<RecurringChargeTerm>();
        private readonly Dictionary<OfferTerm, HashSet<string>> _excluded = new Dictionary<OfferTerm, HashSet<string>>();

        private OfferTermSchedule(IReadOnlyList<OfferTerm> terms)
        {
            foreach (OfferTerm term in terms)
            {
                switch (term)
                {
                    case MonetaryCreditTerm credit:
                        _credits.Add(credit);
                        break;
                    case MonetaryCommitmentTerm commitment:
                        _commitments.Add(commitment);
                        break;
                    case RecurringChargeTerm recurring:
                        _recurring.Add(recurring);
                        break;
                    default:
                        continue;
                }

                _excluded[term] = new HashSet<string>(term.ExcludedMeterIds, StringComparer.OrdinalIgnoreCase);
            }
        }

        public bool AffectsUsageCost => _credits.Count > 0 || _commitments.Count > 0;

        /// <summary>The schedule of a card, or null when it has no term this engine applies.</summary>
        public static OfferTermSchedule? For(PriceList card)
        {
            var schedule = new OfferTermSchedule(card.OfferTerms);
            return schedule._excluded.Count == 0 ? null : schedule;
        }

        public MonetaryCreditTerm? CreditFor(DateTimeOffset periodEnd) => LatestBefore(_credits, periodEnd);

        public MonetaryCommitmentTerm? CommitmentFor(DateTimeOffset periodEnd) => LatestBefore(_commitments, periodEnd);

        public RecurringChargeTerm? RecurringChargeFor(DateTimeOffset periodEnd) => LatestBefore(_recurring, periodEnd);

        public bool Excludes(OfferTerm term, string meterId) => _excluded[term].Contains(meterId);

        /// <summary>
        /// Graduated discount of the spend between two running totals: each slice of spend gets the
        /// percentage of the threshold band it falls in, as tiers do for quantities.
        /// </summary>
        public static decimal DiscountBetween(MonetaryCommitmentTerm term, decimal spendBefore, decimal spendAfter)
        {
            IReadOnlyList<DiscountTier> tiers = term.TieredDiscount;
            decimal discount = 0m;
            for (int i = 0; i < tiers.Count; i++)
            {
                decimal bandEnd = i + 1 < tiers.Count ? tiers[i + 1].SpendThreshold : decimal.MaxValue;
                decimal from = Math.Max(tiers[i].SpendThreshold, spendBefore);
                decimal to = Math.Min(bandEnd, spendAfter);
                if (to > from)
                {
                    discount += (to - from) * tiers[i].DiscountPercent / 100m;
                }
            }

            return discount;
        }

        private static T? LatestBefore<T>(List<T> terms, DateTimeOffset periodEnd)
            where T : OfferTerm
        {
            T? latest = null;
            foreach (T term in terms)
            {
                if (term.EffectiveDate < periodEnd && (latest is null || term.EffectiveDate > latest.EffectiveDate))
                {
                    latest = term;
                }
            }

            return latest;
        }
    }
}
