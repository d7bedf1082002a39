using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AzBillingInsights.Engine.Http
{
    /// <summary>
    /// GETs the pre-signed (SAS) links ARM hands out: the RateCard blob and invoice PDFs. The link is its own
    /// credential, so this pipeline has no bearer policy (Storage rejects a request that carries one), and the
    /// link never appears in a message: its signature is as good as a password until it expires.
    /// </summary>
    public sealed class PresignedUrlClient
    {
        private static readonly Regex StorageMessage = new Regex("<Message>(?<text>[^<]*)</Message>", RegexOptions.CultureInvariant);

        private readonly HttpPipeline _pipeline;

        internal PresignedUrlClient(ClientOptions options) => _pipeline = HttpPipelineBuilder.Build(options);

        /// <summary>
        /// Starts the download and returns the response with its body not yet read, so large bodies stream.
        /// The caller disposes it. Connection failures before the body are retried by the pipeline; a body
        /// cut off half-way surfaces as an <see cref="IOException"/> from the stream.
        /// </summary>
        /// <exception cref="DownloadLinkException">The link was refused (expired, edited, gone) or the store failed after retries.</exception>
        internal async Task<Response> OpenAsync(Uri link, string operation, CancellationToken cancellationToken)
        {
            HttpMessage message = _pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Get;
            message.Request.Uri.Reset(link);
            message.BufferResponse = false;
            RedirectPolicy.SetAllowAutoRedirect(message, false);
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            Response response = message.Response;
            if (response.Status < 300)
            {
                return response;
            }

            using (response)
            {
                throw await ReadErrorAsync(response, operation, cancellationToken).ConfigureAwait(false);
            }
        }

        private static async Task<DownloadLinkException> ReadErrorAsync(Response response, string operation, CancellationToken cancellationToken)
        {
            string? code = response.Headers.TryGetValue("x-ms-error-code", out string? header) ? header : null;
            string? detail = null;
            if (response.ContentStream is not null)
            {
                using var reader = new StreamReader(response.ContentStream);
                // Storage errors are a few hundred bytes of XML; read a bounded prefix only.
                char[] buffer = new char[4096];
                int read = await reader.ReadBlockAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                Match match = StorageMessage.Match(new string(buffer, 0, read));
                detail = match.Success ? match.Groups["text"].Value.Split('\n')[0].Trim() : null;
            }

            string requestId = response.Headers.TryGetValue("x-ms-request-id", out string? id) ? id! : response.ClientRequestId;
            return new DownloadLinkException(response.Status, code, detail ?? $"{response.Status} {response.ReasonPhrase}".Trim(), requestId, operation);
        }
    }

    /// <summary>A pre-signed download link was refused. The message never holds the link.</summary>
    public sealed class DownloadLinkException : Exception
    {
        public DownloadLinkException(int status, string? errorCode, string message, string? requestId, string operation)
            : base($"{Capitalize(operation)} failed: {status} {errorCode}: {message} (request id {requestId}).")
        {
            Status = status;
            ErrorCode = errorCode;
            RequestId = requestId;
        }

        public int Status { get; }
        /// <summary>Storage's error code, e.g. AuthenticationFailed for an expired or edited link.</summary>
        public string? ErrorCode { get; }
        public string? RequestId { get; }

        /// <summary>403 from Storage: the signature is no longer valid (usually the link expired); a fresh link fixes it.</summary>
        public bool IsLinkRejected => Status == 403;

        private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
