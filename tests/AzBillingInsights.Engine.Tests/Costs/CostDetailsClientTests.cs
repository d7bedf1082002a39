using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Tests.Http;

namespace AzBillingInsights.Engine.Tests.Costs
{
    /// <summary>The Cost Details exchange against a scripted ARM: 202 and polling, throttling, failures, broken blobs and resuming.</summary>
    public sealed class CostDetailsClientTests
    {
        private const string Header = "Date,SubscriptionId,MeterName,Quantity,CostInBillingCurrency,BillingCurrency,ChargeType\r\n";

        private readonly List<TimeSpan> _waits = new List<TimeSpan>();

        private CostDetailsClientOptions Options(TimeSpan? maxThrottleWait = null) => new CostDetailsClientOptions
        {
            MaxThrottleWait = maxThrottleWait ?? TimeSpan.FromMinutes(5),
            Delay = (wait, _) =>
            {
                _waits.Add(wait);
                return Task.CompletedTask;
            },
        };

        private static string Blob(int first, int count) =>
            Header + string.Concat(Enumerable.Range(first, count).Select(i => $"11/{1 + (i % 28):00}/2026,sub,Meter {i},1,{i}.25,USD,Usage\r\n"));

        private static HttpResponseMessage Accepted(string location, int retryAfter)
        {
            var response = new HttpResponseMessage(HttpStatusCode.Accepted);
            response.Headers.Location = new Uri(location);
            response.Headers.Add("Retry-After", retryAfter.ToString());
            return response;
        }

        private static HttpResponseMessage Completed(params string[] blobs) => Completed(false, blobs);

        private static HttpResponseMessage Completed(bool compressData, params string[] blobs) => FakeArm.Json(HttpStatusCode.OK,
            "{\"id\":\"op1\",\"name\":\"op1\",\"status\":\"Completed\",\"manifest\":{\"manifestVersion\":\"2022-05-01\",\"dataFormat\":\"Csv\",\"blobCount\":" + blobs.Length
            + ",\"byteCount\":100,\"compressData\":" + (compressData ? "true" : "false") + ",\"blobs\":[" + string.Join(",", blobs.Select(b => $"{{\"blobLink\":\"http://127.0.0.1:5999/_blob/{b}?sig=secret\",\"byteCount\":50}}")) + "]},"
            + "\"validTill\":\"" + DateTimeOffset.UtcNow.AddHours(1).ToString("o") + "\"}");

        private static HttpResponseMessage Csv(string text) => FakeArm.Bytes(Encoding.UTF8.GetBytes(text));

        private static async Task<List<CostRow>> ReadAsync(CostDetailsClient client, IReadOnlyList<CostReportSpec> specs, List<CostDetailsProgress>? progress = null)
        {
            var rows = new List<CostRow>();
            await foreach (CostRow row in client.ReadAsync(specs, p => progress?.Add(p), CancellationToken.None))
            {
                rows.Add(row);
            }

            return rows;
        }

        private static IReadOnlyList<CostReportSpec> November(string scope) =>
            CostReportSpec.Plan(scope, CostMetric.ActualCost, new DateTime(2026, 11, 1), new DateTime(2026, 11, 30), null, null);

        [Fact]
        public void AWindowOverSeveralMonths_IsPlannedAsOneReportPerMonth()
        {
            IReadOnlyList<CostReportSpec> reports = CostReportSpec.Plan("00000000-0000-0000-0000-000000000001", CostMetric.AmortizedCost,
                new DateTime(2026, 9, 15), new DateTime(2026, 11, 3), null, null);

            Assert.Equal(new[] { "2026-09-15..2026-09-30", "2026-10-01..2026-10-31", "2026-11-01..2026-11-03" },
                reports.Select(r => $"{r.Start:yyyy-MM-dd}..{r.End:yyyy-MM-dd}"));
            Assert.All(reports, r => Assert.Equal("/subscriptions/00000000-0000-0000-0000-000000000001", r.Scope));
            Assert.Equal("{\"metric\":\"AmortizedCost\",\"timePeriod\":{\"start\":\"2026-09-15\",\"end\":\"2026-09-30\"}}", reports[0].ToJson());
        }

