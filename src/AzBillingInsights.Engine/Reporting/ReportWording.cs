using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>
    /// The words a report uses for its figure: an estimate is "spend" priced from usage, Cost Details rows are
    /// "actual cost" or "amortized cost" as Cost Management charged them, and never called an estimate.
    /// </summary>
    internal sealed class ReportWording
    {
        private static readonly ReportWording Estimated = new ReportWording(
            figure: null,
            span: "Usage",
            headline: "Spend in the report",
            rows: "usage rows priced",
            daily: "Daily spend",
            nothing: "No priced usage.",
            footer: "Amounts are estimates from usage and the rate card, before tax.");

        private static readonly ReportWording Actual = new ReportWording(
            figure: "actual cost",
            span: "Cost",
            headline: "Actual cost in the report",
            rows: "Cost Details rows, cost as charged",
            daily: "Daily actual cost",
            nothing: "No cost rows.",
            footer: "Amounts are actual cost from Cost Management's Cost Details, in the billing currency as charged; nothing is re-rated.");

        private static readonly ReportWording Amortized = new ReportWording(
            figure: "amortized cost",
            span: "Cost",
            headline: "Amortized cost in the report",
            rows: "Cost Details rows, cost as amortized",
            daily: "Daily amortized cost",
            nothing: "No cost rows.",
            footer: "Amounts are amortized cost from Cost Management's Cost Details: reservation and savings-plan purchases spread over the usage they cover, in the billing currency; nothing is re-rated.");

        private ReportWording(string? figure, string span, string headline, string rows, string daily, string nothing, string footer)
        {
            Figure = figure;
            Span = span;
            Headline = headline;
            Rows = rows;
            Daily = daily;
            Nothing = nothing;
            Footer = footer;
        }

        /// <summary>"actual cost" or "amortized cost", shown beside the title; null for an estimate, whose title stays as given.</summary>
        public string? Figure { get; }
        /// <summary>What the header's dates span: "Usage from ... to ...".</summary>
        public string Span { get; }
        public string Headline { get; }
        /// <summary>What the row count counts: "12,345 usage rows priced".</summary>
        public string Rows { get; }
        /// <summary>The daily chart's heading and the start of its description.</summary>
        public string Daily { get; }
        /// <summary>What an empty section says.</summary>
        public string Nothing { get; }
        public string Footer { get; }

        public static ReportWording For(CostBasis basis) => basis switch
        {
            CostBasis.ActualCost => Actual,
            CostBasis.AmortizedCost => Amortized,
            _ => Estimated,
        };
    }
}
