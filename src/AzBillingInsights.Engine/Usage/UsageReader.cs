using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using AzBillingInsights.Engine.Http;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>
    /// Streams the pages of a usage query, following nextLink. Pages are read one at a time, so memory stays that
    /// of one page whatever the length of the window, and a consumer that stops early stops the fetching.
    /// A failure after the first page carries the continuation token to resume from.
    /// </summary>
    public sealed class UsageReader
    {
        private const int MalformedPageAttempts = 3;

        private readonly ArmClient _arm;

        public UsageReader(ArmClient arm) => _arm = arm;

        public async IAsyncEnumerable<UsagePage> ReadPagesAsync(UsageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var parser = new UsagePageParser();
            var buffer = new ResponseBuffer();
            Uri next = _arm.BuildUri(query.ToRelativeUri());
            string? resumeFrom = query.ContinuationToken;
            string operation = $"reading usage aggregates of subscription {query.SubscriptionId}";
            while (true)
            {
                UsagePage page = await ReadPageAsync(parser, buffer, next, operation, resumeFrom, cancellationToken).ConfigureAwait(false);
                yield return page;
                if (page.NextLink is null)
                {
                    yield break;
                }

                next = page.NextLink;
                resumeFrom = page.NextContinuationToken;
            }
        }

        /// <summary>
        /// One page; a body that is not valid JSON (cut off after the headers, garbled on the way) is fetched again
        /// as a whole, so no row is emitted twice or skipped.
        /// </summary>
        private async Task<UsagePage> ReadPageAsync(UsagePageParser parser, ResponseBuffer buffer, Uri uri, string operation, string? resumeFrom, CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    using Response response = await _arm.GetAsync(uri, operation, cancellationToken, buffer).ConfigureAwait(false);
                    try
                    {
                        return parser.Parse(response.Content.ToMemory().Span);
                    }
                    catch (JsonException) when (attempt < MalformedPageAttempts)
                    {
                        // Not lost: the page is requested again, and the last attempt's error is the one reported.
                    }
                    catch (JsonException e)
                    {
                        string requestId = response.Headers.TryGetValue("x-ms-request-id", out string? id) ? id! : response.ClientRequestId;
                        throw new ArmRequestException(response.Status, "MalformedResponse",
                            $"The page was not valid JSON {MalformedPageAttempts} times ({e.Message})", requestId, operation);
                    }
                }
                catch (ArmRequestException e)
                {
                    e.ContinuationToken = resumeFrom;
                    throw;
                }
            }
        }
    }
}
