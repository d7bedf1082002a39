using System;
using System.Linq;
using AzBillingInsights.Engine.Reporting;
using AzBillingInsights.Engine.Usage;
using static AzBillingInsights.Engine.Tests.Reporting.ReportFixtures;

namespace AzBillingInsights.Engine.Tests.Reporting
{
    public sealed class CostReportBuilderTests
    {
        [Fact]
        public void EveryBreakdownAddsUpToTheTotalOfTheRater()
        {
            CostReport report = Build(Rows());
            decimal total = TotalOf(Rows());

            Assert.Equal(total, report.Totals.Total);
            Assert.Equal(total, report.Daily.Where(d => d.IsActual).Sum(d => d.Actual!.Value));
            Assert.Equal(total, report.ByMeterCategory.Sum(s => s.Cost));
            Assert.Equal(total, report.ByResourceGroup.Sum(s => s.Cost));
            Assert.Equal(total, report.ByTag.Sum(s => s.Cost));
            Assert.Equal(Days * Resources, report.Totals.RowCount);
        }

        [Fact]
        public void ForecastsTheBillingPeriodOfTheLastDay()
        {
            CostReport report = Build(Rows());

            Assert.NotNull(report.Forecast);
            Assert.Equal(new DateTime(2024, 11, 1), report.Forecast!.PeriodStart);
            Assert.Equal(new DateTime(2024, 11, 30), report.Forecast.PeriodEnd);
            Assert.Equal(26, report.Daily.Count(d => !d.IsActual));
            Assert.True(report.Forecast.Interval.Lower95 <= report.Forecast.Forecast && report.Forecast.Forecast <= report.Forecast.Interval.Upper95);
        }

        [Fact]
        public void FindsTheMoverAndTheAnomalyOfAResourceThatJumped()
        {
            DateTimeOffset spike = FirstDay.AddDays(Days - 2);
            UsageRecord Jump(int i, UsageRecord row)
            {
                if (i == 3 && row.UsageStartTime == spike)
                {
                    row.Quantity *= 20;
                }

                return row;
            }

            CostReport report = Build(Rows(Jump));

            Assert.Equal("m3", report.Movers[0].Name);
            Assert.True(report.Movers[0].Change > 0);
            CostAnomalyAssert(report, "m3", spike.UtcDateTime);
        }

        [Fact]
        public void CountsDaysWithoutUsageFromTheFirstDayAsked()
        {
            CostReport report = Build(Rows(), new CostReportOptions { FirstDay = FirstDay.AddDays(-3).UtcDateTime });

            Assert.Equal(FirstDay.AddDays(-3).UtcDateTime, report.FirstDay);
            Assert.Equal(0m, report.Daily[0].Actual);
        }

        [Fact]
        public void ReportsNothingButTheTotalsWithoutUsage()
        {
            CostReport report = Build(Enumerable.Empty<UsageRecord>());

            Assert.Null(report.Forecast);
            Assert.Empty(report.Daily);
            Assert.Equal(0m, report.Totals.Total);
            Assert.Contains("No priced usage.", Render(report), StringComparison.Ordinal);
        }

        private static void CostAnomalyAssert(CostReport report, string resourceName, DateTime day) =>
            Assert.Contains(report.Anomalies, a => ResourceNames.NameOf(a.Group) == resourceName && a.Date == day && a.Impact > 0);
    }
}
