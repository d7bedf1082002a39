using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
        private readonly ArmClient _arm;

        public UsageReader(ArmClient arm) => _arm = arm;

        public async IAsyncEnumerable<UsagePage> ReadPagesAsync(UsageQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var parser = new UsagePageParser();
            Uri next = _arm.BuildUri(query.ToRelativeUri());
            string? resumeFrom = query.ContinuationToken;
            string operation = $"reading usage aggregates of subscription {query.SubscriptionId}";
            while (true)
            {
                UsagePage page = await ReadPageAsync(parser, next, operation, resumeFrom, cancellationToken).ConfigureAwait(false);
                yield return page;
                if (page.NextLink is null)
                {
                    yield break;
                }

                next = page.NextLink;
                resumeFrom = page.NextContinuationToken;
            }
        }

        private async Task<UsagePage> ReadPageAsync(UsagePageParser parser, Uri uri, string operation, string? resumeFrom, CancellationToken cancellationToken)
        {
            try
            {
                using Response response = await _arm.GetAsync(uri, operation, cancellationToken).ConfigureAwait(false);
                return parser.Parse(response.Content.ToMemory().Span);
            }
            catch (ArmRequestException e)
            {
                e.ContinuationToken = resumeFrom;
                throw;
            }
        }
    }
}
