using System.Linq;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public sealed class CommitmentPriceTests
    {
        private const string Nc48Linux = "00230cfc-461f-54a1-80ac-cdacb8293e3c";

        [Fact]
        public void A_reservations_unit_price_is_the_whole_terms_price_spread_over_8760_hours_a_year()
        {
            RetailPrice[] prices = RetailPriceFixtures.Folded(RetailPriceFixtures.VirtualMachinesPage);

            RetailPrice oneYear = prices.Single(p => p.MeterId == Nc48Linux && p.ReservationTerm == "1 Year");
            RetailPrice threeYears = prices.Single(p => p.MeterId == Nc48Linux && p.ReservationTerm == "3 Years");

            Assert.Equal(42066m, oneYear.UnitPrice);
            Assert.Equal(1, oneYear.ReservationYears);
            Assert.Equal(42066m / 8760m, oneYear.HourlyReservationPrice);
            Assert.Equal(3, threeYears.ReservationYears);
            Assert.Equal(71642m / (3m * 8760m), threeYears.HourlyReservationPrice);
        }

        [Fact]
        public void Savings_plan_prices_are_hourly_per_term_shortest_first()
        {
            RetailPrice payg = RetailPriceFixtures.Folded(RetailPriceFixtures.VirtualMachinesPage)
                .Single(p => p.MeterId == Nc48Linux && p.Type == "Consumption");

            Assert.Equal(7.346m, payg.UnitPrice);
            Assert.Equal(new[] { "1 Year", "3 Years" }, payg.SavingsPlans.Select(s => s.Term));
            Assert.Equal(6.1148104m, payg.SavingsPlanOf(1)!.UnitPrice);
            Assert.Equal(4.5317474m, payg.SavingsPlanOf(3)!.UnitPrice);
            Assert.Null(payg.SavingsPlanOf(5));
            Assert.Null(payg.HourlyReservationPrice);
        }

        [Fact]
        public void The_96_savings_plan_items_of_the_real_page_each_carry_a_1_and_a_3_year_price()
        {
            RetailPrice[] withPlans = RetailPriceFixtures.Folded(RetailPriceFixtures.VirtualMachinesPage).Where(p => p.SavingsPlans.Count > 0).ToArray();

            Assert.Equal(96, withPlans.Length);
            Assert.All(withPlans, p => Assert.Equal(new int?[] { 1, 3 }, p.SavingsPlans.Select(s => s.Years)));
            Assert.All(withPlans, p => Assert.True(p.SavingsPlanOf(3)!.UnitPrice < p.SavingsPlanOf(1)!.UnitPrice && p.SavingsPlanOf(1)!.UnitPrice < p.UnitPrice));
        }
    }
}
