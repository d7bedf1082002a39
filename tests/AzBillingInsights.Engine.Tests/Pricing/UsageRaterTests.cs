using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Tests.Prices;
using AzBillingInsights.Engine.Usage;
using static AzBillingInsights.Engine.Tests.Pricing.PricingFixtures;

namespace AzBillingInsights.Engine.Tests.Pricing
{
    public class UsageRaterTests
    {
        // Tiers: 0-100 at 2, from 100 at 1.
        private static readonly Meter TwoTier = Meter("tiered", new[] { 0m, 100m }, new[] { 2m, 1m });

        [Fact]
        public void A_row_crossing_a_tier_boundary_is_priced_in_both_tiers()
        {
            PriceList card = Card("USD", TwoTier);

            CostEstimate estimate = Price(card, new[] { Row("tiered", 60m, Day(3, 1)), Row("tiered", 60m, Day(3, 2)) }, "Day");

            Assert.Equal(120m, CostOf(estimate, "2024-03-01"));
            Assert.Equal(100m, CostOf(estimate, "2024-03-02")); // 40 * 2 + 20 * 1
            Assert.Equal(220m, estimate.TotalCost);
        }

        [Fact]
        public void Included_quantity_is_used_up_across_several_rows_first()
        {
            PriceList card = Card("USD", Flat("free50", 1m, included: 50m));
            UsageRecord[] rows = Enumerable.Range(1, 4).Select(d => Row("free50", 20m, Day(3, d))).ToArray();

            CostEstimate estimate = Price(card, rows, "Day");

            Assert.Equal(new[] { 0m, 0m, 10m, 20m }, estimate.Groups.Select(g => g.Cost!.Value));
        }

        [Fact]
        public void Tiers_and_included_quantity_reset_each_billing_period()
        {
            PriceList card = Card("USD", Meter("m", new[] { 0m, 100m }, new[] { 2m, 1m }, included: 10m));

            CostEstimate estimate = Price(card, new[] { Row("m", 150m, Day(1, 31)), Row("m", 150m, Day(2, 1)) }, "Month");

            // Each month: 10 free, 90 * 2, 50 * 1.
            Assert.Equal(230m, CostOf(estimate, "2024-01"));
            Assert.Equal(230m, CostOf(estimate, "2024-02"));
        }

        [Fact]
        public void Tiers_reset_per_subscription()
        {
            PriceList card = Card("USD", TwoTier);

            CostEstimate estimate = Price(card, new[] { Row("tiered", 150m, Day(3, 1), subscription: "a"), Row("tiered", 150m, Day(3, 2), subscription: "b") }, "SubscriptionId");

            Assert.Equal(250m, CostOf(estimate, "a"));
            Assert.Equal(250m, CostOf(estimate, "b"));
        }

        [Fact]
        public void A_billing_period_start_day_moves_the_reset()
        {
            PriceList card = Card("USD", TwoTier);
            UsageRecord[] rows = { Row("tiered", 150m, Day(1, 10)), Row("tiered", 150m, Day(1, 20)), Row("tiered", 150m, Day(2, 10)) };

            CostEstimate estimate = Price(card, rows, new CostEstimateOptions { GroupBy = new[] { GroupDimension.Parse("Day") }, BillingPeriodStartDay = 15 });

            Assert.Equal(250m, CostOf(estimate, "2024-01-10")); // period from 15 Dec
            Assert.Equal(250m, CostOf(estimate, "2024-01-20")); // a new period from 15 Jan
            Assert.Equal(150m, CostOf(estimate, "2024-02-10")); // same period, already past the first tier

            CostEstimate calendar = Price(card, rows, "Day");
            Assert.Equal(150m, CostOf(calendar, "2024-01-20")); // calendar month: 10 Jan already used the first tier
            Assert.Equal(250m, CostOf(calendar, "2024-02-10"));
        }

