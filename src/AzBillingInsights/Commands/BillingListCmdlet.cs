using System;
using System.Management.Automation;
using AzBillingInsights.Engine.Invoices;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Base for the Microsoft.Billing list cmdlets (invoices, billing periods): the List parameter set's
    /// period-end window and count, turned into one validated <see cref="BillingListQuery"/>.
    /// </summary>
    public abstract class BillingListCmdlet : SubscriptionScopedCmdlet
    {
        protected const string ListSet = "List";

        /// <summary>Only what ends on or after this date.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? From { get; set; }

        /// <summary>Only what ends on or before this date.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? To { get; set; }

        /// <summary>Only the newest N (sent as $top).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, BillingListQuery.MaxTop)]
        public int? First { get; set; }

        /// <exception cref="ArgumentException">-From is after -To.</exception>
        protected BillingListQuery ListQuery()
        {
            var query = new BillingListQuery { PeriodEndFrom = From, PeriodEndTo = To, First = First };
            query.Validate();
            return query;
        }
    }
}
