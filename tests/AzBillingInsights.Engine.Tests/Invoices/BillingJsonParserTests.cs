using System;
using System.IO;
using System.Text;
using System.Text.Json;
using AzBillingInsights.Engine.Invoices;
using AzBillingInsights.Engine.Tests.Prices;

namespace AzBillingInsights.Engine.Tests.Invoices
{
    public sealed class BillingJsonParserTests
    {
        /// <summary>The 200 body of a spec example file.</summary>
        private static ReadOnlyMemory<byte> ExampleBody(string name)
        {
            using JsonDocument example = JsonDocument.Parse(File.ReadAllBytes(FixtureFiles.PathOf(name)));
            return Encoding.UTF8.GetBytes(example.RootElement.GetProperty("responses").GetProperty("200").GetProperty("body").GetRawText());
        }

        [Fact]
        public void Reads_the_spec_invoice_list_example()
        {
            BillingPage<InvoiceRecord> page = BillingJsonParser.ParseInvoicePage(ExampleBody("invoices-list-2018-03-01-preview.json"), "fallback");

            InvoiceRecord first = page.Items[0];
            Assert.Equal("2017-02-05-123456789", first.Name);
            Assert.Equal("subid", first.SubscriptionId);
            Assert.Equal(new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc), first.InvoicePeriodStartDate);
            Assert.Equal(DateTimeKind.Utc, first.InvoicePeriodEndDate.Kind);
            Assert.Equal(new DateTime(2017, 2, 1), first.InvoicePeriodEndDate);
            Assert.Equal("/subscriptions/subid/providers/Microsoft.Billing/billingPeriods/201702-1", first.BillingPeriodIds[0]);
        }

        [Fact]
        public void Reads_the_download_link_and_its_expiry_of_the_latest_invoice_example()
        {
            InvoiceRecord invoice = BillingJsonParser.ParseInvoice(ExampleBody("invoices-get-latest-2017-04-24-preview.json"), "fallback");

            Assert.NotNull(invoice.DownloadUrl);
            Assert.True(invoice.DownloadUrl!.IsAbsoluteUri);
            Assert.Equal(TimeSpan.Zero, invoice.DownloadUrlExpiry!.Value.Offset);
        }

        [Fact]
        public void Reads_the_spec_billing_period_list_example()
        {
            BillingPage<BillingPeriodRecord> page = BillingJsonParser.ParseBillingPeriodPage(ExampleBody("billingperiods-list-2018-03-01-preview.json"), "fallback");

            BillingPeriodRecord first = page.Items[0];
            Assert.Equal("201702-1", first.Name);
            Assert.Equal(new DateTime(2017, 2, 1), first.BillingPeriodEndDate);
            Assert.NotEmpty(first.InvoiceIds);
        }

        [Fact]
        public void Keeps_the_next_link_and_leaves_absent_fields_empty()
        {
            string json = "{\"value\":[{\"id\":\"/subscriptions/subid/Microsoft.Billing/invoices/x\",\"name\":\"x\",\"properties\":{\"invoicePeriodStartDate\":\"2017-01-01\",\"invoicePeriodEndDate\":\"2017-02-01\"}}],"
                + "\"nextLink\":\"https://management.azure.com/next?%24skiptoken=abc\"}";

            BillingPage<InvoiceRecord> page = BillingJsonParser.ParseInvoicePage(Encoding.UTF8.GetBytes(json), "asked-for");

            Assert.Equal("https://management.azure.com/next?%24skiptoken=abc", page.NextLink!.OriginalString);
            Assert.Empty(page.Items[0].BillingPeriodIds);
            Assert.Null(page.Items[0].DownloadUrl);
            Assert.Equal("subid", page.Items[0].SubscriptionId);
        }
    }
}
