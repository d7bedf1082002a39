using System;
using System.Collections.Generic;
using System.Globalization;

namespace AzBillingInsights.Engine.Invoices
{
    /// <summary>
    /// A list of invoices or billing periods: a window on the period's end date and how many of the newest to
    /// take. Turned into the $filter grammar of reference §3.1 (unquoted yyyy-MM-dd dates, ge/le joined by and).
    /// </summary>
    public sealed class BillingListQuery
    {
        public const int MaxTop = 100;

        /// <summary>Periods ending on or after this date.</summary>
        public DateTime? PeriodEndFrom { get; set; }

        /// <summary>Periods ending on or before this date.</summary>
        public DateTime? PeriodEndTo { get; set; }

        /// <summary>
        /// Only the newest N (1–100, sent as $top); null reads every page. $top limits the whole list to the N most
        /// recent, not the page size, so it is sent only when asked for: a fixed $top would lose the oldest.
        /// </summary>
        public int? First { get; set; }

        /// <exception cref="ArgumentException">A rule is broken; the message names it.</exception>
        public void Validate()
        {
            if (First is int first && (first < 1 || first > MaxTop))
            {
                throw new ArgumentException($"First must be between 1 and {MaxTop} (the API's $top range); it was {first}.", nameof(First));
            }

            if (PeriodEndFrom is DateTime from && PeriodEndTo is DateTime to && from.Date > to.Date)
            {
                throw new ArgumentException($"The window is empty: From {from:yyyy-MM-dd} is after To {to:yyyy-MM-dd}.", nameof(PeriodEndFrom));
            }
        }

        /// <summary>The query string after api-version, encoded; <paramref name="endDateField"/> is invoicePeriodEndDate or billingPeriodEndDate.</summary>
        internal string ToQuery(string endDateField)
        {
            var clauses = new List<string>();
            if (PeriodEndFrom is DateTime from)
            {
                clauses.Add($"{endDateField} ge {from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            }

            if (PeriodEndTo is DateTime to)
            {
                clauses.Add($"{endDateField} le {to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            }

            string query = First is int first ? $"&$top={first.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
            if (clauses.Count > 0)
            {
                query += "&$filter=" + Uri.EscapeDataString(string.Join(" and ", clauses));
            }

            return query;
        }
    }
}