        [Fact]
        public void BillingPeriodAndInvoice_AreOneReportEach_AndNeverCombined()
        {
            Assert.Equal("{\"metric\":\"ActualCost\",\"billingPeriod\":\"202610\"}",
                Assert.Single(CostReportSpec.Plan("/providers/Microsoft.Billing/billingAccounts/1234", CostMetric.ActualCost, null, null, "202610", null)).ToJson());
            Assert.Equal("{\"metric\":\"ActualCost\",\"invoiceId\":\"G123\"}",
                Assert.Single(CostReportSpec.Plan("/providers/Microsoft.Billing/billingAccounts/1:2/billingProfiles/P", CostMetric.ActualCost, null, null, null, "G123")).ToJson());
            var both = Assert.Throws<ArgumentException>(() => CostReportSpec.Plan("/subscriptions/x", CostMetric.ActualCost, new DateTime(2026, 1, 1), new DateTime(2026, 1, 2), "202601", null));
            Assert.Contains("exactly one", both.Message);
            Assert.Throws<ArgumentException>(() => CostReportSpec.Plan("/subscriptions/x", CostMetric.ActualCost, null, null, "2026-01", null));
        }

        [Fact]
        public void AManagementGroup_IsRefusedBeforeAnyCall()
        {
            var e = Assert.Throws<ArgumentException>(() => CostDetailsScope.Normalize("/providers/Microsoft.Management/managementGroups/root"));

            Assert.Contains("no management-group scope", e.Message);
        }

        [Fact]
        public async Task TheExchange_PostsPollsAsToldAndStreamsEveryBlobWithoutTheToken()
        {
            CostDetailsClient.ForgetFinishedReports();
            string? body = null;
            int polls = 0;
            var arm = new FakeArm(request =>
            {
                string path = request.RequestUri!.AbsolutePath;
                if (request.Method == HttpMethod.Post)
                {
                    body = request.Content!.ReadAsStringAsync().Result;
                    return Accepted("http://127.0.0.1:5999/subscriptions/s1/providers/Microsoft.CostManagement/costDetailsOperationStatus/op1?api-version=2022-05-01", 7);
                }

                return path.Contains("costDetailsOperationStatus")
                    ? (++polls == 1 ? Accepted(request.RequestUri.ToString(), 3) : Completed("a.csv", "b.csv"))
                    : Csv(path.EndsWith("a.csv") ? Blob(0, 3) : Blob(3, 2));
            });
            var progress = new List<CostDetailsProgress>();

            List<CostRow> rows = await ReadAsync(new CostDetailsClient(arm.Client, Options()), November("/subscriptions/s1"), progress);

            Assert.Equal(new[] { 0m, 1m, 2m, 3m, 4m }, rows.Select(r => r.Cost - 0.25m));
            Assert.All(rows, r => Assert.Equal(CostMetric.ActualCost, r.Metric));
            Assert.Equal("{\"metric\":\"ActualCost\",\"timePeriod\":{\"start\":\"2026-11-01\",\"end\":\"2026-11-30\"}}", body);
            Assert.Equal(new[] { TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(3) }, _waits);
            Assert.Equal("/subscriptions/s1/providers/Microsoft.CostManagement/generateCostDetailsReport", arm.Requests[0].Uri.AbsolutePath);
            Assert.Contains("api-version=2022-05-01", arm.Requests[0].Uri.Query);
            Assert.All(arm.Requests.Where(r => r.Uri.AbsolutePath.StartsWith("/_blob/")), r => Assert.Null(r.Authorization));
            Assert.NotNull(arm.Requests[0].Authorization);
            Assert.Contains(progress, p => p.Stage == CostDetailsStage.Building && p.Wait == TimeSpan.FromSeconds(3));
        }

        [Fact]
        public async Task CompressedBlobs_AreDecompressedAsTheyAreRead_WhenTheManifestSaysSo()
        {
            CostDetailsClient.ForgetFinishedReports();
            var arm = new FakeArm(request => request.Method == HttpMethod.Post
                ? Accepted("http://127.0.0.1:5999/subscriptions/s1/providers/Microsoft.CostManagement/costDetailsOperationStatus/op1?api-version=2022-05-01", 0)
                : request.RequestUri!.AbsolutePath.Contains("costDetailsOperationStatus") ? Completed(true, "a.csv.gz", "b.csv.gz")
                : FakeArm.Bytes(Gzip(request.RequestUri.AbsolutePath.Contains("a.csv") ? Blob(0, 3) : Blob(3, 2))));

            List<CostRow> rows = await ReadAsync(new CostDetailsClient(arm.Client, Options()), November("/subscriptions/s1"));

            Assert.Equal(new[] { 0m, 1m, 2m, 3m, 4m }, rows.Select(r => r.Cost - 0.25m));
        }

