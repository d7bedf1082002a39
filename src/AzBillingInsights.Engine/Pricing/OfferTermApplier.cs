using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Prices;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>Offer terms of a rating pass: the recurring charge of each period, the commitment discount and the monetary credit.</summary>
    internal sealed class OfferTermApplier
    {
        private readonly MeterSlots _slots;
        private readonly BillingPeriodCalendar _calendar;
        private readonly StringInterner _subscriptions;

        public OfferTermApplier(MeterSlots slots, BillingPeriodCalendar calendar, StringInterner subscriptions)
        {
            _slots = slots;
            _calendar = calendar;
            _subscriptions = subscriptions;
        }

        /// <summary>
        /// Per subscription and period, in time order across meters: the commitment discount on the spend so
        /// far, then the monetary credit drawn down until it runs out. Excluded meters are never discounted or covered.
        /// </summary>
        public void Apply(OfferTermSchedule schedule, SlicePricing pricing, List<CreditUsage> credits, List<RecurringChargeDue> recurring)
        {
            TierOrder[] order = pricing.RatedOrder;
            int rangeStart = 0;
            var timeOrder = new List<TimeOrder>();
            while (rangeStart < pricing.RatedCount)
            {
                int subscription = order[rangeStart].Subscription;
                int period = order[rangeStart].Period;
                int rangeEnd = rangeStart + 1;
                while (rangeEnd < pricing.RatedCount && order[rangeEnd].Subscription == subscription && order[rangeEnd].Period == period)
                {
                    rangeEnd++;
                }

                DateTimeOffset periodStart = _calendar.StartOf(period);
                DateTimeOffset periodEnd = _calendar.EndOf(period);
                RecurringChargeTerm? recurringTerm = schedule.RecurringChargeFor(periodEnd);
                if (recurringTerm is not null)
                {
                    recurring.Add(new RecurringChargeDue(_subscriptions.Text(subscription), periodStart, periodEnd, recurringTerm.RecurringCharge));
                }

                MonetaryCommitmentTerm? commitment = schedule.CommitmentFor(periodEnd);
                MonetaryCreditTerm? credit = schedule.CreditFor(periodEnd);
                if (commitment is not null || credit is not null)
                {
                    timeOrder.Clear();
                    for (int i = rangeStart; i < rangeEnd; i++)
                    {
                        timeOrder.Add(new TimeOrder(order[i].Start, pricing.MeterRanks[order[i].Slot], order[i].GroupRank, order[i].Index, order[i].Slot));
                    }

                    timeOrder.Sort();
                    decimal remaining = DrawDown(schedule, pricing, timeOrder, commitment, credit);
                    if (credit is not null)
                    {
                        credits.Add(new CreditUsage(_subscriptions.Text(subscription), periodStart, periodEnd, credit.Credit, credit.Credit - remaining));
                    }
                }

                rangeStart = rangeEnd;
            }
        }

        /// <summary>Applies discount and credit to one subscription-period's slices in time order; returns the credit left.</summary>
        private decimal DrawDown(OfferTermSchedule schedule, SlicePricing pricing, List<TimeOrder> slices, MonetaryCommitmentTerm? commitment, MonetaryCreditTerm? credit)
        {
            decimal spend = 0m;
            decimal remaining = credit?.Credit ?? 0m;
            int first = 0;
            while (first < slices.Count)
            {
                int last = first + 1;
                while (last < slices.Count && slices[last].Start == slices[first].Start)
                {
                    last++;
                }

                int n = last - first;
                decimal[] weights = pricing.Weights(n);
                decimal[] shares = pricing.Shares(n);
                if (commitment is not null)
                {
                    decimal gross = 0m;
                    for (int k = 0; k < n; k++)
                    {
                        int index = slices[first + k].Index;
                        weights[k] = schedule.Excludes(commitment, _slots[slices[first + k].Slot].Pricer!.Meter.MeterId) ? 0m : pricing.Gross[index];
                        gross += weights[k];
                    }

                    if (gross != 0m)
                    {
                        decimal discount = Amounts.Normalize(OfferTermSchedule.DiscountBetween(commitment, spend, spend + gross));
                        Amounts.SplitProportionally(discount, weights, n, gross, shares);
                        for (int k = 0; k < n; k++)
                        {
                            pricing.Discount[slices[first + k].Index] = shares[k];
                        }

                        spend += gross;
                    }
                }

                if (credit is not null && remaining > 0m)
                {
                    decimal net = 0m;
                    for (int k = 0; k < n; k++)
                    {
                        int index = slices[first + k].Index;
                        decimal owed = pricing.Gross[index] - pricing.Discount[index];
                        weights[k] = owed > 0m && !schedule.Excludes(credit, _slots[slices[first + k].Slot].Pricer!.Meter.MeterId) ? owed : 0m;
                        net += weights[k];
                    }

                    if (net > 0m)
                    {
                        decimal applied = Math.Min(remaining, net);
                        Amounts.SplitProportionally(applied, weights, n, net, shares);
                        for (int k = 0; k < n; k++)
                        {
                            pricing.Credit[slices[first + k].Index] = shares[k];
                        }

                        remaining -= applied;
                    }
                }

                first = last;
            }

            return remaining;
        }
    }
}