        [Fact]
        public void A_monetary_credit_runs_out_mid_month_in_time_order()
        {
            var credit = new MonetaryCreditTerm(Day(1, 1), 100m, Array.Empty<string>());
            PriceList card = CardWithTerms("USD", new OfferTerm[] { credit }, Flat("vm", 10m));
            UsageRecord[] rows = { Row("vm", 5m, Day(3, 3)), Row("vm", 5m, Day(3, 1)), Row("vm", 5m, Day(3, 2)), Row("vm", 5m, Day(4, 1)) };

            CostEstimate estimate = Price(card, rows, "Day");

            Assert.Equal(new[] { 0m, 0m, 50m, 0m }, estimate.Groups.Select(g => g.Cost!.Value));
            Assert.Equal(new[] { 50m, 50m, 0m, 50m }, estimate.Groups.Select(g => g.CreditApplied));
            Assert.Equal(200m, estimate.TotalCostBeforeOfferTerms);
            Assert.Equal(50m, estimate.TotalCost);
            CreditUsage march = estimate.Credits.Single(c => c.PeriodStart == Day(3, 1));
            Assert.Equal((100m, 100m, 0m), (march.Credit, march.Applied, march.Remaining));
            CreditUsage april = estimate.Credits.Single(c => c.PeriodStart == Day(4, 1));
            Assert.Equal(50m, april.Remaining); // a fresh credit each period
        }

        [Fact]
        public void A_credit_running_out_within_one_usage_bucket_is_shared_in_proportion()
        {
            var credit = new MonetaryCreditTerm(Day(1, 1), 10m, Array.Empty<string>());
            PriceList card = CardWithTerms("USD", new OfferTerm[] { credit }, Flat("vm", 1m));

            CostEstimate estimate = Price(card, new[] { Row("vm", 10m, Day(3, 1), "a"), Row("vm", 30m, Day(3, 1), "b") }, "ResourceGroup");

            Assert.Equal(7.5m, CostOf(estimate, "a"));
            Assert.Equal(22.5m, CostOf(estimate, "b"));
        }

        [Fact]
        public void Excluded_meters_are_never_covered_by_the_credit()
        {
            var credit = new MonetaryCreditTerm(Day(1, 1), 100m, new[] { "EXCLUDED" });
            PriceList card = CardWithTerms("USD", new OfferTerm[] { credit }, Flat("covered", 1m), Flat("excluded", 1m));
            UsageRecord[] rows = { Row("excluded", 40m, Day(3, 1)), Row("covered", 30m, Day(3, 2)) };

            CostEstimate estimate = Price(card, rows, "Meter");

            Assert.Equal(0m, CostOf(estimate, "covered"));
            Assert.Equal(40m, CostOf(estimate, "excluded"));
            Assert.Equal(70m, estimate.Credits.Single().Remaining);
        }

        [Fact]
        public void A_commitment_discount_grows_with_spend_and_skips_excluded_meters()
        {
            var commitment = new MonetaryCommitmentTerm(Day(1, 1), new[] { new DiscountTier(0m, 10m), new DiscountTier(100m, 20m) }, new[] { "excluded" });
            PriceList card = CardWithTerms("USD", new OfferTerm[] { commitment }, Flat("vm", 1m), Flat("excluded", 1m));
            UsageRecord[] rows = { Row("excluded", 50m, Day(3, 1)), Row("vm", 150m, Day(3, 2)), Row("vm", 50m, Day(3, 3)) };

            CostEstimate estimate = Price(card, rows, "Day");

            Assert.Equal(50m, CostOf(estimate, "2024-03-01"));  // excluded: full price, and its spend does not count
            Assert.Equal(130m, CostOf(estimate, "2024-03-02")); // 150 - (100 * 10% + 50 * 20%)
            Assert.Equal(40m, CostOf(estimate, "2024-03-03"));  // 50 - 50 * 20%
            Assert.Equal(30m, estimate.TotalDiscount);
        }

