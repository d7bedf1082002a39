using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using AzBillingInsights.Engine.Forecasting;
using static AzBillingInsights.Engine.Reporting.SvgNumbers;

namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>
    /// Daily spend as inline SVG: a bar per actual day, an outlined bar per predicted day, and the forecast's 95% and
    /// 80% intervals as stepped bands behind them. Colours come from CSS classes (light, dark, print) with
    /// presentation attributes as the fallback for mail clients that drop the style sheet.
    /// </summary>
    public sealed class DailySpendChart
    {
        private const double Width = 1000;
        private const double Height = 320;
        private const double Left = 80;
        private const double Right = 28;
        private const double Top = 14;
        private const double Bottom = 36;
        private const int GridLines = 4;
        private const int MaxDateLabels = 12;

        private readonly IReadOnlyList<ForecastDay> _days;
        private readonly MoneyFormatter _money;

        public DailySpendChart(IReadOnlyList<ForecastDay> days, MoneyFormatter money)
        {
            _days = days ?? throw new ArgumentNullException(nameof(days));
            _money = money ?? throw new ArgumentNullException(nameof(money));
        }

        public int ActualDays => _days.Count(d => d.IsActual);
        public int PredictedDays => _days.Count(d => !d.IsActual);

        public void WriteTo(TextWriter writer, string description)
        {
            decimal top = _days.Count == 0 ? 0m : _days.Max(d => Math.Max(d.Actual ?? 0m, d.Interval.Upper95));
            decimal step = NiceStep(top, GridLines);
            decimal axisMax = step * Math.Max(1, Math.Ceiling(top / step));
            double plotWidth = Width - Left - Right;
            double plotBottom = Height - Bottom;
            double slot = plotWidth / Math.Max(1, _days.Count);
            double Y(decimal value) => plotBottom - ((double)(Math.Max(0m, value) / axisMax) * (plotBottom - Top));
            double X(int index) => Left + (index * slot);

            writer.Write($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(description)}\" data-chart=\"daily\" data-bars=\"{ActualDays}\" data-predicted=\"{PredictedDays}\" preserveAspectRatio=\"xMidYMid meet\">");
            writer.Write($"<title>{Encode(description)}</title>");
            for (int line = 0; line <= axisMax / step; line++)
            {
                decimal value = step * line;
                string y = Coordinate(Y(value));
                writer.Write($"<line class=\"grid\" stroke=\"#c9ced6\" x1=\"{Coordinate(Left)}\" x2=\"{Coordinate(Width - Right)}\" y1=\"{y}\" y2=\"{y}\"/>");
                writer.Write($"<text class=\"axis\" fill=\"#5b6470\" x=\"{Coordinate(Left - 6)}\" y=\"{y}\" text-anchor=\"end\" dominant-baseline=\"middle\">{Encode(_money.FormatWhole(value))}</text>");
            }

            int firstPredicted = IndexOfFirstPredicted();
            if (firstPredicted >= 0)
            {
                writer.Write($"<path class=\"band95\" fill=\"#9fc3e6\" fill-opacity=\"0.35\" d=\"{Band(firstPredicted, d => d.Interval.Lower95, d => d.Interval.Upper95, X, Y)}\"/>");
                writer.Write($"<path class=\"band80\" fill=\"#6ea3d6\" fill-opacity=\"0.45\" d=\"{Band(firstPredicted, d => d.Interval.Lower80, d => d.Interval.Upper80, X, Y)}\"/>");
            }

            for (int i = 0; i < _days.Count; i++)
            {
                ForecastDay day = _days[i];
                decimal value = day.Actual ?? day.Predicted ?? 0m;
                double y = Y(value);
                string label = $"{day.Date.ToString("d", _money.Culture)}: {_money.Format(value)}{(day.IsActual ? string.Empty : " (forecast)")}";
                writer.Write(
                    $"<rect class=\"{(day.IsActual ? "bar" : "bar predicted")}\" {(day.IsActual ? "fill=\"#2f6fb0\"" : "fill=\"none\" stroke=\"#2f6fb0\" stroke-dasharray=\"3 2\"")} " +
                    $"x=\"{Coordinate(X(i) + (slot * 0.15))}\" y=\"{Coordinate(y)}\" width=\"{Coordinate(slot * 0.7)}\" height=\"{Coordinate(plotBottom - y)}\"><title>{Encode(label)}</title></rect>");
            }

            int every = Math.Max(1, (int)Math.Ceiling(_days.Count / (double)MaxDateLabels));
            for (int i = 0; i < _days.Count; i += every)
            {
                writer.Write($"<text class=\"axis\" fill=\"#5b6470\" x=\"{Coordinate(X(i) + (slot / 2))}\" y=\"{Coordinate(plotBottom + 20)}\" text-anchor=\"middle\">{Encode(_days[i].Date.ToString("d MMM", _money.Culture))}</text>");
            }

            if (firstPredicted > 0)
            {
                string x = Coordinate(X(firstPredicted));
                writer.Write($"<line class=\"today\" stroke=\"#5b6470\" stroke-dasharray=\"4 3\" x1=\"{x}\" x2=\"{x}\" y1=\"{Coordinate(Top)}\" y2=\"{Coordinate(plotBottom)}\"/>");
            }

            writer.Write($"<line class=\"axisline\" stroke=\"#5b6470\" x1=\"{Coordinate(Left)}\" x2=\"{Coordinate(Width - Right)}\" y1=\"{Coordinate(plotBottom)}\" y2=\"{Coordinate(plotBottom)}\"/>");
            writer.Write("</svg>");
        }

        private int IndexOfFirstPredicted()
        {
            for (int i = 0; i < _days.Count; i++)
            {
                if (!_days[i].IsActual)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>A closed stepped outline: the upper bound left to right over each predicted day's slot, the lower bound back.</summary>
        private string Band(int first, Func<ForecastDay, decimal> lower, Func<ForecastDay, decimal> upper, Func<int, double> x, Func<decimal, double> y)
        {
            var points = new List<string>();
            for (int i = first; i < _days.Count; i++)
            {
                points.Add($"{Coordinate(x(i))},{Coordinate(y(upper(_days[i])))}");
                points.Add($"{Coordinate(x(i + 1))},{Coordinate(y(upper(_days[i])))}");
            }

            for (int i = _days.Count - 1; i >= first; i--)
            {
                points.Add($"{Coordinate(x(i + 1))},{Coordinate(y(lower(_days[i])))}");
                points.Add($"{Coordinate(x(i))},{Coordinate(y(lower(_days[i])))}");
            }

            return "M" + string.Join(" L", points) + " Z";
        }

        private static string Encode(string text) => WebUtility.HtmlEncode(text);
    }
}
