using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Engine.Http
{
    /// <summary>
    /// GETs against Azure Resource Manager on Azure.Core's pipeline: retries with exponential backoff that honour
    /// Retry-After (429, 500, 502, 503, 504, resets), redacted logging, our bearer policy; and the one ARM
    /// behaviour the pipeline does not know, 202 "not ready yet", polled here at its Location after its Retry-After.
    /// A 202 that outlasts the polls is a failure, never a page: read as one, it would be an empty success.
    /// </summary>
    public sealed class ArmClient
    {
        private const int MaxNotReadyPolls = 10;
        private static readonly TimeSpan DefaultNotReadyDelay = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan MaxNotReadyDelay = TimeSpan.FromSeconds(60);

        private readonly HttpPipeline _pipeline;

        internal ArmClient(Uri armEndpoint, TokenProvider tokens, ArmClientOptions? options = null)
        {
            Endpoint = armEndpoint;
            options ??= new ArmClientOptions();
            _pipeline = HttpPipelineBuilder.Build(options, new ReadBudgetPacer(), new ArmBearerTokenPolicy(tokens, armEndpoint), new ResponseBufferPolicy());
            Delay = options.Delay;
            PresignedUrls = new PresignedUrlClient(options);
        }

        public Uri Endpoint { get; }

        /// <summary>Downloads from the SAS links ARM hands out (rate-card blobs, invoice PDFs), without the token.</summary>
        public PresignedUrlClient PresignedUrls { get; }

        private Func<TimeSpan, CancellationToken, Task> Delay { get; }

        /// <summary>Builds an absolute URI under the ARM endpoint from a path and an already-encoded query.</summary>
        public Uri BuildUri(string pathAndQuery) => new Uri(Endpoint, pathAndQuery.TrimStart('/'));

        /// <summary>
        /// GETs <paramref name="uri"/>; the whole body is buffered, so a cut-off body is retried by the pipeline.
        /// A paged read passes its <paramref name="buffer"/>, valid until the next call that uses it.
        /// </summary>
        /// <exception cref="ArmRequestException">The call failed after retries.</exception>
        public Task<Response> GetAsync(Uri uri, string operation, CancellationToken cancellationToken, ResponseBuffer? buffer = null) =>
            SendAsync(uri, operation, acceptRedirect: false, buffer, cancellationToken);

        /// <summary>
        /// GETs <paramref name="uri"/> without following a redirect, so the caller can follow it without the token
        /// (RateCard answers 302 to a blob that rejects an Authorization header). Returns a 2xx or 3xx response.
        /// </summary>
        /// <exception cref="ArmRequestException">The call failed after retries.</exception>
        public Task<Response> GetWithoutRedirectAsync(Uri uri, string operation, CancellationToken cancellationToken) =>
            SendAsync(uri, operation, acceptRedirect: true, buffer: null, cancellationToken);

        /// <summary>
        /// Sends one request and hands back what answered after the pipeline's retries, whatever its status, for
        /// exchanges that read statuses and headers themselves (Cost Details: 202 with Location, 429 with Cost
        /// Management's own retry headers). A 429 is not retried by the pipeline here: its waits run to minutes or
        /// hours, so the caller decides whether to wait.
        /// </summary>
        /// <exception cref="ArmRequestException">No answer after retries.</exception>
        public async Task<Response> SendOnceAsync(RequestMethod method, Uri uri, string? jsonBody, string operation, CancellationToken cancellationToken)
        {
            HttpMessage message = _pipeline.CreateMessage();
            message.Request.Method = method;
            message.Request.Uri.Reset(uri);
            message.Request.Headers.SetValue("Accept", "application/json");
            message.ResponseClassifier = ThrottlingNotRetried.Instance;
            RedirectPolicy.SetAllowAutoRedirect(message, false);
            if (jsonBody is not null)
            {
                message.Request.Headers.SetValue("Content-Type", "application/json");
                message.Request.Content = RequestContent.Create(BinaryData.FromString(jsonBody));
            }

            try
            {
                await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (TransportFailure.Matches(e, cancellationToken))
            {
                throw new ArmRequestException(0, ArmRequestException.ConnectionFailedCode,
                    $"no answer from {uri.GetLeftPart(UriPartial.Authority)} after retries: {TransportFailure.Describe(e)}", message.Request.ClientRequestId, operation);
            }

            return message.Response;
        }

        private async Task<Response> SendAsync(Uri uri, string operation, bool acceptRedirect, ResponseBuffer? buffer, CancellationToken cancellationToken)
        {
            Uri target = uri;
            TimeSpan waited = TimeSpan.Zero;
            for (int poll = 0; ; poll++)
            {
                HttpMessage message = _pipeline.CreateMessage();
                message.Request.Method = RequestMethod.Get;
                message.Request.Uri.Reset(target);
                message.Request.Headers.SetValue("Accept", "application/json");
                RedirectPolicy.SetAllowAutoRedirect(message, false);
                if (buffer is not null)
                {
                    ResponseBufferPolicy.Use(message, buffer);
                }

                try
                {
                    await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (TransportFailure.Matches(e, cancellationToken))
                {
                    // No answer after the retries: an ArmRequestException like any other failure, so callers report it
                    // per target and paged reads attach the token to resume from.
                    throw new ArmRequestException(0, ArmRequestException.ConnectionFailedCode,
                        $"no answer from {uri.GetLeftPart(UriPartial.Authority)} after retries: {TransportFailure.Describe(e)}", message.Request.ClientRequestId, operation);
                }

                Response response = message.Response;
                if (response.Status == 202)
                {
                    if (poll == MaxNotReadyPolls)
                    {
                        throw NotReady(response, operation, poll, waited);
                    }

                    TimeSpan delay = RetryAfter(response);
                    target = PollLocation(response, target);
                    response.Dispose();
                    await Delay(delay, cancellationToken).ConfigureAwait(false);
                    waited += delay;
                    continue;
                }

                if (response.Status >= (acceptRedirect ? 400 : 300))
                {
                    throw ArmErrorReader.Read(response, operation);
                }

                return response;
            }
        }

        /// <summary>The 202's own words (its body is <c>{"code","message"}</c> in the spec), and how long it was waited for.</summary>
        private static ArmRequestException NotReady(Response response, string operation, int polls, TimeSpan waited)
        {
            ArmRequestException said = ArmErrorReader.Read(response, operation);
            return new ArmRequestException(202, said.ErrorCode,
                $"the data is not ready yet: the service still answered 202 Accepted after {polls} polls over {waited.TotalSeconds:0} s ({said.Message})",
                said.RequestId, operation);
        }

        /// <summary>Where to ask again: the 202's Location (relative ones resolved against the request), else the same URL.</summary>
        private static Uri PollLocation(Response response, Uri request) =>
            response.Headers.TryGetValue("Location", out string? location) && Uri.TryCreate(request, location, out Uri? next)
                ? next
                : request;

        /// <summary>Retry-After in seconds or as an HTTP date, capped at a minute; a default when absent.</summary>
        private static TimeSpan RetryAfter(Response response)
        {
            if (!response.Headers.TryGetValue("Retry-After", out string? value))
            {
                return DefaultNotReadyDelay;
            }

            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
            {
                return TimeSpan.FromSeconds(Math.Min(seconds, MaxNotReadyDelay.TotalSeconds));
            }

            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
            {
                TimeSpan until = at - DateTimeOffset.UtcNow;
                return until <= TimeSpan.Zero ? TimeSpan.Zero : until < MaxNotReadyDelay ? until : MaxNotReadyDelay;
            }

            return DefaultNotReadyDelay;
        }
    }

    /// <summary>The pipeline's usual retries, except for 429: the caller reads the service's own wait and decides.</summary>
    internal sealed class ThrottlingNotRetried : ResponseClassifier
    {
        internal static readonly ThrottlingNotRetried Instance = new ThrottlingNotRetried();

        public override bool IsRetriableResponse(HttpMessage message) => message.Response.Status != 429 && base.IsRetriableResponse(message);
    }

    /// <summary>Retry, timeout and diagnostics settings of the ARM pipeline.</summary>
    internal sealed class ArmClientOptions : ClientOptions
    {
        internal ArmClientOptions(int maxRetries = 6)
        {
            Retry.Mode = RetryMode.Exponential;
            Retry.MaxRetries = maxRetries;
            Retry.Delay = TimeSpan.FromSeconds(1);
            Retry.MaxDelay = TimeSpan.FromSeconds(60);
            Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
            Diagnostics.ApplicationId = "AzBillingInsights";
            Diagnostics.IsLoggingContentEnabled = false;
            Diagnostics.IsDistributedTracingEnabled = false;
        }

        /// <summary>How the client waits for a 202 to clear; replaced in tests.</summary>
        internal Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;
    }
}
