using System;
using System.Linq;
using AzBillingInsights.Engine.Invoices;

namespace AzBillingInsights
{
    /// <summary>
    /// One invoice, as Get-AzInvoice emits it. DownloadUrl is a pre-signed link, a credential until
    /// DownloadUrlExpiry: the views and ToString never show it; Save-AzInvoice uses it.
    /// </summary>
    public sealed class Invoice
    {
        internal Invoice(InvoiceRecord record)
        {
            Record = record;
            BillingPeriodIds = record.BillingPeriodIds.ToArray();
        }

        /// <summary>The engine's invoice, handed back to the engine by Save-AzInvoice.</summary>
        internal InvoiceRecord Record { get; }

        public string SubscriptionId => Record.SubscriptionId;
        public string Name => Record.Name;
        public DateTime InvoicePeriodStartDate => Record.InvoicePeriodStartDate;
        public DateTime InvoicePeriodEndDate => Record.InvoicePeriodEndDate;
        public string[] BillingPeriodIds { get; }
        /// <summary>The names of <see cref="BillingPeriodIds"/>, for Get-AzBillingInsightsPeriod -Name.</summary>
        public string[] BillingPeriodNames => BillingPeriodIds.Select(id => id.Substring(id.LastIndexOf('/') + 1)).ToArray();
        public Uri? DownloadUrl => Record.DownloadUrl;
        public DateTimeOffset? DownloadUrlExpiry => Record.DownloadUrlExpiry;
        public string Id => Record.Id;

        public override string ToString() => Name;
    }

    /// <summary>One billing period, as Get-AzBillingInsightsPeriod emits it.</summary>
    public sealed class BillingPeriod
    {
        internal BillingPeriod(BillingPeriodRecord record)
        {
            SubscriptionId = record.SubscriptionId;
            Name = record.Name;
            BillingPeriodStartDate = record.BillingPeriodStartDate;
            BillingPeriodEndDate = record.BillingPeriodEndDate;
            InvoiceIds = record.InvoiceIds.ToArray();
            Id = record.Id;
        }

        public string SubscriptionId { get; }
        public string Name { get; }
        public DateTime BillingPeriodStartDate { get; }
        public DateTime BillingPeriodEndDate { get; }
        public string[] InvoiceIds { get; }
        /// <summary>The names of <see cref="InvoiceIds"/>, for Get-AzInvoice -Name.</summary>
        public string[] InvoiceNames => InvoiceIds.Select(id => id.Substring(id.LastIndexOf('/') + 1)).ToArray();
        public string Id { get; }

        public override string ToString() => Name;
    }
}
