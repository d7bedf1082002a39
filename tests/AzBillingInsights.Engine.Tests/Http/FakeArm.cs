using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core.Pipeline;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Engine.Tests.Http
{
    /// <summary>An ArmClient whose transport is a function of the request, recording every request it sees.</summary>
    internal sealed class FakeArm : HttpMessageHandler
    {
        public static readonly Uri Endpoint = new Uri("http://127.0.0.1:5999/");

        private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _answer;

        /// <param name="endpoint">The ARM endpoint connected to; <see cref="Endpoint"/> by default.</param>
        public FakeArm(Func<HttpRequestMessage, HttpResponseMessage> answer, Uri? endpoint = null)
            : this((request, _) => Task.FromResult(answer(request)), endpoint)
        {
        }

        /// <summary>Answers asynchronously, e.g. holding a request until it is cancelled.</summary>
        public FakeArm(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer, Uri? endpoint = null)
        {
            _answer = answer;
            var options = new ArmClientOptions { Transport = new HttpClientTransport(new HttpClient(this)) };
            options.Retry.MaxRetries = 1;
            options.Retry.Delay = TimeSpan.FromMilliseconds(1);
            options.Delay = (delay, _) =>
            {
                lock (NotReadyDelays)
                {
                    NotReadyDelays.Add(delay);
                }

                return Task.CompletedTask;
            };
            Client = new ArmClient(endpoint ?? Endpoint, new TokenProvider(new StaticTokenCredential("test-token", DateTimeOffset.MaxValue), "scope"), options);
        }

        public ArmClient Client { get; }

        /// <summary>How long the client asked to wait before each poll of a 202; nothing is waited for.</summary>
        public List<TimeSpan> NotReadyDelays { get; } = new List<TimeSpan>();

        /// <summary>Each request's URI and its Authorization header (null when absent).</summary>
        public List<(Uri Uri, string? Authorization)> Requests { get; } = new List<(Uri, string?)>();

        public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
            new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        /// <summary>202 Accepted as the spec writes it: a <c>{code, message}</c> body, Location and Retry-After.</summary>
        public static HttpResponseMessage Accepted(string location, int retryAfterSeconds)
        {
            HttpResponseMessage response = Json(HttpStatusCode.Accepted, "{\"code\":\"DataNotReady\",\"message\":\"The usage data is being processed.\"}");
            response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
            return response;
        }

        public static HttpResponseMessage Bytes(byte[] body) =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
            }

            return _answer(request, cancellationToken);
        }
    }
}
