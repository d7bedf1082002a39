using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>One Cost Details report to generate: a scope, a metric and exactly one of a time period (a month at most), a billing period or an invoice.</summary>
    public sealed class CostReportSpec
    {
        private CostReportSpec(string scope, CostMetric metric, DateTime? start, DateTime? end, string? billingPeriod, string? invoiceId)
        {
            Scope = scope;
            Metric = metric;
            Start = start;
            End = end;
            BillingPeriod = billingPeriod;
            InvoiceId = invoiceId;
        }

        public string Scope { get; }
        public CostMetric Metric { get; }
        /// <summary>First day of the time period, when the report is asked by dates.</summary>
        public DateTime? Start { get; }
        /// <summary>Last day of the time period (inclusive), when the report is asked by dates.</summary>
        public DateTime? End { get; }
        /// <summary>EA billing period, <c>yyyyMM</c>.</summary>
        public string? BillingPeriod { get; }
        /// <summary>MCA invoice id.</summary>
        public string? InvoiceId { get; }

        /// <summary>What the report covers, for progress and messages.</summary>
        public string Description => Start is DateTime start
            ? $"{Metric} {start:yyyy-MM-dd} to {End:yyyy-MM-dd}"
            : BillingPeriod is not null ? $"{Metric} billing period {BillingPeriod}" : $"{Metric} invoice {InvoiceId}";

        /// <summary>
        /// The reports a request needs, in date order: one per calendar month the window touches (the API refuses
        /// more than a month per report), or the one billing period or invoice.
        /// </summary>
        /// <exception cref="ArgumentException">Not exactly one of dates, billing period and invoice; a bad billing period; the start after the end.</exception>
        public static IReadOnlyList<CostReportSpec> Plan(string scope, CostMetric metric, DateTime? from, DateTime? to, string? billingPeriod, string? invoiceId)
        {
            string normalized = CostDetailsScope.Normalize(scope);
            int given = (from.HasValue || to.HasValue ? 1 : 0) + (billingPeriod is null ? 0 : 1) + (invoiceId is null ? 0 : 1);
            if (given != 1)
            {
                throw new ArgumentException("Give exactly one of -From/-To, -BillingPeriod and -InvoiceId: the API takes a time period, a billing period (EA) or an invoice (MCA), never two.");
            }

            if (billingPeriod is not null)
            {
                if (!DateTime.TryParseExact(billingPeriod.Trim(), "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    throw new ArgumentException($"-BillingPeriod '{billingPeriod}' must be a month written yyyyMM, for example 202611.");
                }

                return new[] { new CostReportSpec(normalized, metric, null, null, billingPeriod.Trim(), null) };
            }

            if (invoiceId is not null)
            {
                if (invoiceId.Trim().Length == 0)
                {
                    throw new ArgumentException("-InvoiceId must not be empty.");
                }

                return new[] { new CostReportSpec(normalized, metric, null, null, null, invoiceId.Trim()) };
            }

            if (!from.HasValue || !to.HasValue)
            {
                throw new ArgumentException("Give both -From and -To (the first and the last day of the window).");
            }

            DateTime first = from.Value.Date;
            DateTime last = to.Value.Date;
            if (first > last)
            {
                throw new ArgumentException($"-From {first:yyyy-MM-dd} is after -To {last:yyyy-MM-dd}.");
            }

            var reports = new List<CostReportSpec>();
            for (DateTime start = first; start <= last; start = new DateTime(start.Year, start.Month, 1).AddMonths(1))
            {
                DateTime monthEnd = new DateTime(start.Year, start.Month, 1).AddMonths(1).AddDays(-1);
                reports.Add(new CostReportSpec(normalized, metric, start, monthEnd < last ? monthEnd : last, null, null));
            }

            return reports;
        }

        /// <summary>The POST body: the metric and the one period selector.</summary>
        public string ToJson()
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("metric", Metric.ToString());
                if (Start is DateTime start)
                {
                    json.WriteStartObject("timePeriod");
                    json.WriteString("start", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    json.WriteString("end", End!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    json.WriteEndObject();
                }
                else if (BillingPeriod is not null)
                {
                    json.WriteString("billingPeriod", BillingPeriod);
                }
                else
                {
                    json.WriteString("invoiceId", InvoiceId);
                }

                json.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        /// <summary>Identifies the same report asked again (scope ids are case-insensitive).</summary>
        internal string Key => Scope.ToLowerInvariant() + "|" + ToJson();
    }
}
