using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using AzBillingInsights.Engine.Forecasting;

namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>
    /// Writes a <see cref="CostReport"/> as one self-contained HTML document: inline CSS (light, dark and print),
    /// inline SVG charts, no script and no reference to anything outside the file, so it opens offline and in a
    /// mail client's preview. Every piece of text that comes from data is HTML-encoded; money and dates follow
    /// the given culture.
    /// </summary>
    public sealed class HtmlReportWriter
    {
        private readonly CultureInfo _culture;

        public HtmlReportWriter(CultureInfo culture)
        {
            _culture = culture ?? throw new ArgumentNullException(nameof(culture));
        }

        public void Write(CostReport report, TextWriter writer)
        {
            if (report is null)
            {
                throw new ArgumentNullException(nameof(report));
            }

            var money = new MoneyFormatter(report.Currency, _culture);
            var page = new Page(report, writer, money, _culture);
            page.Write();
        }

        /// <summary>One rendering: the report, the output and the formatters it uses.</summary>
        private sealed class Page
        {
            private readonly CostReport _report;
            private readonly TextWriter _w;
            private readonly MoneyFormatter _money;
            private readonly CultureInfo _culture;
            private readonly ReportWording _words;

            public Page(CostReport report, TextWriter writer, MoneyFormatter money, CultureInfo culture)
            {
                _report = report;
                _words = ReportWording.For(report.Basis);
                _w = writer;
                _money = money;
                _culture = culture;
            }

            public void Write()
            {
                string language = string.IsNullOrEmpty(_culture.Name) ? "en" : _culture.Name;
                _w.Write("<!DOCTYPE html>\n");
                _w.Write($"<html lang=\"{E(language)}\"><head><meta charset=\"utf-8\">");
                _w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
                _w.Write("<meta name=\"color-scheme\" content=\"light dark\">");
                _w.Write($"<title>{E(TitleWithFigure())} \u2014 {E(Day(_report.FirstDay))} \u2013 {E(Day(_report.LastDay))}</title>");
                _w.Write("<style>");
                _w.Write(ReportStyle.Css);
                _w.Write("</style></head><body><main>\n");
                WriteHeader();
                WriteHeadline();
                WriteDailyChart();
                WriteBreakdowns();
                WriteMovers();
                WriteAnomalies();
                WriteTopResources();
                if (_report.RateCard is null)
                {
                    WriteCostSource();
                }
                else
                {
                    WriteRateCard(_report.RateCard);
                }

                _w.Write($"<footer>Generated {E(_report.GeneratedAt.ToUniversalTime().ToString("f", _culture))} UTC by {E(_report.Generator)}. {E(_words.Footer)}</footer>\n");
                _w.Write("</main></body></html>\n");
            }

            private void WriteHeader()
            {
                _w.Write($"<header><h1>{E(TitleWithFigure())}</h1>");
                string subscriptions = _report.SubscriptionIds.Count == 0 ? "no usage" : string.Join(", ", _report.SubscriptionIds);
                _w.Write($"<p class=\"muted\">{E(_words.Span)} from {E(Day(_report.FirstDay))} to {E(Day(_report.LastDay))} (UTC days) \u00B7 subscription {E(subscriptions)}</p></header>\n");
            }

            private void WriteHeadline()
            {
                CostTotals totals = _report.Totals;
                PeriodForecast? forecast = _report.Forecast;
                _w.Write("<section class=\"cards\" aria-label=\"Headline numbers\">");
                Card(_words.Headline, Money(totals.Total, "total"), $"{_money.FormatNumber(totals.RowCount)} {_words.Rows}");
                if (forecast is not null)
                {
                    Card("Billing period to date", Money(forecast.ActualToDate, "period-to-date"), $"{Day(forecast.PeriodStart)} \u2013 {Day(forecast.AsOf)}");
                    string[] interval = forecast.PredictedDays == 0
                        ? new[] { "The period is complete." }
                        : new[] { $"80%: {_money.Format(forecast.Interval.Lower80)} \u2013 {_money.Format(forecast.Interval.Upper80)}", $"95%: {_money.Format(forecast.Interval.Lower95)} \u2013 {_money.Format(forecast.Interval.Upper95)}" };
                    Card($"Forecast to {Day(forecast.PeriodEnd)}", Money(forecast.Forecast, "forecast"), interval);
                }

                if (_report.Budget is decimal budget)
                {
                    (string status, string tone) = BudgetStatus(budget, forecast);
                    string detail = forecast is null ? $"Budget {_money.Format(budget)}" : $"Budget {_money.Format(budget)}; forecast is {_money.FormatPercent(budget == 0m ? 0d : (double)(forecast.Forecast / budget))} of it";
                    _w.Write($"<div class=\"card\"><h2>Budget</h2><p class=\"big\"><span class=\"status {tone}\" data-budget-status=\"{E(tone)}\">{E(status)}</span></p><p class=\"muted\">{E(detail)}</p></div>");
                }

                _w.Write("</section>\n");
                if (totals.UnratedRowCount > 0)
                {
                    _w.Write($"<p class=\"note\">{E(_money.FormatNumber(totals.UnratedRowCount))} usage rows on {E(_money.FormatNumber(totals.UnratedMeterCount))} meters missing from the rate card are not priced and not in these totals.</p>\n");
                }

                if (forecast is not null && forecast.IsHistoryShort && forecast.PredictedDays > 0)
                {
                    _w.Write($"<p class=\"note\">Only {E(_money.FormatNumber(forecast.HistoryDays))} days of history: the forecast is a run rate without weekly rhythm or trend, and its interval is wide.</p>\n");
                }
            }

            private (string Status, string Tone) BudgetStatus(decimal budget, PeriodForecast? forecast)
            {
                if (forecast is null)
                {
                    return ("No usage", "ok");
                }

                if (forecast.ActualToDate > budget)
                {
                    return ("Over budget", "bad");
                }

                if (forecast.Forecast > budget)
                {
                    return ("Forecast over budget", "bad");
                }

                return forecast.Interval.Upper80 > budget ? ("At risk", "warn") : ("On track", "ok");
            }

            private void Card(string title, string valueHtml, params string[] details)
            {
                _w.Write($"<div class=\"card\"><h2>{E(title)}</h2><p class=\"big\">{valueHtml}</p>");
                foreach (string detail in details)
                {
                    _w.Write($"<p class=\"muted\">{E(detail)}</p>");
                }

                _w.Write("</div>");
            }

            /// <summary>The amount as text, with its exact invariant value for machines (tests, scrapers) in a data element.</summary>
            private string Money(decimal amount, string name) =>
                $"<data id=\"{E(name)}\" value=\"{amount.ToString(CultureInfo.InvariantCulture)}\">{E(_money.Format(amount))}</data>";

            private void WriteDailyChart()
            {
                _w.Write($"<section><h2>{E(_words.Daily)}</h2>");
                if (_report.Daily.Count == 0)
                {
                    _w.Write($"<p class=\"muted\">{E(_words.Nothing)}</p></section>\n");
                    return;
                }

                var chart = new DailySpendChart(_report.Daily, _money);
                string description = chart.PredictedDays == 0
                    ? $"{_words.Daily} from {Day(_report.FirstDay)} to {Day(_report.LastDay)}"
                    : $"{_words.Daily} from {Day(_report.FirstDay)} to {Day(_report.LastDay)}, then the forecast to {Day(_report.Daily[_report.Daily.Count - 1].Date)}";
                _w.Write("<figure>");
                chart.WriteTo(_w, description);
                _w.Write("<figcaption class=\"legend\">");
                Swatch("bar", "Actual");
                if (chart.PredictedDays > 0)
                {
                    Swatch("bar predicted", "Forecast");
                    Swatch("band80", "80% interval");
                    Swatch("band95", "95% interval");
                }

                _w.Write("</figcaption></figure></section>\n");
            }

            private void Swatch(string cssClass, string label) =>
                _w.Write($"<span><svg class=\"swatch\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect class=\"{cssClass}\" fill=\"#2f6fb0\" x=\"1\" y=\"1\" width=\"10\" height=\"10\"/></svg>{E(label)}</span>");

            private void WriteBreakdowns()
            {
                _w.Write("<section><h2>Where it went</h2><div class=\"grid\">");
                Breakdown("meter-category", "By meter category", _report.ByMeterCategory);
                Breakdown("resource-group", "By resource group", _report.ByResourceGroup);
                if (_report.TagName is string tag)
                {
                    Breakdown("tag", $"By tag {tag}", _report.ByTag);
                }

                _w.Write("</div></section>\n");
            }

            private void Breakdown(string name, string title, IReadOnlyList<SpendShare> shares)
            {
                _w.Write($"<figure><figcaption><h3>{E(title)}</h3></figcaption>");
                if (shares.Count == 0)
                {
                    _w.Write($"<p class=\"muted\">{E(_words.Nothing)}</p>");
                }
                else
                {
                    new ShareBarChart(shares, _money).WriteTo(_w, name, title);
                }

                _w.Write("</figure>");
            }

            private void WriteMovers()
            {
                _w.Write("<section><h2>Biggest movers</h2>");
                if (_report.Movers.Count == 0)
                {
                    _w.Write("<p class=\"muted\">Too few days to compare, or nothing changed.</p></section>\n");
                    return;
                }

                int days = _report.MoverDays;
                DateTime latest = _report.LastDay.AddDays(1 - days);
                _w.Write($"<p class=\"muted\">Resources whose spend changed most: {E(Day(latest))} \u2013 {E(Day(_report.LastDay))} against the {days} days before.</p>");
                _w.Write("<div class=\"table\"><table><thead><tr><th>Resource</th><th>Resource group</th><th class=\"num\">Before</th><th class=\"num\">Latest</th><th class=\"num\">Change</th><th class=\"num\">Change %</th></tr></thead><tbody>");
                foreach (SpendMover mover in _report.Movers)
                {
                    string ratio = mover.ChangeRatio is double r ? _money.FormatPercent(r) : "new";
                    _w.Write($"<tr><td title=\"{E(mover.ResourceId)}\">{E(mover.Name)}</td><td>{E(mover.ResourceGroup)}</td>{Num(mover.Previous)}{Num(mover.Current)}{Num(mover.Change)}<td class=\"num\">{E(ratio)}</td></tr>");
                }

                _w.Write("</tbody></table></div></section>\n");
            }

            private void WriteAnomalies()
            {
                _w.Write("<section><h2>Anomalies</h2>");
                if (_report.Anomalies.Count == 0)
                {
                    _w.Write($"<p class=\"muted\">No resource strayed from its weekly rhythm (at least {AnomalyDetector.MinimumDays} days are needed to tell).</p></section>\n");
                    return;
                }

                _w.Write("<p class=\"muted\">Days on which a resource\u2019s spend strayed from what its own weekly rhythm predicts; score is the robust z-score.</p>");
                _w.Write("<div class=\"table\"><table><thead><tr><th>Day</th><th>Resource</th><th class=\"num\">Actual</th><th class=\"num\">Expected</th><th class=\"num\">Impact</th><th class=\"num\">Score</th></tr></thead><tbody>");
                foreach (CostAnomaly anomaly in _report.Anomalies)
                {
                    _w.Write($"<tr><td>{E(Day(anomaly.Date))}</td><td title=\"{E(anomaly.Group)}\">{E(ResourceNames.NameOf(anomaly.Group))}</td>{Num(anomaly.Actual)}{Num(anomaly.Expected)}{Num(anomaly.Impact)}<td class=\"num\">{E(anomaly.Score.ToString("N1", _culture))}</td></tr>");
                }

                _w.Write("</tbody></table></div></section>\n");
            }

            private void WriteTopResources()
            {
                _w.Write("<section><h2>Top resources</h2>");
                if (_report.TopResources.Count == 0)
                {
                    _w.Write($"<p class=\"muted\">{E(_words.Nothing)}</p></section>\n");
                    return;
                }

                _w.Write("<div class=\"table\"><table data-table=\"top-resources\"><thead><tr><th class=\"num\">#</th><th>Resource</th><th>Resource group</th><th>Mostly</th><th class=\"num\">Cost</th><th class=\"num\">Share</th></tr></thead><tbody>");
                int rank = 0;
                foreach (ResourceSpend resource in _report.TopResources)
                {
                    rank++;
                    _w.Write($"<tr><td class=\"num\">{E(rank.ToString(_culture))}</td><td title=\"{E(resource.ResourceId)}\">{E(resource.Name)}</td><td>{E(resource.ResourceGroup)}</td><td>{E(resource.MainMeterCategory)}</td>{Num(resource.Cost)}<td class=\"num\">{E(_money.FormatPercent(resource.Share))}</td></tr>");
                }

                _w.Write("</tbody></table></div></section>\n");
            }

            /// <summary>The title as given, and for Cost Details rows which cost it shows: "Azure cost report: actual cost".</summary>
            private string TitleWithFigure() => _words.Figure is null ? _report.Title : $"{_report.Title}: {_words.Figure}";

            private void WriteCostSource()
            {
                _w.Write("<section><h2>Cost source</h2><dl class=\"facts\">");
                Fact("Source", "Cost Management Cost Details, cost as given (never re-rated)");
                Fact("Metric", _report.Basis.ToString());
                Fact("Billing currency", _report.Currency);
                Fact("Rows", _money.FormatNumber(_report.Totals.RowCount));
                _w.Write("</dl></section>\n");
            }

            private void WriteRateCard(Prices.PriceList card)
            {
                CostTotals totals = _report.Totals;
                _w.Write("<section><h2>Rate card and offer</h2><dl class=\"facts\">");
                Fact("Offer", card.Offer);
                Fact("Currency, locale, region", $"{card.Currency}, {card.Locale}, {card.Market}");
                Fact("Meters on the card", _money.FormatNumber(card.Meters.Count));
                Fact("Card retrieved", $"{card.RetrievedAt.ToUniversalTime().ToString("f", _culture)} UTC");
                Fact("Offer terms", card.OfferTerms.Count == 0 ? "none" : string.Join(", ", card.OfferTerms.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase)));
                Fact("Cost at card rates", _money.Format(totals.BeforeOfferTerms));
                if (totals.CreditApplied != 0m)
                {
                    Fact("Monetary credit applied", _money.Format(-totals.CreditApplied));
                }

                if (totals.Discount != 0m)
                {
                    Fact("Commitment discount", _money.Format(-totals.Discount));
                }

                if (totals.RecurringCharges != 0m)
                {
                    Fact("Recurring charges (not in the totals)", _money.Format(totals.RecurringCharges));
                }

                Fact("Tiers", "graduated over each meter\u2019s use in the billing period, after its included quantity");
                _w.Write("</dl></section>\n");
            }

            private void Fact(string name, string value) => _w.Write($"<dt>{E(name)}</dt><dd>{E(value)}</dd>");

            private string Num(decimal amount) => $"<td class=\"num\">{E(_money.Format(amount))}</td>";

            private string Day(DateTime day) => day.ToString("d", _culture);

            private static string E(string text) => WebUtility.HtmlEncode(text);
        }
    }
}
