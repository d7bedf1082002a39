using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using AzBillingInsights.Engine.Http;

namespace AzBillingInsights.Engine.Invoices
{
    /// <summary>
    /// Reads invoices and billing periods of a subscription (Microsoft.Billing, reference §3): lists newest
    /// first over every page, the latest invoice, one by name. Lists ask for download URLs ($expand), so every
    /// invoice can be saved without another call. Failures carry which list they came from, because a 401 or 403
    /// on an invoice means the invoice opt-in, not the token.
    /// </summary>
    public sealed class InvoiceClient
    {
        public const string ApiVersion = "2018-03-01-preview";

        private readonly ArmClient _arm;

        public InvoiceClient(ArmClient arm) => _arm = arm ?? throw new ArgumentNullException(nameof(arm));

        /// <summary>Invoices newest first, page by page as they arrive; stops after <see cref="BillingListQuery.First"/>.</summary>
        public IAsyncEnumerable<InvoiceRecord> ListAsync(string subscriptionId, BillingListQuery query, CancellationToken cancellationToken)
        {
            query.Validate();
            Uri first = _arm.BuildUri($"{InvoicesPath(subscriptionId)}?api-version={ApiVersion}&$expand=downloadUrl{query.ToQuery("invoicePeriodEndDate")}");
            return ReadAllAsync(first, query.First, $"listing the invoices of subscription {subscriptionId}", ArmCallKind.Invoice, json => BillingJsonParser.ParseInvoicePage(json, subscriptionId), cancellationToken);
        }

        public async Task<InvoiceRecord> GetLatestAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            Uri uri = _arm.BuildUri($"{InvoicesPath(subscriptionId)}/latest?api-version={ApiVersion}");
            using Response response = await GetAsync(uri, $"reading the latest invoice of subscription {subscriptionId}", ArmCallKind.Invoice, cancellationToken).ConfigureAwait(false);
            return BillingJsonParser.ParseInvoice(response.Content.ToMemory(), subscriptionId);
        }

        /// <summary>One invoice with a fresh download URL.</summary>
        public async Task<InvoiceRecord> GetAsync(string subscriptionId, string invoiceName, CancellationToken cancellationToken)
        {
            Uri uri = _arm.BuildUri($"{InvoicesPath(subscriptionId)}/{Uri.EscapeDataString(RequireName(invoiceName))}?api-version={ApiVersion}");
            using Response response = await GetAsync(uri, $"reading invoice '{invoiceName}' of subscription {subscriptionId}", ArmCallKind.Invoice, cancellationToken).ConfigureAwait(false);
            return BillingJsonParser.ParseInvoice(response.Content.ToMemory(), subscriptionId);
        }

        /// <summary>Billing periods newest first; the filter applies to their end date.</summary>
        public IAsyncEnumerable<BillingPeriodRecord> ListBillingPeriodsAsync(string subscriptionId, BillingListQuery query, CancellationToken cancellationToken)
        {
            query.Validate();
            Uri first = _arm.BuildUri($"{BillingPeriodsPath(subscriptionId)}?api-version={ApiVersion}{query.ToQuery("billingPeriodEndDate")}");
            return ReadAllAsync(first, query.First, $"listing the billing periods of subscription {subscriptionId}", ArmCallKind.BillingPeriod, json => BillingJsonParser.ParseBillingPeriodPage(json, subscriptionId), cancellationToken);
        }

        public async Task<BillingPeriodRecord> GetBillingPeriodAsync(string subscriptionId, string billingPeriodName, CancellationToken cancellationToken)
        {
            Uri uri = _arm.BuildUri($"{BillingPeriodsPath(subscriptionId)}/{Uri.EscapeDataString(RequireName(billingPeriodName))}?api-version={ApiVersion}");
            using Response response = await GetAsync(uri, $"reading billing period '{billingPeriodName}' of subscription {subscriptionId}", ArmCallKind.BillingPeriod, cancellationToken).ConfigureAwait(false);
            return BillingJsonParser.ParseBillingPeriod(response.Content.ToMemory(), subscriptionId);
        }

        private async IAsyncEnumerable<T> ReadAllAsync<T>(
            Uri first,
            int? limit,
            string operation,
            ArmCallKind kind,
            Func<ReadOnlyMemory<byte>, BillingPage<T>> parse,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Uri? next = first;
            int returned = 0;
            while (next is not null)
            {
                BillingPage<T> page;
                using (Response response = await GetAsync(next, operation, kind, cancellationToken).ConfigureAwait(false))
                {
                    page = parse(response.Content.ToMemory());
                }

                foreach (T item in page.Items)
                {
                    yield return item;
                    if (++returned == limit)
                    {
                        yield break;
                    }
                }

                next = page.NextLink;
            }
        }

        private async Task<Response> GetAsync(Uri uri, string operation, ArmCallKind kind, CancellationToken cancellationToken)
        {
            try
            {
                return await _arm.GetAsync(uri, operation, cancellationToken).ConfigureAwait(false);
            }
            catch (ArmRequestException e)
            {
                e.CallKind = kind;
                throw;
            }
        }

        private static string InvoicesPath(string subscriptionId) =>
            $"subscriptions/{Uri.EscapeDataString(subscriptionId)}/providers/Microsoft.Billing/invoices";

        private static string BillingPeriodsPath(string subscriptionId) =>
            $"subscriptions/{Uri.EscapeDataString(subscriptionId)}/providers/Microsoft.Billing/billingPeriods";

        private static string RequireName(string name) =>
            string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A name is required.", nameof(name)) : name.Trim();
    }
}
