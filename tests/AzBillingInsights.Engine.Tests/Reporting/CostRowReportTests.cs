using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Reporting;
using AzBillingInsights.Engine.Tests.Costs;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Tests.Reporting
{
    /// <summary>The cost report over real Cost Details rows (Fixtures/costs): their cost as given, named for what it is.</summary>
    public sealed class CostRowReportTests
    {
        private static async Task<(CostReport Report, List<CostRow> Rows)> BuildAsync(string fixture, CostMetric metric, string? tag = null)
        {
            List<CostRow> rows = await CostDetailsCsvReaderTests.ReadFixtureAsync(fixture, metric);
            CostReportBuilder builder = CostReportBuilder.ForCostRows(new CostReportOptions { TagName = tag, GeneratedAt = new DateTimeOffset(2023, 10, 2, 0, 0, 0, TimeSpan.Zero) });
            foreach (CostRow row in rows)
            {
                builder.Add(row);
            }

            return (builder.Build(), rows);
        }

        [Fact]
        public async Task EveryBreakdownAddsUpToTheRowsCostAsGiven()
        {
            (CostReport report, List<CostRow> rows) = await BuildAsync("finops-toolkit-EA-AmortizedCost-export-sample.csv", CostMetric.AmortizedCost, "CostCenter");
            decimal total = rows.Sum(r => r.Cost);

            Assert.Equal(CostBasis.AmortizedCost, report.Basis);
            Assert.Null(report.RateCard);
            Assert.Equal("USD", report.Currency);
            Assert.Equal(total, report.Totals.Total);
            Assert.Equal(total, report.Daily.Where(d => d.IsActual).Sum(d => d.Actual!.Value));
            Assert.Equal(total, report.ByMeterCategory.Sum(s => s.Cost));
            Assert.Equal(total, report.ByResourceGroup.Sum(s => s.Cost));
            Assert.Equal(total, report.ByTag.Sum(s => s.Cost));
            Assert.Equal(rows.Count, report.Totals.RowCount);
            Assert.Equal(rows.Select(r => r.SubscriptionId).Distinct().OrderBy(s => s, StringComparer.OrdinalIgnoreCase), report.SubscriptionIds);
        }

        [Theory]
        [InlineData(CostMetric.ActualCost, "actual cost")]
        [InlineData(CostMetric.AmortizedCost, "amortized cost")]
        public async Task TheHtmlNamesTheCost_AndNeverCallsItAnEstimate(CostMetric metric, string named)
        {
            (CostReport report, _) = await BuildAsync("finops-toolkit-EA-ActualCost-export-sample.csv", metric);

            string html = ReportFixtures.Render(report);

            Assert.DoesNotContain("estimat", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("priced", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"<title>Azure cost report: {named} \u2014", html);
            Assert.Contains($"<h1>Azure cost report: {named}</h1>", html);
            Assert.Contains($"<h2>Daily {named}</h2>", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"{char.ToUpperInvariant(named[0])}{named.Substring(1)} in the report", html);
            Assert.Contains($"Amounts are {named} from Cost Management", html);
            Assert.Contains("<h2>Cost source</h2>", html);
            Assert.DoesNotContain("Rate card", html);
        }

        [Fact]
        public async Task RowsInAnotherCurrency_AreReportedInIt()
        {
            (CostReport report, List<CostRow> rows) = await BuildAsync("focus-converters-anonymous-EA-export-sample.csv", CostMetric.ActualCost);

            Assert.Equal("CAD", report.Currency);
            Assert.Equal(rows.Sum(r => r.Cost), report.Totals.Total);
            Assert.Contains("<dt>Billing currency</dt><dd>CAD</dd>", ReportFixtures.Render(report));
        }

        [Fact]
        public async Task ABuilderTakesOneKindOfRow()
        {
            CostReportBuilder costs = CostReportBuilder.ForCostRows();
            CostReportBuilder usage = new CostReportBuilder(ReportFixtures.Card());
            CostRow costRow = (await CostDetailsCsvReaderTests.ReadFixtureAsync("finops-toolkit-EA-ActualCost-export-sample.csv", CostMetric.ActualCost))[0];

            Assert.Throws<InvalidOperationException>(() => costs.Add(ReportFixtures.Rows().First()));
            Assert.Throws<InvalidOperationException>(() => usage.Add(costRow));
        }
    }
}
