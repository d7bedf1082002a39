using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Invoices;
using AzBillingInsights.Engine.Tests.Http;

namespace AzBillingInsights.Engine.Tests.Invoices
{
    public sealed class InvoiceClientTests
    {
        private static string Invoice(string name) =>
            $"{{\"id\":\"/subscriptions/s/providers/Microsoft.Billing/invoices/{name}\",\"name\":\"{name}\",\"properties\":{{\"invoicePeriodStartDate\":\"2017-01-01\",\"invoicePeriodEndDate\":\"2017-02-01\"}}}}";

        /// <summary>Two pages: a, b then c.</summary>
        private static FakeArm TwoPages() => new FakeArm(request => request.RequestUri!.Query.Contains("skiptoken")
            ? FakeArm.Json(HttpStatusCode.OK, $"{{\"value\":[{Invoice("c")}]}}")
            : FakeArm.Json(HttpStatusCode.OK, $"{{\"value\":[{Invoice("a")},{Invoice("b")}],\"nextLink\":\"{FakeArm.Endpoint}subscriptions/s/providers/Microsoft.Billing/invoices?api-version=2018-03-01-preview&%24skiptoken=p2\"}}"));

        private static async Task<List<string>> NamesAsync(IAsyncEnumerable<InvoiceRecord> invoices)
        {
            var names = new List<string>();
            await foreach (InvoiceRecord invoice in invoices)
            {
                names.Add(invoice.Name);
            }

            return names;
        }

        [Fact]
        public async Task Lists_every_page_with_download_links_asked_for_and_no_top()
        {
            // $top limits the whole list to the newest N, not the page size: sent unasked, it would lose the oldest.
            FakeArm arm = TwoPages();

            List<string> names = await NamesAsync(new InvoiceClient(arm.Client).ListAsync("s", new BillingListQuery(), CancellationToken.None));

            Assert.Equal(new[] { "a", "b", "c" }, names);
            Assert.Equal(2, arm.Requests.Count);
            Assert.Equal("?api-version=2018-03-01-preview&$expand=downloadUrl", arm.Requests[0].Uri.Query);
        }

        [Fact]
        public async Task A_list_that_stays_202_fails_as_not_ready_instead_of_ending_empty()
        {
            var arm = new FakeArm(request => FakeArm.Accepted(request.RequestUri!.AbsoluteUri, retryAfterSeconds: 1));

            ArmRequestException error = await Assert.ThrowsAsync<ArmRequestException>(() =>
                NamesAsync(new InvoiceClient(arm.Client).ListAsync("s", new BillingListQuery(), CancellationToken.None)));

            Assert.True(error.IsNotReady);
            Assert.Equal(ArmCallKind.Invoice, error.CallKind);
        }

        [Theory]
        [InlineData(401, "")]
        [InlineData(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"No access.\"}}")]
        public async Task A_refused_invoice_read_says_it_was_an_invoice_call(int status, string body)
        {
            var arm = new FakeArm(_ => FakeArm.Json((HttpStatusCode)status, body));
            var invoices = new InvoiceClient(arm.Client);

            ArmRequestException listed = await Assert.ThrowsAsync<ArmRequestException>(() => NamesAsync(invoices.ListAsync("s", new BillingListQuery(), CancellationToken.None)));
            ArmRequestException latest = await Assert.ThrowsAsync<ArmRequestException>(() => invoices.GetLatestAsync("s", CancellationToken.None));
            ArmRequestException periods = await Assert.ThrowsAsync<ArmRequestException>(() =>
                invoices.GetBillingPeriodAsync("s", "201903-1", CancellationToken.None));

            Assert.Equal(new[] { status, status }, new[] { listed.Status, latest.Status });
            Assert.Equal(new[] { ArmCallKind.Invoice, ArmCallKind.Invoice, ArmCallKind.BillingPeriod }, new[] { listed.CallKind, latest.CallKind, periods.CallKind });
        }

        [Fact]
        public async Task First_is_sent_as_top_and_stops_before_the_next_page()
        {
            FakeArm arm = TwoPages();

            List<string> names = await NamesAsync(new InvoiceClient(arm.Client).ListAsync("s", new BillingListQuery { First = 2 }, CancellationToken.None));

            Assert.Equal(new[] { "a", "b" }, names);
            Assert.Single(arm.Requests);
            Assert.EndsWith("&$top=2", arm.Requests[0].Uri.Query);
        }

        [Fact]
        public async Task The_date_window_becomes_the_end_date_filter()
        {
            var arm = new FakeArm(_ => FakeArm.Json(HttpStatusCode.OK, "{\"value\":[]}"));
            var query = new BillingListQuery { PeriodEndFrom = new DateTime(2017, 1, 1), PeriodEndTo = new DateTime(2017, 6, 30, 13, 0, 0) };

            await foreach (BillingPeriodRecord _ in new InvoiceClient(arm.Client).ListBillingPeriodsAsync("s", query, CancellationToken.None))
            {
            }

            Assert.Equal(
                "billingPeriodEndDate ge 2017-01-01 and billingPeriodEndDate le 2017-06-30",
                Uri.UnescapeDataString(arm.Requests[0].Uri.Query.Split(new[] { "$filter=" }, StringSplitOptions.None)[1]));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(101)]
        public void First_outside_1_to_100_is_refused(int first) =>
            Assert.Throws<ArgumentException>(() => new BillingListQuery { First = first }.Validate());

        [Fact]
        public void An_empty_window_is_refused_naming_both_dates()
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() =>
                new BillingListQuery { PeriodEndFrom = new DateTime(2017, 3, 1), PeriodEndTo = new DateTime(2017, 2, 1) }.Validate());
            Assert.Contains("2017-03-01", e.Message);
            Assert.Contains("2017-02-01", e.Message);
        }
    }
}
