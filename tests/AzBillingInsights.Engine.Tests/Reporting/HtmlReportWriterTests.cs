using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using AzBillingInsights.Engine.Reporting;
using AzBillingInsights.Engine.Usage;
using static AzBillingInsights.Engine.Tests.Reporting.ReportFixtures;

namespace AzBillingInsights.Engine.Tests.Reporting
{
    public sealed class HtmlReportWriterTests
    {
        private const string HostileScript = "<script>alert('owner')</script>";

        [Fact]
        public void EncodesEveryValueThatComesFromData()
        {
            UsageRecord Hostile(int i, UsageRecord row)
            {
                if (i != 0)
                {
                    return row;
                }

                row.Tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["CostCenter"] = HostileScript };
                row.ResourceGroup = "rg-<b>\"quoted\" & 'single'";
                row.ResourceUri = $"/subscriptions/x/resourceGroups/{row.ResourceGroup}/providers/X/y/<img onerror=alert(1)>";
                row.MeterCategory = "<style>body{display:none}</style>";
                return row;
            }

            CostReport report = Build(Rows(Hostile), new CostReportOptions { TagName = "CostCenter", Title = "<h1>title</h1>", Top = 20, GeneratedAt = FirstDay.AddDays(Days) });
            string html = Render(report);

            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<style>body", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<h1>title", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(&#39;owner&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("rg-&lt;b&gt;&quot;quoted&quot; &amp; &#39;single&#39;", html, StringComparison.Ordinal);
            Assert.Contains("&lt;img onerror=alert(1)&gt;", html, StringComparison.Ordinal);
            // Exactly one style element (ours) and no script element at all.
            Assert.Single(Regex.Matches(html, "<style", RegexOptions.IgnoreCase));
        }

        [Fact]
        public void ReferencesNothingOutsideTheFile()
        {
            string html = Render(Build(Rows()));

            foreach (string reference in new[] { "http:", "https:", "//", "url(", "@import", "<script", "src=", "href=", "<link", "<iframe", "<object" })
            {
                Assert.DoesNotContain(reference, html, StringComparison.OrdinalIgnoreCase);
            }
        }

        [Fact]
        public void DrawsABarPerDayAndTheForecastBands()
        {
            CostReport report = Build(Rows());
            string html = Render(report);
            string daily = Regex.Match(html, "<svg[^>]*data-chart=\"daily\".*?</svg>", RegexOptions.Singleline).Value;

            // 35 actual days to 4 November; the forecast runs to 30 November: 26 predicted days.
            Assert.Contains("data-bars=\"35\"", daily, StringComparison.Ordinal);
            Assert.Contains("data-predicted=\"26\"", daily, StringComparison.Ordinal);
            Assert.Equal(35, Regex.Matches(daily, "<rect class=\"bar\"").Count);
            Assert.Equal(26, Regex.Matches(daily, "<rect class=\"bar predicted\"").Count);
            Assert.Single(Regex.Matches(daily, "<path class=\"band80\" [^>]*d=\"M[^\"]+ Z\""));
            Assert.Single(Regex.Matches(daily, "<path class=\"band95\" [^>]*d=\"M[^\"]+ Z\""));
            // Every bar has a positive width, and every actual day here has spend, so a positive height.
            foreach (Match bar in Regex.Matches(daily, "<rect class=\"bar\"[^>]*width=\"([0-9.]+)\" height=\"([0-9.]+)\""))
            {
                Assert.True(double.Parse(bar.Groups[1].Value, CultureInfo.InvariantCulture) > 0);
                Assert.True(double.Parse(bar.Groups[2].Value, CultureInfo.InvariantCulture) > 0);
            }
        }

        [Fact]
        public void DrawsNoBandForACompletePeriod()
        {
            CostReport report = Build(Rows().Where(r => r.UsageStartTime < new DateTimeOffset(2024, 11, 1, 0, 0, 0, TimeSpan.Zero)));
            string html = Render(report);

            Assert.Contains("data-predicted=\"0\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("class=\"band80\" fill", html, StringComparison.Ordinal);
            Assert.Contains("The period is complete.", html, StringComparison.Ordinal);
        }

        [Fact]
        public void ShowsTheTopGroupsThenTheRest()
        {
            string html = Render(Build(Rows()));
            string groups = Regex.Match(html, "<svg[^>]*data-chart=\"resource-group\".*?</svg>", RegexOptions.Singleline).Value;

            // 12 groups, top 5: five bars and one for the rest (7 groups).
            Assert.Contains("data-bars=\"6\"", groups, StringComparison.Ordinal);
            Assert.Equal(6, Regex.Matches(groups, "<rect class=\"bar( rest)?\"").Count);
            Assert.Contains("The rest (7)", groups, StringComparison.Ordinal);
        }

        [Fact]
        public void FormatsMoneyAndDatesInTheReportCulture()
        {
            CostReport report = Build(Rows());
            string german = Render(report, "de-DE");
            string american = Render(report, "en-US");
            string total = report.Totals.Total.ToString(CultureInfo.InvariantCulture);

            Assert.Contains($"<data id=\"total\" value=\"{total}\">{new MoneyFormatter("USD", CultureInfo.GetCultureInfo("de-DE")).Format(report.Totals.Total)}</data>", german, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"de-DE\">", german, StringComparison.Ordinal);
            Assert.Contains("04.11.2024", german, StringComparison.Ordinal);
            Assert.Contains("11/4/2024", american, StringComparison.Ordinal);
            Assert.Matches("<data id=\"total\" value=\"[0-9.]+\">\\$[0-9,]+\\.[0-9]{2}</data>", american);
        }

        [Fact]
        public void RightAlignsTheNumbersOfTables()
        {
            string html = Render(Build(Rows()));
            string table = Regex.Match(html, "<table data-table=\"top-resources\">.*?</table>", RegexOptions.Singleline).Value;

            Assert.Equal(5, Regex.Matches(table, "<tbody>|<tr><td class=\"num\">").Count - 1);
            Assert.All(Regex.Matches(table, "<td class=\"num\">([^<]*)</td>").Cast<Match>(), m => Assert.Matches("[0-9]", m.Groups[1].Value));
            Assert.Contains(".num{text-align:right", html, StringComparison.Ordinal);
        }
    }
}
