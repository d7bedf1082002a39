using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using AzBillingInsights.Engine.Http;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// The Cost Details exchange (reference §3): POST generateCostDetailsReport, poll the operation's Location while
    /// it answers 202, then stream the rows of every CSV blob of the manifest. Reports run one after another, each
    /// throttling wait is sat out when short and reported with its length when long, a blob that breaks off is
    /// opened again from where it broke, and a finished report is reused while its links are valid.
    /// </summary>
    public sealed class CostDetailsClient
    {
        public const string ApiVersion = "2022-05-01";
        private const int MaxThrottledTries = 10;
        private const int RowsPerProgress = 10_000;

        private readonly ArmClient _arm;
        private readonly CostDetailsClientOptions _options;

        public CostDetailsClient(ArmClient arm, CostDetailsClientOptions? options = null)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _options = options ?? new CostDetailsClientOptions();
        }

        /// <summary>Forgets every finished report this process knows (tests; a new connection).</summary>
        public static void ForgetFinishedReports() => FinishedCostReports.Clear();

        /// <summary>The rows of <paramref name="reports"/>, in order, as the blobs stream in.</summary>
        /// <exception cref="CostDetailsException">Unsupported scope, no access, throttled too long, a failed report, a download that kept breaking.</exception>
        /// <exception cref="ArmRequestException">Any other failure of the calls.</exception>
        /// <exception cref="CostDetailsFormatException">A blob that is not a cost CSV.</exception>
        public async IAsyncEnumerable<CostRow> ReadAsync(
            IReadOnlyList<CostReportSpec> reports, Action<CostDetailsProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            long rows = 0;
            for (int r = 0; r < reports.Count; r++)
            {
                CostReportSpec spec = reports[r];
                void Report(CostDetailsStage stage, TimeSpan? wait) => progress?.Invoke(new CostDetailsProgress(r + 1, reports.Count, spec.Description, stage, wait, rows));

                if (!FinishedCostReports.TryGet(_arm.Endpoint, spec, _options.Clock(), out CostReportManifest manifest))
                {
                    manifest = await GenerateAsync(spec, Report, cancellationToken).ConfigureAwait(false);
                    FinishedCostReports.Remember(_arm.Endpoint, spec, manifest);
                }

                Report(CostDetailsStage.Downloading, null);
                for (int b = 0; b < manifest.Blobs.Count; b++)
                {
                    long readFromBlob = 0;
                    for (int attempt = 1; ; attempt++)
                    {
                        string operation = $"downloading blob {b + 1} of {manifest.Blobs.Count} of the cost report {spec.Description} for {spec.Scope}";
                        Exception? broke = null;
                        using (Response response = await _arm.PresignedUrls.OpenAsync(manifest.Blobs[b].Link, operation, cancellationToken).ConfigureAwait(false))
                        using (Stream csv = Content(response, manifest))
                        {
                            IAsyncEnumerator<CostRow> blobRows = CostDetailsCsvReader.ReadAsync(csv, spec.Metric, cancellationToken).GetAsyncEnumerator(cancellationToken);
                            try
                            {
                                long seen = 0;
                                while (true)
                                {
                                    bool more;
                                    try
                                    {
                                        more = await blobRows.MoveNextAsync().ConfigureAwait(false);
                                    }
                                    catch (Exception e) when (IsBrokenDownload(e, cancellationToken))
                                    {
                                        broke = e;
                                        break;
                                    }

                                    if (!more)
                                    {
                                        break;
                                    }

                                    // Opened again after a break: the rows before it were already handed on.
                                    if (++seen <= readFromBlob)
                                    {
                                        continue;
                                    }

                                    readFromBlob = seen;
                                    if (++rows % RowsPerProgress == 0)
                                    {
                                        Report(CostDetailsStage.Downloading, null);
                                    }

                                    yield return blobRows.Current;
                                }
                            }
                            finally
                            {
                                await blobRows.DisposeAsync().ConfigureAwait(false);
                            }
                        }

                        if (broke is null)
                        {
                            break;
                        }

                        if (attempt >= _options.BlobAttempts)
                        {
                            throw new CostDetailsException(CostDetailsFailure.DownloadFailed,
                                $"The cost report {spec.Description} for {spec.Scope} finished, but blob {b + 1} of {manifest.Blobs.Count} broke off {attempt} times "
                                + $"(after {readFromBlob:N0} of its rows): {broke.Message} Run the command again: the finished report is reused, without asking for a new one, "
                                + $"until {manifest.ValidTill.UtcDateTime:yyyy-MM-dd HH:mm} UTC.",
                                spec.Scope, inner: broke);
                        }
                    }
                }
            }
        }

        /// <summary>A blob's CSV: decompressed as it is read when the manifest says the blobs are compressed.</summary>
        private static Stream Content(Response response, CostReportManifest manifest)
        {
            Stream body = response.ContentStream ?? Stream.Null;
            return manifest.CompressData ? new GZipStream(body, CompressionMode.Decompress) : body;
        }

        private static bool IsBrokenDownload(Exception e, CancellationToken cancellationToken) =>
            !cancellationToken.IsCancellationRequested && (e is IOException || TransportFailure.Matches(e, cancellationToken));

        /// <summary>POSTs the request, then polls its Location until the report is Completed.</summary>
        private async Task<CostReportManifest> GenerateAsync(CostReportSpec spec, Action<CostDetailsStage, TimeSpan?> report, CancellationToken cancellationToken)
        {
            string operation = $"requesting the cost report {spec.Description} for {spec.Scope}";
            report(CostDetailsStage.Requesting, null);
            Uri post = _arm.BuildUri($"{spec.Scope.TrimStart('/')}/providers/Microsoft.CostManagement/generateCostDetailsReport?api-version={ApiVersion}");
            Uri location;
            TimeSpan wait;
            using (Response accepted = await SendAsync(RequestMethod.Post, post, spec.ToJson(), spec, operation, report, cancellationToken).ConfigureAwait(false))
            {
                if (accepted.Status == 200 && TryReadStatus(accepted, spec, out CostReportManifest? ready))
                {
                    return ready!;
                }

                if (!accepted.Headers.TryGetValue("Location", out string? header) || !Uri.TryCreate(post, header, out location!))
                {
                    throw new ArmRequestException(accepted.Status, "MissingLocation", "the service accepted the report but named no Location to poll", RequestId(accepted), operation);
                }

                wait = CostManagementRetryAfter.Read(accepted) ?? _options.DefaultPollInterval;
            }

            DateTimeOffset deadline = _options.Clock() + _options.MaxBuildTime;
            string polling = $"reading the status of the cost report {spec.Description} for {spec.Scope}";
            while (true)
            {
                if (_options.Clock() + wait > deadline)
                {
                    throw new CostDetailsException(CostDetailsFailure.TimedOut,
                        $"The cost report {spec.Description} for {spec.Scope} was not ready after {_options.MaxBuildTime.TotalMinutes:0} minutes. Run the command again later, or ask for a shorter window.",
                        spec.Scope);
                }

                report(CostDetailsStage.Building, wait);
                await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
                using Response status = await SendAsync(RequestMethod.Get, location, null, spec, polling, report, cancellationToken).ConfigureAwait(false);
                if (status.Status == 200 && TryReadStatus(status, spec, out CostReportManifest? manifest))
                {
                    return manifest!;
                }

                wait = CostManagementRetryAfter.Read(status) ?? _options.DefaultPollInterval;
            }
        }

        /// <summary>True with the manifest when Completed; false while still running; throws when Failed.</summary>
        private static bool TryReadStatus(Response response, CostReportSpec spec, out CostReportManifest? manifest)
        {
            manifest = null;
            using JsonDocument document = JsonDocument.Parse(response.Content.ToMemory());
            JsonElement root = document.RootElement;
            string? status = root.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (string.Equals(status, "Completed", StringComparison.OrdinalIgnoreCase))
            {
                manifest = CostReportManifest.Parse(root);
                return true;
            }

            if (string.Equals(status, "Failed", StringComparison.OrdinalIgnoreCase))
            {
                string detail = root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.Object
                    ? $"{Text(error, "code")}: {Text(error, "message")}"
                    : "no reason given";
                throw new CostDetailsException(CostDetailsFailure.ReportFailed,
                    $"Cost Management could not build the cost report {spec.Description} for {spec.Scope} (status Failed, {detail}).", spec.Scope, requestId: RequestId(response));
            }

            return false;
        }

        /// <summary>Sends one call; sits out throttling up to <see cref="CostDetailsClientOptions.MaxThrottleWait"/>; turns failures into errors a user can act on.</summary>
        private async Task<Response> SendAsync(
            RequestMethod method, Uri uri, string? body, CostReportSpec spec, string operation, Action<CostDetailsStage, TimeSpan?> report, CancellationToken cancellationToken)
        {
            for (int tries = 1; ; tries++)
            {
                Response response = await _arm.SendOnceAsync(method, uri, body, operation, cancellationToken).ConfigureAwait(false);
                if (response.Status < 400)
                {
                    return response;
                }

                TimeSpan wait;
                using (response)
                {
                    if (response.Status != 429)
                    {
                        throw Failure(response, spec, operation);
                    }

                    wait = CostManagementRetryAfter.Read(response) ?? TimeSpan.FromMinutes(1);
                    if (wait > _options.MaxThrottleWait || tries >= MaxThrottledTries)
                    {
                        DateTimeOffset until = _options.Clock() + wait;
                        throw new CostDetailsException(CostDetailsFailure.Throttled,
                            $"Cost Management is throttling report requests for {spec.Scope} (about 2 a minute, 10 an hour and 50 a day per scope, plus per-client limits): "
                            + $"it accepts the next one in {Describe(wait)}, at {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC. "
                            + "Reports that finished are reused meanwhile, so running the command again then asks only for what is missing.",
                            spec.Scope, wait, RequestId(response));
                    }

                    report(CostDetailsStage.Throttled, wait);
                }

                await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private static Exception Failure(Response response, CostReportSpec spec, string operation)
        {
            ArmRequestException arm = ArmErrorReader.Read(response, operation);
            bool unsupported = response.Status == 422
                || (response.Status == 400 && arm.Message.IndexOf("not supported", StringComparison.OrdinalIgnoreCase) >= 0);
            if (unsupported)
            {
                return new CostDetailsException(CostDetailsFailure.ScopeNotSupported,
                    $"The Cost Details API does not serve {spec.Scope}: {arm.Message} (request id {arm.RequestId}).", spec.Scope, requestId: arm.RequestId, inner: arm);
            }

            return response.Status switch
            {
                403 => new CostDetailsException(CostDetailsFailure.AccessDenied,
                    $"The signed-in identity may not read cost details of {spec.Scope}: {arm.Message} (request id {arm.RequestId}).", spec.Scope, requestId: arm.RequestId, inner: arm),
                413 => new CostDetailsException(CostDetailsFailure.ReportTooLarge,
                    $"The cost report {spec.Description} for {spec.Scope} is over the API's size cap (about 2 GB or 2 million rows): {arm.Message}", spec.Scope, requestId: arm.RequestId, inner: arm),
                _ => arm,
            };
        }

        private static string Describe(TimeSpan wait) =>
            wait.TotalHours >= 1 ? $"{(int)wait.TotalHours} h {wait.Minutes} min"
            : wait.TotalMinutes >= 1 ? $"{(int)wait.TotalMinutes} min {wait.Seconds} s"
            : $"{Math.Ceiling(wait.TotalSeconds)} s";

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string RequestId(Response response) =>
            response.Headers.TryGetValue("x-ms-request-id", out string? id) ? id! : response.ClientRequestId;
    }
}
