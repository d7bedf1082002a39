using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using AzBillingInsights.Engine.Http;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// Reads the public Retail Prices API page by page, without sign-in, on Azure.Core's pipeline: retries with
    /// backoff that honour Retry-After (429, 5xx, resets, bodies cut off half-way, since each body is buffered inside
    /// the retry loop), one process-wide pause after a 429, and NextPageLink followed exactly as given (a host with
    /// <c>:443</c>, a negative <c>$top</c>). Pages come out with their tiers folded; a page is used only once it has
    /// been parsed whole. A read that fails for good says where to resume: the page that failed.
    /// </summary>
    public sealed class RetailPricesClient
    {
        private const int MalformedPageAttempts = 3;

        private readonly HttpPipeline _pipeline;

        public RetailPricesClient(Uri baseAddress, int maxRetries = 6)
            : this(baseAddress, new ArmClientOptions(maxRetries))
        {
        }

        internal RetailPricesClient(Uri baseAddress, ArmClientOptions options)
        {
            RetailPricesEndpoint.EnsureAllowed(baseAddress);
            BaseAddress = baseAddress;
            _pipeline = HttpPipelineBuilder.Build(options, Array.Empty<HttpPipelinePolicy>(), new HttpPipelinePolicy[] { new RetailPricesPacer(), new ResponseBufferPolicy() },
                new ResponseClassifier());
        }

        public Uri BaseAddress { get; }

        /// <summary>The pages of <paramref name="query"/>, or of the read <paramref name="resumeFrom"/> names.</summary>
        /// <exception cref="ArmRequestException">A page failed after retries; <see cref="ArmRequestException.ContinuationToken"/> says where to resume.</exception>
        public async IAsyncEnumerable<RetailPricePage> ReadAsync(RetailPriceQuery query, RetailPricesContinuation? resumeFrom,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var parser = new RetailPricePageParser();
            var folder = new RetailPriceFolder();
            var buffer = new ResponseBuffer();
            string operation = $"reading retail prices ({query}) from {BaseAddress.GetLeftPart(UriPartial.Authority)}";
            string link = resumeFrom?.Link ?? query.ToUri(BaseAddress).AbsoluteUri;
            int skip = resumeFrom?.SkipItems ?? 0;
            RetailPricesContinuation? heldRunStart = null;
            while (true)
            {
                RetailPricePage raw;
                try
                {
                    raw = await ReadPageAsync(link, parser, buffer, operation, cancellationToken).ConfigureAwait(false);
                }
                catch (ArmRequestException e)
                {
                    e.ContinuationToken = (folder.IsHolding ? heldRunStart! : new RetailPricesContinuation(link, skip)).ToString();
                    throw;
                }

                IReadOnlyList<RetailPrice> items = skip == 0 ? raw.Prices : raw.Prices.Skip(skip).ToList();
                List<RetailPrice> complete = folder.Fold(items);
                if (raw.NextPageLink is null)
                {
                    complete.AddRange(folder.Finish());
                }
                else
                {
                    heldRunStart = new RetailPricesContinuation(link, skip + StartOfLastRun(items));
                }

                yield return new RetailPricePage(complete, raw.NextPageLink, raw.BillingCurrency);
                if (raw.NextPageLink is null)
                {
                    yield break;
                }

                Uri next = new Uri(raw.NextPageLink, UriKind.Absolute);
                RetailPricesEndpoint.EnsureAllowed(next);
                link = raw.NextPageLink;
                skip = 0;
            }
        }

        /// <summary>Every price of <paramref name="query"/>, in the order the service lists them.</summary>
        public async Task<IReadOnlyList<RetailPrice>> ReadAllAsync(RetailPriceQuery query, CancellationToken cancellationToken)
        {
            var prices = new List<RetailPrice>();
            await foreach (RetailPricePage page in ReadAsync(query, resumeFrom: null, cancellationToken).ConfigureAwait(false))
            {
                prices.AddRange(page.Prices);
            }

            return prices;
        }

        /// <summary>The index of the first item of the page's last run of tiers: the price the folder holds back.</summary>
        private static int StartOfLastRun(IReadOnlyList<RetailPrice> items)
        {
            int start = items.Count - 1;
            while (start > 0 && items[start - 1].Identity.Equals(items[start].Identity))
            {
                start--;
            }

            return Math.Max(start, 0);
        }

        /// <summary>
        /// One page, parsed whole. A body that is not a complete envelope (garbled on the way, or cut off where no
        /// Content-Length told the transport so) is fetched again as a whole, so no item is emitted twice or skipped.
        /// </summary>
        private async Task<RetailPricePage> ReadPageAsync(string link, RetailPricePageParser parser, ResponseBuffer buffer, string operation,
            CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                HttpMessage message = _pipeline.CreateMessage();
                message.Request.Method = RequestMethod.Get;
                message.Request.Uri.Reset(new Uri(link, UriKind.Absolute));
                message.Request.Headers.SetValue("Accept", "application/json");
                ResponseBufferPolicy.Use(message, buffer);
                try
                {
                    await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (TransportFailure.Matches(e, cancellationToken))
                {
                    throw new ArmRequestException(0, ArmRequestException.ConnectionFailedCode,
                        $"no answer from {new Uri(link).GetLeftPart(UriPartial.Authority)} after retries: {TransportFailure.Describe(e)}", message.Request.ClientRequestId, operation);
                }

                using Response response = message.Response;
                if (response.Status >= 300)
                {
                    throw ArmErrorReader.Read(response, operation);
                }

                try
                {
                    return parser.Parse(response.Content.ToMemory().Span);
                }
                catch (RetailPricesFormatException) when (attempt < MalformedPageAttempts)
                {
                    // Requested again; the last attempt's error is the one reported.
                }
                catch (RetailPricesFormatException e)
                {
                    throw new ArmRequestException(response.Status, "MalformedResponse",
                        $"The page was not a complete Retail Prices page {MalformedPageAttempts} times ({e.Message})", response.ClientRequestId, operation);
                }
            }
        }
    }
}
