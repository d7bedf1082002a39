using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using static AzBillingInsights.Engine.Reporting.SvgNumbers;

namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>
    /// A breakdown (top groups plus the rest) as a horizontal bar chart in inline SVG: label, bar scaled to the
    /// largest group, amount and share. Long labels are shortened on screen; the full text is in each row's title.
    /// </summary>
    public sealed class ShareBarChart
    {
        private const double Width = 560;
        private const double RowHeight = 26;
        private const double LabelWidth = 180;
        private const double ValueWidth = 168;
        private const double Padding = 6;
        private const int LabelLength = 24;

        private readonly IReadOnlyList<SpendShare> _shares;
        private readonly MoneyFormatter _money;

        public ShareBarChart(IReadOnlyList<SpendShare> shares, MoneyFormatter money)
        {
            _shares = shares ?? throw new ArgumentNullException(nameof(shares));
            _money = money ?? throw new ArgumentNullException(nameof(money));
        }

        /// <param name="name">The chart's id in data-chart (e.g. "meter-category").</param>
        public void WriteTo(TextWriter writer, string name, string description)
        {
            double height = (_shares.Count * RowHeight) + (2 * Padding);
            decimal largest = _shares.Count == 0 ? 0m : _shares.Max(s => s.Cost);
            double barSpace = Width - LabelWidth - ValueWidth - (2 * Padding);
            writer.Write($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Coordinate(height)}\" role=\"img\" aria-label=\"{Encode(description)}\" data-chart=\"{Encode(name)}\" data-bars=\"{_shares.Count}\">");
            writer.Write($"<title>{Encode(description)}</title>");
            for (int i = 0; i < _shares.Count; i++)
            {
                SpendShare share = _shares[i];
                string label = share.IsRest ? $"The rest ({share.GroupCount})" : share.Label;
                string amount = $"{_money.Format(share.Cost)} \u00B7 {_money.FormatPercent(share.Share)}";
                double y = Padding + (i * RowHeight);
                double middle = y + (RowHeight / 2);
                // A group with spend keeps a visible sliver even beside a giant.
                double width = largest <= 0m || share.Cost <= 0m ? 0 : Math.Max(1.5, (double)(share.Cost / largest) * barSpace);
                writer.Write($"<g><title>{Encode(label)}: {Encode(amount)}</title>");
                writer.Write($"<text class=\"label\" fill=\"currentColor\" x=\"{Coordinate(LabelWidth - Padding)}\" y=\"{Coordinate(middle)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{Encode(Shorten(label, LabelLength))}</text>");
                writer.Write($"<rect class=\"{(share.IsRest ? "bar rest" : "bar")}\" fill=\"{(share.IsRest ? "#8a94a3" : "#2f6fb0")}\" x=\"{Coordinate(LabelWidth)}\" y=\"{Coordinate(y + 4)}\" width=\"{Coordinate(width)}\" height=\"{Coordinate(RowHeight - 8)}\"/>");
                writer.Write($"<text class=\"value\" fill=\"currentColor\" x=\"{Coordinate(LabelWidth + width + Padding)}\" y=\"{Coordinate(middle)}\" dominant-baseline=\"middle\">{Encode(amount)}</text>");
                writer.Write("</g>");
            }

            writer.Write("</svg>");
        }

        private static string Encode(string text) => WebUtility.HtmlEncode(text);
    }
}
