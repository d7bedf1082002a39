using System;
using System.Collections.Generic;
using System.Linq;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public sealed class CommitmentScenariosTests
    {
        private const string Nc48Linux = "00230cfc-461f-54a1-80ac-cdacb8293e3c";

        [Fact]
        public void Each_commitment_replaces_the_pay_as_you_go_rate_of_the_meters_that_have_it_and_keeps_the_others()
        {
            RetailPrice[] page = RetailPriceFixtures.Folded(RetailPriceFixtures.VirtualMachinesPage);
            RetailPrice withoutCommitment = page.First(p => p.Type == "Consumption" && p.SavingsPlans.Count == 0
                && !page.Any(r => r.IsReservation && r.MeterId == p.MeterId));
            RetailPrice nc48 = page.Single(p => p.MeterId == Nc48Linux && p.Type == "Consumption");
            var key = new RetailPricesKey(new RetailPriceQuery());
            var payg = new PriceList(key, PriceOrigin.From(RetailPricesEndpoint.Public), false,
                new[] { RetailPricesSource.ToMeter(nc48), RetailPricesSource.ToMeter(withoutCommitment) }, Array.Empty<OfferTerm>(), DateTimeOffset.MinValue);
            var listings = page.Where(p => p.MeterId == Nc48Linux || p.MeterId == withoutCommitment.MeterId)
                .GroupBy(p => p.MeterId).ToDictionary(g => g.Key, g => g.ToList());

            IReadOnlyList<WhatIfScenario> scenarios = CommitmentScenarios.Build(payg, listings);

            Assert.Equal(new[] { "Savings plan 1 year", "Reservation 1 year", "Savings plan 3 years", "Reservation 3 years" }, scenarios.Select(s => s.Name));
            decimal Rate(string scenario, string meterId) => scenarios.Single(s => s.Name == scenario).RateCard!.FindMeter(meterId)!.MeterRates.Single().UnitPrice;
            Assert.Equal(6.1148104m, Rate("Savings plan 1 year", Nc48Linux));
            Assert.Equal(4.5317474m, Rate("Savings plan 3 years", Nc48Linux));
            Assert.Equal(42066m / 8760m, Rate("Reservation 1 year", Nc48Linux));
            Assert.Equal(71642m / (3m * 8760m), Rate("Reservation 3 years", Nc48Linux));
            Assert.All(scenarios, s => Assert.Equal(withoutCommitment.UnitPrice, s.RateCard!.FindMeter(withoutCommitment.MeterId)!.MeterRates.Single().UnitPrice));
        }
    }
}
