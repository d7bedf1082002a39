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
    /// Streams the pages of a usage query, following nextLink. A consumer that stops early stops the fetching: the
    /// first page is fetched alone, so one that needs no more (Select-Object -First 5) costs one request. From the
    /// second page on, the next page downloads while the current one is parsed, so memory stays that of a few pages
    /// whatever the length of the window. A failure after the first page carries the continuation token to resume from.
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
            string operation = $"reading usage aggregates of subscription {query.SubscriptionId}";
            using var readAhead = new PageReadAhead((uri, into, token) => _arm.GetAsync(uri, operation, token, into), cancellationToken);
            Uri next = _arm.BuildUri(query.ToRelativeUri());
            try
            {
                for (bool isFirstPage = true; ; isFirstPage = false)
                {
                    Task<Response>? fetchedAhead = readAhead.Take(next, ref buffer);
                    if (fetchedAhead is null)
                    {
                        await readAhead.DropAsync(cancel: false).ConfigureAwait(false);
                    }

                    UsagePage page = await ReadPageAsync(new PageRequest(next, operation), parser, buffer, fetchedAhead,
                        isFirstPage ? null : readAhead, cancellationToken).ConfigureAwait(false);
                    yield return page;
                    if (page.NextLink is null)
                    {
                        yield break;
                    }

                    next = page.NextLink;
                }
            }
            finally
            {
                await readAhead.DropAsync(cancel: true).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// One page, from <paramref name="fetchedAhead"/> when it was fetched ahead; once its body is in, the page after
        /// it starts downloading on <paramref name="readAhead"/>. A body that is not valid JSON (cut off after the
        /// headers, garbled on the way) is fetched again as a whole, so no row is emitted twice or skipped.
        /// </summary>
        private async Task<UsagePage> ReadPageAsync(PageRequest request, UsagePageParser parser, ResponseBuffer buffer,
            Task<Response>? fetchedAhead, PageReadAhead? readAhead, CancellationToken cancellationToken)
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    Task<Response> fetching = attempt == 1 && fetchedAhead is not null
                        ? fetchedAhead
                        : _arm.GetAsync(request.Uri, request.Operation, cancellationToken, buffer);
                    using Response response = await fetching.ConfigureAwait(false);
                    ReadOnlyMemory<byte> body = response.Content.ToMemory();
                    if (readAhead is not null && UsagePageParser.GuessNextLink(body.Span) is { } nextLink)
                    {
                        readAhead.Start(nextLink);
                    }

                    try
                    {
                        return parser.Parse(body.Span);
                    }
                    catch (JsonException) when (attempt < MalformedPageAttempts)
                    {
                        // Not lost: the page is requested again, and the last attempt's error is the one reported.
                    }
                    catch (JsonException e)
                    {
                        string requestId = response.Headers.TryGetValue("x-ms-request-id", out string? id) ? id! : response.ClientRequestId;
                        throw new ArmRequestException(response.Status, "MalformedResponse",
                            $"The page was not valid JSON {MalformedPageAttempts} times ({e.Message})", requestId, request.Operation);
                    }
                }
                catch (ArmRequestException e)
                {
                    e.ContinuationToken = request.ResumeFrom;
                    e.CallKind = ArmCallKind.Usage;
                    throw;
                }
            }
        }

        /// <summary>A page to read and what reading it is called in errors.</summary>
        private sealed class PageRequest
        {
            internal PageRequest(Uri uri, string operation)
            {
                Uri = uri;
                Operation = operation;
            }

            internal Uri Uri { get; }
            internal string Operation { get; }

            /// <summary>
            /// The token a failure tells to resume from: the one this page's own link carries (the query's, for the
            /// first page). Read only when a page fails.
            /// </summary>
            internal string? ResumeFrom => UsagePage.ContinuationTokenOf(Uri);
        }
    }
}
