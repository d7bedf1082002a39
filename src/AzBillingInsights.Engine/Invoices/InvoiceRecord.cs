using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Invoices
{
    /// <summary>One invoice as the Microsoft.Billing invoice API describes it (reference §3.2).</summary>
    public sealed class InvoiceRecord
    {
        public InvoiceRecord(
            string subscriptionId,
            string id,
            string name,
            DateTime invoicePeriodStartDate,
            DateTime invoicePeriodEndDate,
            IReadOnlyList<string> billingPeriodIds,
            Uri? downloadUrl,
            DateTimeOffset? downloadUrlExpiry)
        {
            SubscriptionId = subscriptionId;
            Id = id;
            Name = name;
            InvoicePeriodStartDate = invoicePeriodStartDate;
            InvoicePeriodEndDate = invoicePeriodEndDate;
            BillingPeriodIds = billingPeriodIds;
            DownloadUrl = downloadUrl;
            DownloadUrlExpiry = downloadUrlExpiry;
        }

        public string SubscriptionId { get; }
        public string Id { get; }
        /// <summary>For example 201904-119223190701201.</summary>
        public string Name { get; }
        /// <summary>A date (UTC midnight): the first day of the invoiced period, the subscription's billing day.</summary>
        public DateTime InvoicePeriodStartDate { get; }
        /// <summary>
        /// A date (UTC midnight) kept as the service states it: the last day of the invoiced period, inclusive
        /// (2019-02-03 to 2019-03-02 in a real invoice), so the period's usage ends at midnight after it.
        /// </summary>
        public DateTime InvoicePeriodEndDate { get; }
        /// <summary>Resource ids of the billing periods; empty from api-version 2017-02-27-preview.</summary>
        public IReadOnlyList<string> BillingPeriodIds { get; }
        /// <summary>The pre-signed PDF link; a credential until <see cref="DownloadUrlExpiry"/>. Null when not expanded.</summary>
        public Uri? DownloadUrl { get; }
        public DateTimeOffset? DownloadUrlExpiry { get; }
    }

    /// <summary>One billing period (reference §3.2): a month of a subscription and the invoices that bill it.</summary>
    public sealed class BillingPeriodRecord
    {
        public BillingPeriodRecord(string subscriptionId, string id, string name, DateTime billingPeriodStartDate, DateTime billingPeriodEndDate, IReadOnlyList<string> invoiceIds)
        {
            SubscriptionId = subscriptionId;
            Id = id;
            Name = name;
            BillingPeriodStartDate = billingPeriodStartDate;
            BillingPeriodEndDate = billingPeriodEndDate;
            InvoiceIds = invoiceIds;
        }

        public string SubscriptionId { get; }
        public string Id { get; }
        /// <summary>For example 201702-1.</summary>
        public string Name { get; }
        public DateTime BillingPeriodStartDate { get; }
        /// <summary>The last day of the period, inclusive, as the service states it.</summary>
        public DateTime BillingPeriodEndDate { get; }
        public IReadOnlyList<string> InvoiceIds { get; }
    }
}