        [Fact]
        public void Recurring_charges_are_listed_per_subscription_and_period_apart_from_usage_cost()
        {
            var recurring = new RecurringChargeTerm(Day(1, 1), 10m, Array.Empty<string>());
            PriceList card = CardWithTerms("USD", new OfferTerm[] { recurring }, Flat("vm", 1m));

            CostEstimate estimate = Price(card, new[] { Row("vm", 3m, Day(3, 1), subscription: "b"), Row("vm", 3m, Day(4, 1), subscription: "a"), Row("vm", 3m, Day(3, 9), subscription: "b") });

            Assert.Equal(new[] { ("a", Day(4, 1), 10m), ("b", Day(3, 1), 10m) }, estimate.RecurringCharges.Select(r => (r.SubscriptionId, r.PeriodStart, r.Amount)));
            Assert.Equal(9m, estimate.TotalCost);
        }

        [Fact]
        public void Offer_terms_can_be_left_out()
        {
            var credit = new MonetaryCreditTerm(Day(1, 1), 100m, Array.Empty<string>());
            PriceList card = CardWithTerms("USD", new OfferTerm[] { credit }, Flat("vm", 1m));

            CostEstimate estimate = Price(card, new[] { Row("vm", 30m, Day(3, 1)) }, new CostEstimateOptions { ApplyOfferTerms = false });

            Assert.Equal(30m, estimate.TotalCost);
            Assert.Empty(estimate.Credits);
        }

        [Fact]
        public void Groups_carry_the_cards_currency_and_round_to_its_minor_unit()
        {
            PriceList yen = Card("JPY", Flat("vm", 12.345m));

            CostEstimate estimate = Price(yen, new[] { Row("vm", 1m, Day(3, 1)), Row("vm", 0.5m, Day(3, 2)) });

            Assert.Equal("JPY", estimate.Currency);
            Assert.All(estimate.Groups, g => Assert.Equal("JPY", g.Currency));
            Assert.Equal(18.5175m, estimate.TotalCost);
            Assert.Equal(19m, estimate.RoundedTotalCost);
            Assert.Equal(18.52m, CurrencyRounding.Round(Price(Card("EUR", Flat("vm", 12.345m)), new[] { Row("vm", 1.5m, Day(3, 1)) }).TotalCost, "EUR"));
        }

        [Fact]
        public void Zero_and_fractional_quantities_are_priced_exactly()
        {
            PriceList card = Card("USD", Meter("m", new[] { 0m, 0.5m }, new[] { 0.3m, 0.1m }));
            UsageRecord[] rows = { Row("m", 0m, Day(3, 1)), Row("m", 0.333m, Day(3, 2)), Row("m", 0.333m, Day(3, 3)) };

            CostEstimate estimate = Price(card, rows, "Day");

            Assert.Equal(0m, CostOf(estimate, "2024-03-01"));
            Assert.Equal(0.0999m, CostOf(estimate, "2024-03-02"));                 // 0.333 * 0.3
            Assert.Equal(0.167m * 0.3m + 0.166m * 0.1m, CostOf(estimate, "2024-03-03")); // crosses 0.5
            Assert.Equal(1L, estimate.Groups[0].RowCount);
        }