        [Fact]
        public async Task ACompressedBlobTheManifestCallsPlain_IsRefusedAsGzip_NotReadAsAStrangeHeader()
        {
            CostDetailsClient.ForgetFinishedReports();
            var arm = new FakeArm(request => request.Method == HttpMethod.Post
                ? Accepted("http://127.0.0.1:5999/subscriptions/s1/providers/Microsoft.CostManagement/costDetailsOperationStatus/op1?api-version=2022-05-01", 0)
                : request.RequestUri!.AbsolutePath.Contains("costDetailsOperationStatus") ? Completed("a.csv", "b.csv")
                : FakeArm.Bytes(Gzip(Blob(0, 3))));

            var error = await Assert.ThrowsAsync<CostDetailsFormatException>(() => ReadAsync(new CostDetailsClient(arm.Client, Options()), November("/subscriptions/s1")));

            Assert.Contains("gzip", error.Message);
        }

        private static byte[] Gzip(string text)
        {
            using var compressed = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Fastest))
            {
                gzip.Write(Encoding.UTF8.GetBytes(text));
            }

            return compressed.ToArray();
        }

        [Fact]
        public async Task AShortThrottle_IsSatOutFromCostManagementsOwnHeader()
        {
            CostDetailsClient.ForgetFinishedReports();
            int posts = 0;
            var arm = new FakeArm(request =>
            {
                if (request.Method == HttpMethod.Post && ++posts == 1)
                {
                    var throttled = FakeArm.Json((HttpStatusCode)429, "{\"error\":{\"code\":\"429\",\"message\":\"Too many requests.\"}}");
                    throttled.Headers.Add("x-ms-ratelimit-microsoft.costmanagement-entity-retry-after", "20");
                    return throttled;
                }

                return request.Method == HttpMethod.Post ? Accepted("http://127.0.0.1:5999/op/1", 1)
                    : request.RequestUri!.AbsolutePath.StartsWith("/op/") ? Completed("a.csv") : Csv(Blob(0, 2));
            });

            List<CostRow> rows = await ReadAsync(new CostDetailsClient(arm.Client, Options()), November("/subscriptions/s2"));

            Assert.Equal(2, rows.Count);
            Assert.Equal(2, posts);
            Assert.Equal(TimeSpan.FromSeconds(20), _waits[0]);
        }

        [Fact]
        public async Task ALongThrottle_FailsSayingHowLongToWait()
        {
            CostDetailsClient.ForgetFinishedReports();
            var arm = new FakeArm(request =>
            {
                var throttled = FakeArm.Json((HttpStatusCode)429, "{\"error\":{\"code\":\"429\",\"message\":\"Too many requests.\"}}");
                throttled.Headers.Add("x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after", "60");
                throttled.Headers.Add("x-ms-ratelimit-microsoft.costmanagement-entity-retry-after", "2520");
                return throttled;
            });

            var e = await Assert.ThrowsAsync<CostDetailsException>(() => ReadAsync(new CostDetailsClient(arm.Client, Options()), November("/subscriptions/s3")));

            Assert.Equal(CostDetailsFailure.Throttled, e.Failure);
            Assert.Equal(TimeSpan.FromMinutes(42), e.RetryAfter);
            Assert.Contains("in 42 min 0 s", e.Message);
            Assert.Single(arm.Requests);
            Assert.Empty(_waits);
        }

        [Fact]
        public async Task AFailedReport_IsAnErrorWithTheServicesReason()
        {
            CostDetailsClient.ForgetFinishedReports();
            var arm = new FakeArm(request => request.Method == HttpMethod.Post
                ? Accepted("http://127.0.0.1:5999/op/2", 1)
                : FakeArm.Json(HttpStatusCode.OK, "{\"id\":\"op2\",\"status\":\"Failed\",\"error\":{\"code\":\"ReportGenerationFailed\",\"message\":\"Internal failure.\"}}"));

            var e = await Assert.ThrowsAsync<CostDetailsException>(() => ReadAsync(new CostDetailsClient(arm.Client, Options()), November("/subscriptions/s4")));

            Assert.Equal(CostDetailsFailure.ReportFailed, e.Failure);
            Assert.Contains("ReportGenerationFailed: Internal failure.", e.Message);
        }

        [Fact]
        public async Task AnUnsupportedOffer_IsScopeNotSupported()
        {
            CostDetailsClient.ForgetFinishedReports();
            var arm = new FakeArm(_ => FakeArm.Json((HttpStatusCode)422,
                "{\"error\":{\"code\":\"422\",\"message\":\"Unsupported request. offer type: WebDirect for get detailed report request is not supported.\"}}"));

            var e = await Assert.ThrowsAsync<CostDetailsException>(() => ReadAsync(new CostDetailsClient(arm.Client, Options()), November("/subscriptions/s5")));

            Assert.Equal(CostDetailsFailure.ScopeNotSupported, e.Failure);
            Assert.Contains("offer type: WebDirect", e.Message);
        }

        [Fact]
        public async Task ABlobThatBreaksOff_IsOpenedAgainAndNoRowIsRepeated()
        {
            CostDetailsClient.ForgetFinishedReports();
            int opens = 0;
            var arm = new FakeArm(request => request.Method == HttpMethod.Post ? Accepted("http://127.0.0.1:5999/op/3", 1)
                : request.RequestUri!.AbsolutePath.StartsWith("/op/") ? Completed("a.csv")
                : ++opens == 1 ? BreakingCsv(Blob(0, 50), 700) : Csv(Blob(0, 50)));

            List<CostRow> rows = await ReadAsync(new CostDetailsClient(arm.Client, Options()), November("/subscriptions/s6"));

            Assert.Equal(2, opens);
            Assert.Equal(Enumerable.Range(0, 50).Select(i => $"Meter {i}"), rows.Select(r => r.MeterName));
        }

        [Fact]
        public async Task AFinishedReportWhoseDownloadFailed_IsReusedNotRequestedAgain()
        {
            CostDetailsClient.ForgetFinishedReports();
            bool healthy = false;
            var arm = new FakeArm(request => request.Method == HttpMethod.Post ? Accepted("http://127.0.0.1:5999/op/4", 1)
                : request.RequestUri!.AbsolutePath.StartsWith("/op/") ? Completed("a.csv")
                : healthy ? Csv(Blob(0, 50)) : BreakingCsv(Blob(0, 50), 700));
            var client = new CostDetailsClient(arm.Client, Options());

            var e = await Assert.ThrowsAsync<CostDetailsException>(() => ReadAsync(client, November("/subscriptions/s7")));
            Assert.Equal(CostDetailsFailure.DownloadFailed, e.Failure);
            Assert.Contains("reused", e.Message);
            healthy = true;
            List<CostRow> rows = await ReadAsync(client, November("/subscriptions/s7"));

            Assert.Equal(50, rows.Count);
            Assert.Equal(1, arm.Requests.Count(r => r.Uri.AbsolutePath.EndsWith("generateCostDetailsReport")));
        }

        /// <summary>A 200 whose body stream fails after <paramref name="bytes"/> bytes, as a connection dropped mid-download does.</summary>
        private static HttpResponseMessage BreakingCsv(string text, int bytes) =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new BreakingStream(Encoding.UTF8.GetBytes(text), bytes)) };

        private sealed class BreakingStream : MemoryStream
        {
            private readonly int _breakAt;

            public BreakingStream(byte[] body, int breakAt)
                : base(body) => _breakAt = breakAt;

            public override int Read(byte[] buffer, int offset, int count) =>
                Position >= _breakAt ? throw new IOException("The response ended prematurely.") : base.Read(buffer, offset, Math.Min(count, _breakAt - (int)Position));

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.FromResult(Read(buffer, offset, count));

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
            {
                byte[] chunk = new byte[buffer.Length];
                int read = Read(chunk, 0, chunk.Length);
                chunk.AsSpan(0, read).CopyTo(buffer.Span);
                return new ValueTask<int>(read);
            }
        }
    }
}
