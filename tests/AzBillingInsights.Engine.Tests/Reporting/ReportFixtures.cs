using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Reporting;
using AzBillingInsights.Engine.Usage;
using static AzBillingInsights.Engine.Tests.Pricing.PricingFixtures;

namespace AzBillingInsights.Engine.Tests.Reporting
{
    /// <summary>A small estate priced into a report: 12 resources in 12 groups over 35 days (1 Oct to 4 Nov 2024).</summary>
    internal static class ReportFixtures
    {
        public const int Days = 35;
        public const int Resources = 12;
        public static readonly DateTimeOffset FirstDay = new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero);

        public static PriceList Card() => Pricing.PricingFixtures.Card("USD", Enumerable.Range(0, Resources).Select(i => Flat($"m{i}", 0.5m + i)).ToArray());

        public static IEnumerable<UsageRecord> Rows(Func<int, UsageRecord, UsageRecord>? edit = null)
        {
            for (int day = 0; day < Days; day++)
            {
                for (int i = 0; i < Resources; i++)
                {
                    var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["CostCenter"] = $"CC-{i % 4}" };
                    // A weekly rhythm (quiet weekends) so the forecast has something to learn.
                    decimal quantity = 10m + i + (FirstDay.AddDays(day).DayOfWeek == DayOfWeek.Saturday || FirstDay.AddDays(day).DayOfWeek == DayOfWeek.Sunday ? -4m : 0m);
                    UsageRecord row = Row($"m{i}", quantity, FirstDay.AddDays(day), resourceGroup: $"rg-{i:00}", tags: tags);
                    yield return edit is null ? row : edit(i, row);
                }
            }
        }

        public static CostReport Build(IEnumerable<UsageRecord> rows, CostReportOptions? options = null)
        {
            var builder = new CostReportBuilder(Card(), options ?? new CostReportOptions { TagName = "CostCenter", Top = 5, GeneratedAt = FirstDay.AddDays(Days) });
            foreach (UsageRecord row in rows)
            {
                builder.Add(row);
            }

            return builder.Build();
        }

        public static string Render(CostReport report, string culture = "en-US")
        {
            using var text = new StringWriter();
            new HtmlReportWriter(CultureInfo.GetCultureInfo(culture)).Write(report, text);
            return text.ToString();
        }

        public static decimal TotalOf(IEnumerable<UsageRecord> rows)
        {
            var rater = new UsageRater(Card());
            rater.AddRange(rows);
            return rater.Complete().TotalCost;
        }
    }
}
