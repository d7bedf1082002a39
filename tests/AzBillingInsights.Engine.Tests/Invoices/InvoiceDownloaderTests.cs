using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Invoices;
using AzBillingInsights.Engine.Tests.Http;

namespace AzBillingInsights.Engine.Tests.Invoices
{
    public sealed class InvoiceDownloaderTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "azbi-invoice-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }

        private static InvoiceRecord Listed(string link, DateTimeOffset expiry) =>
            new InvoiceRecord("s", "/subscriptions/s/providers/Microsoft.Billing/invoices/inv", "inv", new DateTime(2026, 10, 1), new DateTime(2026, 11, 1),
                Array.Empty<string>(), new Uri(FakeArm.Endpoint, link), expiry);

        private static string InvoiceJson(string link) =>
            "{\"id\":\"/subscriptions/s/providers/Microsoft.Billing/invoices/inv\",\"name\":\"inv\",\"properties\":{\"invoicePeriodStartDate\":\"2026-10-01\",\"invoicePeriodEndDate\":\"2026-11-01\","
            + $"\"downloadUrl\":{{\"url\":\"{FakeArm.Endpoint}{link}\",\"expiryTime\":\"2026-11-20T13:00:00Z\"}}}}}}";

        private string Destination => Path.Combine(_folder, "inv.pdf");

        [Fact]
        public async Task Saves_a_pdf_and_leaves_no_temporary_file()
        {
            var arm = new FakeArm(_ => FakeArm.Bytes(Pdf));

            long length = await new InvoiceDownloader(arm.Client, () => Now).SaveAsync(Listed("_blob/old?sig=1", Now.AddHours(1)), Destination, false, null, CancellationToken.None);

            Assert.Equal(Pdf.Length, length);
            Assert.Equal(Pdf, File.ReadAllBytes(Destination));
            Assert.Single(Directory.GetFiles(_folder));
            Assert.Null(arm.Requests[0].Authorization);
        }

        [Fact]
        public async Task Something_that_is_not_a_whole_pdf_is_not_saved()
        {
            var arm = new FakeArm(_ => FakeArm.Bytes(Encoding.ASCII.GetBytes("%PDF-1.4 cut short")));

            await Assert.ThrowsAsync<InvalidDataException>(() =>
                new InvoiceDownloader(arm.Client, () => Now).SaveAsync(Listed("_blob/old?sig=1", Now.AddHours(1)), Destination, false, null, CancellationToken.None));

            Assert.Empty(Directory.GetFiles(_folder));
        }

        [Fact]
        public async Task An_expired_link_is_replaced_by_reading_the_invoice_again()
        {
            var arm = new FakeArm(request => request.RequestUri!.AbsolutePath.StartsWith("/subscriptions/")
                ? FakeArm.Json(HttpStatusCode.OK, InvoiceJson("_blob/fresh?sig=2"))
                : FakeArm.Bytes(Pdf));

            await new InvoiceDownloader(arm.Client, () => Now).SaveAsync(Listed("_blob/old?sig=1", Now.AddMinutes(-5)), Destination, false, null, CancellationToken.None);

            Assert.Equal("/subscriptions/s/providers/Microsoft.Billing/invoices/inv", arm.Requests[0].Uri.AbsolutePath);
            Assert.Equal("/_blob/fresh", arm.Requests[1].Uri.AbsolutePath);
            Assert.True(File.Exists(Destination));
        }

        [Fact]
        public async Task A_link_refused_by_storage_is_refreshed_once()
        {
            var arm = new FakeArm(request => request.RequestUri!.AbsolutePath switch
            {
                "/_blob/old" => new HttpResponseMessage(HttpStatusCode.Forbidden) { Headers = { { "x-ms-error-code", "AuthenticationFailed" } } },
                "/_blob/fresh" => FakeArm.Bytes(Pdf),
                _ => FakeArm.Json(HttpStatusCode.OK, InvoiceJson("_blob/fresh?sig=2")),
            });

            await new InvoiceDownloader(arm.Client, () => Now).SaveAsync(Listed("_blob/old?sig=1", Now.AddHours(1)), Destination, false, null, CancellationToken.None);

            Assert.Equal(3, arm.Requests.Count);
            Assert.True(File.Exists(Destination));
        }

        [Fact]
        public async Task An_existing_file_is_kept_unless_overwrite_is_asked()
        {
            Directory.CreateDirectory(_folder);
            File.WriteAllText(Destination, "mine");
            var arm = new FakeArm(_ => FakeArm.Bytes(Pdf));
            var downloader = new InvoiceDownloader(arm.Client, () => Now);

            await Assert.ThrowsAsync<IOException>(() => downloader.SaveAsync(Listed("_blob/old?sig=1", Now.AddHours(1)), Destination, false, null, CancellationToken.None));
            Assert.Equal("mine", File.ReadAllText(Destination));
            Assert.Empty(arm.Requests);

            await downloader.SaveAsync(Listed("_blob/old?sig=1", Now.AddHours(1)), Destination, true, null, CancellationToken.None);
            Assert.Equal(Pdf, File.ReadAllBytes(Destination));
        }
    }
}