        [Fact]
        public void Rows_in_any_order_give_identical_results()
        {
            var credit = new MonetaryCreditTerm(Day(1, 1), 500m, new[] { "m3" });
            var commitment = new MonetaryCommitmentTerm(Day(1, 1), new[] { new DiscountTier(0m, 0m), new DiscountTier(300m, 5m) }, Array.Empty<string>());
            PriceList card = CardWithTerms("USD", new OfferTerm[] { credit, commitment },
                Meter("m1", new[] { 0m, 100m, 400m }, new[] { 1.5m, 0.75m, 0.1m }, included: 7m), Flat("m2", 0.37m), Flat("m3", 2m, included: 3m));
            var random = new Random(42);
            var rows = new List<UsageRecord>();
            for (int i = 0; i < 3000; i++)
            {
                rows.Add(Row("m" + (1 + random.Next(3)), random.Next(0, 400) / 7m, Day(2 + random.Next(2), 1 + random.Next(28), random.Next(24)),
                    "rg" + random.Next(5), tags: TagsFor(random.Next(3)), hourly: true));
            }

            string[] groupBy = { "ResourceGroup", "Tag:team", "Day" };
            CostEstimate inOrder = Price(card, rows, groupBy);
            CostEstimate shuffled = Price(card, rows.OrderBy(_ => random.Next()).ToList(), groupBy);
            CostEstimate reversed = Price(card, Enumerable.Reverse(rows).ToList(), groupBy);

            string Describe(CostEstimate e) => string.Join("\n", e.Groups.Select(g => $"{string.Join("|", g.Keys)} {g.Quantity} {g.Cost} {g.Discount} {g.CreditApplied} {g.RowCount}"));
            Assert.Equal(Describe(inOrder), Describe(shuffled));
            Assert.Equal(Describe(inOrder), Describe(reversed));
            Assert.True(inOrder.TotalDiscount > 0m && inOrder.TotalCreditApplied > 0m, "the case should exercise both offer terms");
        }

        private static Dictionary<string, string> TagsFor(int i) =>
            i == 0 ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                   : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Team"] = i == 1 ? "alpha" : "beta" };

        [Fact]
        public void Group_totals_add_up_exactly_to_the_grand_total_for_every_grouping()
        {
            PriceList card = Card("USD", Meter("m1", new[] { 0m, 10m }, new[] { 1m / 3m, 0.1m }, included: 1m), Flat("m2", 0.123456789m));
            var random = new Random(7);
            var rows = new List<UsageRecord>();
            for (int i = 0; i < 2000; i++)
            {
                // Many rows share a start time, so simultaneous usage crossing a tier is split between groups.
                rows.Add(Row("m" + (1 + random.Next(2)), random.Next(1, 100) / 3m, Day(3, 1 + random.Next(5)), "rg" + random.Next(7), tags: TagsFor(random.Next(3))));
            }

            decimal grandTotal = Price(card, rows).TotalCost;
            foreach (string[] groupBy in new[] { new[] { "ResourceGroup" }, new[] { "Tag:Team" }, new[] { "ResourceGroup", "Day" }, new[] { "Meter", "Resource" }, new[] { "Hour" } })
            {
                CostEstimate grouped = Price(card, rows, groupBy);
                decimal sum = 0m;
                foreach (CostGroup group in grouped.Groups)
                {
                    sum += group.Cost!.Value;
                }

                Assert.Equal(grandTotal, sum);
                Assert.Equal(grandTotal, grouped.TotalCost);
            }
        }

        [Fact]
        public void Rows_without_the_tag_form_the_untagged_group()
        {
            PriceList card = Card("USD", Flat("vm", 1m));
            UsageRecord[] rows =
            {
                Row("vm", 1m, Day(3, 1), tags: new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["CostCenter"] = "42" }),
                Row("vm", 2m, Day(3, 1)),
            };

            CostEstimate estimate = Price(card, rows, "Tag:costcenter");

            Assert.Equal(new[] { "(untagged)", "42" }, estimate.Groups.Select(g => g.Keys[0]));
            Assert.Equal(2m, CostOf(estimate, GroupDimension.Untagged));
            Assert.Equal("42", estimate.Groups[1].KeyOf(estimate, "Tag:CostCenter"));
        }

        [Fact]
        public void Meters_missing_from_the_card_are_reported_and_never_priced_as_zero()
        {
            PriceList card = Card("USD", Flat("vm", 1m));
            UsageRecord[] rows = { Row("vm", 5m, Day(3, 1)), Row("unknown", 7m, Day(3, 1)), Row("UNKNOWN", 1m, Day(3, 2)) };

            CostEstimate estimate = Price(card, rows, "ResourceGroup");

            CostGroup unrated = estimate.Groups.Single(g => g.Unrated);
            Assert.Null(unrated.Cost);
            Assert.Equal(8m, unrated.Quantity);
            Assert.Equal(2L, unrated.RowCount);
            Assert.Equal("rg", unrated.Keys[0]);
            UnratedMeter meter = Assert.Single(estimate.UnratedMeters);
            Assert.Equal(("unknown", 8m, 2L), (meter.MeterId, meter.Quantity, meter.RowCount));
            Assert.Equal(2L, estimate.UnratedRowCount);
            Assert.Equal(5m, estimate.TotalCost);
        }

