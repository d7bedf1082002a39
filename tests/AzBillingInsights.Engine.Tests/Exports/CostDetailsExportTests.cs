using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Exports;
using AzBillingInsights.Engine.Tests.Costs;

namespace AzBillingInsights.Engine.Tests.Exports
{
    /// <summary>Real EA cost exports (Fixtures/costs) through the Cost Details source into FOCUS rows.</summary>
    public sealed class CostDetailsExportTests
    {
        private static readonly DateTimeOffset September = new DateTimeOffset(2023, 9, 1, 0, 0, 0, TimeSpan.Zero);

        [Fact]
        public async Task Amortized_usage_covered_by_a_reservation_or_savings_plan_is_billed_at_zero_and_keeps_its_effective_cost()
        {
            List<CostRow> source = await CostDetailsCsvReaderTests.ReadFixtureAsync("finops-toolkit-EA-AmortizedCost-export-sample.csv", CostMetric.AmortizedCost);
            List<FocusRow> rows = await MapAsync(CostMetric.AmortizedCost, source);

            Assert.Equal(source.Count, rows.Count);
            Assert.Equal(source.Sum(r => r.Cost), rows.Sum(r => r.EffectiveCost));
            var covered = rows.Zip(source).Where(p => p.Second.PricingModel is "Reservation" or "SavingsPlan").ToList();
            Assert.NotEmpty(covered);
            Assert.All(covered, p => Assert.Equal(0m, p.First.BilledCost));
            Assert.All(covered, p => Assert.Equal(p.Second.Cost, p.First.EffectiveCost));
            Assert.All(rows, r => Assert.Equal("CostDetails:AmortizedCost", r.CostSource));
        }

        [Fact]
        public async Task Actual_cost_is_billed_as_given_with_the_reservation_purchase_as_a_recurring_purchase_charge()
        {
            List<CostRow> source = await CostDetailsCsvReaderTests.ReadFixtureAsync("finops-toolkit-EA-ActualCost-export-sample.csv", CostMetric.ActualCost);
            List<FocusRow> rows = await MapAsync(CostMetric.ActualCost, source);

            Assert.Equal(source.Sum(r => r.Cost), rows.Sum(r => r.BilledCost));
            FocusRow purchase = Assert.Single(rows, r => r.ChargeCategory == "Purchase");
            // The sample's 3-year B1s reservation is paid monthly: the export says Frequency Recurring.
            Assert.Equal("Recurring", purchase.ChargeFrequency);
            Assert.All(rows.Where(r => r.ChargeCategory == "Usage"), r => Assert.Equal("Usage-Based", r.ChargeFrequency));
            Assert.All(rows, r => Assert.Equal(September, r.BillingPeriodStart));
            Assert.All(rows, r => Assert.Equal(September.AddMonths(1), r.BillingPeriodEnd));
            Assert.All(rows, r => Assert.Equal(r.ChargePeriodStart.AddDays(1), r.ChargePeriodEnd));
            Assert.All(rows, r => Assert.Equal("USD", r.BillingCurrency));
        }

        [Fact]
        public async Task Each_month_of_the_window_is_asked_for_as_one_report_ending_on_its_last_day()
        {
            var asked = new List<CostReportSpec>();
            var source = new CostDetailsFocusRowSource(CostMetric.ActualCost, (report, token) => Record(asked, report));
            var manifest = new PartitionManifest { SubscriptionId = "00000000-0000-0000-0000-000000000001", From = September, To = September.AddMonths(1) };

            await foreach (FocusRow _ in source.ReadAsync(manifest, null, CancellationToken.None))
            {
            }

            CostReportSpec only = Assert.Single(asked);
            Assert.Equal("/subscriptions/00000000-0000-0000-0000-000000000001", only.Scope);
            Assert.Equal(new DateTime(2023, 9, 1), only.Start);
            Assert.Equal(new DateTime(2023, 9, 30), only.End);
        }

        private static async Task<List<FocusRow>> MapAsync(CostMetric metric, List<CostRow> source)
        {
            var focus = new CostDetailsFocusRowSource(metric, (report, token) => Replay(source));
            var manifest = new PartitionManifest { SubscriptionId = source[0].SubscriptionId!, BillingPeriodStart = September, BillingPeriodEnd = September.AddMonths(1), From = September, To = September.AddMonths(1) };
            var rows = new List<FocusRow>();
            await foreach (FocusRow row in focus.ReadAsync(manifest, null, CancellationToken.None))
            {
                rows.Add(row);
            }

            return rows;
        }

        private static async IAsyncEnumerable<CostRow> Replay(IEnumerable<CostRow> rows)
        {
            foreach (CostRow row in rows)
            {
                await Task.Yield();
                yield return row;
            }
        }

        private static async IAsyncEnumerable<CostRow> Record(List<CostReportSpec> asked, CostReportSpec report)
        {
            asked.Add(report);
            await Task.Yield();
            yield break;
        }
    }
}
