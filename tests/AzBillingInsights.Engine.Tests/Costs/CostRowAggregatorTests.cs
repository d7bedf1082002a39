using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Engine.Tests.Costs
{
    /// <summary>Totalling real export rows (Fixtures/costs) as given, by the estimate's dimensions, never re-rated.</summary>
    public sealed class CostRowAggregatorTests
    {
        private const string EaActual = "finops-toolkit-EA-ActualCost-export-sample.csv";
        private const string EaAmortized = "finops-toolkit-EA-AmortizedCost-export-sample.csv";
        private const string EaCad = "focus-converters-anonymous-EA-export-sample.csv";

        private static async Task<CostEstimate> TotalAsync(string fixture, CostMetric metric, params string[] groupBy)
        {
            var aggregator = new CostRowAggregator(groupBy.Select(GroupDimension.Parse).ToList());
            foreach (CostRow row in await CostDetailsCsvReaderTests.ReadFixtureAsync(fixture, metric))
            {
                aggregator.Add(row);
            }

            return aggregator.Complete();
        }

        [Fact]
        public async Task Total_IsTheSumOfTheRowsCostsExactly_AndSaysActualCost()
        {
            CostEstimate total = await TotalAsync(EaActual, CostMetric.ActualCost);

            CostGroup only = Assert.Single(total.Groups);
            Assert.Equal(8.5450077867419368m, only.Cost);
            Assert.Equal(8.5450077867419368m, total.TotalCost);
            Assert.Equal(11, only.RowCount);
            Assert.Equal(CostBasis.ActualCost, total.Basis);
            Assert.Equal("USD", total.Currency);
            Assert.False(only.Unrated);
        }

        [Fact]
        public async Task AmortizedRows_SayAmortizedCost()
        {
            List<CostRow> rows = await CostDetailsCsvReaderTests.ReadFixtureAsync(EaAmortized, CostMetric.AmortizedCost);
            CostEstimate total = await TotalAsync(EaAmortized, CostMetric.AmortizedCost, "MeterCategory");

            Assert.Equal(CostBasis.AmortizedCost, total.Basis);
            Assert.Equal(rows.Sum(r => r.Cost), total.TotalCost);
        }

        [Theory]
        [InlineData(EaActual, "ResourceGroup")]
        [InlineData(EaAmortized, "Meter")]
        [InlineData(EaCad, "SubscriptionId")]
        [InlineData(EaAmortized, "Region")]
        [InlineData(EaActual, "Location")]
        public async Task EachGroup_HoldsItsRowsCost(string fixture, string dimension)
        {
            List<CostRow> rows = await CostDetailsCsvReaderTests.ReadFixtureAsync(fixture, CostMetric.ActualCost);
            Func<CostRow, string?> keyOf = dimension switch
            {
                "ResourceGroup" => r => r.ResourceGroup,
                "Meter" => r => r.MeterId,
                "SubscriptionId" => r => r.SubscriptionId,
                "Region" => r => r.MeterRegion,
                _ => r => r.ResourceLocation,
            };
            Dictionary<string, decimal> expected = rows
                .GroupBy(r => string.IsNullOrEmpty(keyOf(r)) ? GroupDimension.NoValue : keyOf(r)!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Cost), StringComparer.Ordinal);

            CostEstimate total = await TotalAsync(fixture, CostMetric.ActualCost, dimension);

            Assert.Equal(expected.Count, total.Groups.Count);
            Assert.All(total.Groups, g => Assert.Equal(expected[g.Keys[0]], g.Cost));
            Assert.Equal(rows.Sum(r => r.Cost), total.TotalCost);
        }

        [Fact]
        public async Task ByTag_RowsWithoutTheTagAreUntagged_AndTheTagNameIsCaseInsensitive()
        {
            List<CostRow> rows = await CostDetailsCsvReaderTests.ReadFixtureAsync(EaActual, CostMetric.ActualCost);
            decimal tagged = rows.Where(r => r.Tags.ContainsKey("CostCenter")).Sum(r => r.Cost);
            decimal untagged = rows.Where(r => !r.Tags.ContainsKey("CostCenter")).Sum(r => r.Cost);

            CostEstimate total = await TotalAsync(EaActual, CostMetric.ActualCost, "Tag:COSTCENTER");

            Assert.Equal(untagged, total.Groups.Single(g => g.Keys[0] == GroupDimension.Untagged).Cost);
            Assert.Equal(tagged, total.Groups.Where(g => g.Keys[0] != GroupDimension.Untagged).Sum(g => g.Cost));
            Assert.Contains(total.Groups, g => g.Keys[0] == "1234");
        }

        [Fact]
        public async Task ByDay_EachRowGoesToItsUsageDay_WithThatDaysBucket()
        {
            List<CostRow> rows = await CostDetailsCsvReaderTests.ReadFixtureAsync(EaAmortized, CostMetric.AmortizedCost);

            CostEstimate total = await TotalAsync(EaAmortized, CostMetric.AmortizedCost, "Day");

            Assert.Equal(rows.Select(r => r.Date.Date).Distinct().Count(), total.Groups.Count);
            foreach (CostGroup day in total.Groups)
            {
                DateTime date = day.BucketStart!.Value.UtcDateTime;
                Assert.Equal(date.ToString("yyyy-MM-dd"), day.Keys[0]);
                Assert.Equal(rows.Where(r => r.Date.Date == date).Sum(r => r.Cost), day.Cost);
                Assert.Equal(date, day.PeriodStart.UtcDateTime);
                Assert.Equal(date.AddDays(1), day.PeriodEnd.UtcDateTime);
            }

            Assert.Equal(total.Groups.Select(g => g.BucketStart).OrderBy(d => d), total.Groups.Select(g => g.BucketStart));
        }

        [Fact]
        public async Task ByMonth_KeysTheCalendarMonth()
        {
            CostEstimate total = await TotalAsync(EaCad, CostMetric.ActualCost, "Month");

            Assert.All(total.Groups, g => Assert.Equal(g.BucketStart!.Value.ToString("yyyy-MM"), g.Keys[0]));
            Assert.All(total.Groups, g => Assert.Equal(1, g.BucketStart!.Value.Day));
            Assert.Equal("CAD", total.Currency);
        }

        [Fact]
        public async Task AnMcaRow_IsTotalledInItsBillingCurrency_ByItsSubscriptionAndMeter()
        {
            CostRow row = Assert.Single(await CostDetailsCsvReaderTests.ReadFixtureAsync("opencost-headerset-EnterpriseCamel.csv", CostMetric.ActualCost));
            Assert.Equal(CostDetailsSchema.MicrosoftCustomerAgreement, row.Schema);

            CostEstimate total = await TotalAsync("opencost-headerset-EnterpriseCamel.csv", CostMetric.ActualCost, "SubscriptionId", "Meter", "Day");

            CostGroup only = Assert.Single(total.Groups);
            Assert.Equal(new[] { row.SubscriptionId!, row.MeterId!, row.Date.ToString("yyyy-MM-dd") }, only.Keys);
            Assert.Equal(row.Cost, only.Cost);
            Assert.Equal(row.Quantity, only.Quantity);
            Assert.Equal(row.Currency, total.Currency);
            Assert.Equal(CostBasis.ActualCost, total.Basis);
        }

        [Fact]
        public void ByHour_IsRefused_BecauseCostRowsAreDaily()
        {
            var e = Assert.Throws<ArgumentException>(() => new CostRowAggregator(new[] { GroupDimension.Of(GroupDimensionKind.Hour) }));
            Assert.Contains("daily", e.Message);
        }

        [Fact]
        public async Task ActualAndAmortizedRows_AreNotAddedTogether()
        {
            var aggregator = new CostRowAggregator(Array.Empty<GroupDimension>());
            aggregator.Add((await CostDetailsCsvReaderTests.ReadFixtureAsync(EaActual, CostMetric.ActualCost))[0]);
            CostRow amortized = (await CostDetailsCsvReaderTests.ReadFixtureAsync(EaAmortized, CostMetric.AmortizedCost))[0];

            var e = Assert.Throws<CostRowMixException>(() => aggregator.Add(amortized));
            Assert.Equal(CostRowConflict.Metric, e.Conflict);
            Assert.Contains("ActualCost and AmortizedCost", e.Message);
        }

        [Fact]
        public async Task RowsInTwoCurrencies_AreNotAddedTogether()
        {
            var aggregator = new CostRowAggregator(Array.Empty<GroupDimension>());
            aggregator.Add((await CostDetailsCsvReaderTests.ReadFixtureAsync(EaActual, CostMetric.ActualCost))[0]);
            CostRow cad = (await CostDetailsCsvReaderTests.ReadFixtureAsync(EaCad, CostMetric.ActualCost))[0];

            var e = Assert.Throws<CostRowMixException>(() => aggregator.Add(cad));
            Assert.Equal(CostRowConflict.Currency, e.Conflict);
            Assert.Contains("USD and CAD", e.Message);
        }

        [Fact]
        public async Task ARowThatDoesNotSayWhichCost_IsRefused()
        {
            CostRow unknown = (await CostDetailsCsvReaderTests.ReadFixtureAsync(EaActual))[0];

            Assert.Throws<CostRowMixException>(() => new CostRowAggregator(Array.Empty<GroupDimension>()).Add(unknown));
        }
    }
}