        [Fact]
        public void Usage_of_deprecated_meters_is_flagged()
        {
            PriceList card = Card("USD", Flat("old", 1m, status: "Deprecated"), Flat("new", 1m));

            CostEstimate estimate = Price(card, new[] { Row("old", 2m, Day(3, 1), "a"), Row("new", 2m, Day(3, 1), "b") }, "ResourceGroup");

            Assert.Equal(new[] { true, false }, estimate.Groups.Select(g => g.HasDeprecatedMeters));
            Assert.Equal("old", Assert.Single(estimate.DeprecatedMeters).Meter.MeterId);
        }

        [Fact]
        public void Explain_breaks_each_group_down_by_meter_and_tier()
        {
            PriceList card = Card("USD", Meter("m", new[] { 0m, 100m }, new[] { 2m, 1m }, included: 10m));

            CostEstimate estimate = Price(card, new[] { Row("m", 60m, Day(3, 1)), Row("m", 90m, Day(3, 2)) },
                new CostEstimateOptions { GroupBy = new[] { GroupDimension.Parse("Day") }, Explain = true });

            TierUsage[] first = estimate.Groups[0].Tiers!.ToArray();
            Assert.Equal(new[] { (true, 0m, 10m, 0m), (false, 2m, 50m, 100m) }, first.Select(t => (t.IsIncludedQuantity, t.UnitPrice, t.Quantity, t.Cost)));
            TierUsage[] second = estimate.Groups[1].Tiers!.ToArray();
            Assert.Equal(new[] { (0m, 2m, 40m, 80m), (100m, 1m, 50m, 50m) }, second.Select(t => (t.TierStart, t.UnitPrice, t.Quantity, t.Cost)));
            Assert.All(estimate.Groups, g => Assert.Equal(g.Cost, g.Tiers!.Sum(t => t.Cost)));
        }

        [Fact]
        public void Groups_report_the_span_of_their_usage()
        {
            PriceList card = Card("USD", Flat("vm", 1m));

            CostEstimate estimate = Price(card, new[] { Row("vm", 1m, Day(3, 5, 3), hourly: true), Row("vm", 1m, Day(3, 2, 7), hourly: true) }, "Month");

            Assert.Equal(Day(3, 2, 7), estimate.Groups[0].PeriodStart);
            Assert.Equal(Day(3, 5, 4), estimate.Groups[0].PeriodEnd);
            Assert.Equal(Day(3, 1), estimate.Groups[0].BucketStart);
        }

        [Fact]
        public void Prices_a_tiered_meter_of_the_real_China_card()
        {
            using FileStream file = File.OpenRead(FixtureFiles.PathOf("ratecard-azurechina-MS-MC-AZR-0033P-CNY-en-US-2018.json"));
            PriceList card = RateCardReader.Read(file, new RateCardKey("MS-MC-AZR-0033P", "CNY", "en-US", "CN"), TestOrigin.Azure, DateTimeOffset.UtcNow);

            UsageRecord stored = Row("619c9db6-fd26-43e3-a0b3-96bab3129f98", 2000m, Day(3, 1));
            stored.Unit = "GB"; // as the Usage API reports a "1 GB/Month" meter
            CostEstimate estimate = Price(card, new[] { stored });

            Assert.Equal(1024m * 0.953046m + 976m * 0.7952m, estimate.TotalCost);
            Assert.Equal("CNY", estimate.Currency);
        }
    }
}
