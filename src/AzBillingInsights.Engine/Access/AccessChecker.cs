using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Invoices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Prices.RetailPrices;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Access
{
    /// <summary>
    /// A first-run check: one cheap call per billing API (a day of merged usage, the first page only; the rate card's
    /// redirect, not the card; one invoice; one billing period), each answered with what this identity can read and,
    /// where it cannot, why and what would grant it; then the Retail Prices API, which needs no sign-in, with a query
    /// that matches nothing (an empty page says the endpoint answers as Retail Prices does). A new API gets its line
    /// in <see cref="Probes"/>.
    /// </summary>
    public sealed class AccessChecker
    {
        private static readonly RateCardKey PayAsYouGoCard = new RateCardKey("MS-AZR-0003P", "USD", "en-US", "US");

        /// <summary>A meter id no price has: the answer is one small empty page.</summary>
        private static readonly RetailPriceQuery NothingQuery = new RetailPriceQuery("USD").Where("meterId", "00000000-0000-0000-0000-000000000000");

        private readonly ArmClient _arm;
        private readonly Func<DateTimeOffset> _clock;
        private readonly RetailPricesClient _retailPrices;

        public AccessChecker(ArmClient arm, Func<DateTimeOffset> clock, RetailPricesClient retailPrices)
        {
            _arm = arm;
            _clock = clock;
            _retailPrices = retailPrices ?? throw new ArgumentNullException(nameof(retailPrices));
        }

        /// <summary>Checks each API in turn; the first answer arrives before the last call is made.</summary>
        public async IAsyncEnumerable<AccessCheck> CheckAsync(string subscriptionId, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach ((BillingApi api, Func<string, CancellationToken, Task> probe) in Probes())
            {
                AccessCheck check;
                try
                {
                    await probe(subscriptionId, cancellationToken).ConfigureAwait(false);
                    check = new AccessCheck(api, AccessStatus.Readable, null, null, null, null);
                }
                catch (ArmRequestException e)
                {
                    check = api == BillingApi.RetailPrices ? AccessAdvice.FromRetailPrices(_retailPrices.BaseAddress, e) : AccessAdvice.From(api, subscriptionId, e);
                }

                yield return check;
            }
        }

        private IEnumerable<(BillingApi, Func<string, CancellationToken, Task>)> Probes()
        {
            yield return (BillingApi.Usage, ReadUsageAsync);
            yield return (BillingApi.RateCard, ReadRateCardRedirectAsync);
            yield return (BillingApi.Invoices, (subscription, ct) => FirstAsync(new InvoiceClient(_arm).ListAsync(subscription, new BillingListQuery { First = 1 }, ct)));
            yield return (BillingApi.BillingPeriods, (subscription, ct) => FirstAsync(new InvoiceClient(_arm).ListBillingPeriodsAsync(subscription, new BillingListQuery { First = 1 }, ct)));
            yield return (BillingApi.RetailPrices, (_, ct) => FirstAsync(_retailPrices.ReadAsync(NothingQuery, resumeFrom: null, ct)));
        }

        /// <summary>Yesterday's daily usage, merged per meter, first page only.</summary>
        private async Task ReadUsageAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            DateTimeOffset today = new DateTimeOffset(_clock().UtcDateTime.Date, TimeSpan.Zero);
            var query = new UsageQuery(subscriptionId, today.AddDays(-1), today) { ShowDetails = false };
            await FirstAsync(new UsageReader(_arm).ReadPagesAsync(query, cancellationToken)).ConfigureAwait(false);
        }

        /// <summary>RateCard answers a permitted call with a redirect to the card: the redirect alone says it is readable.</summary>
        private async Task ReadRateCardRedirectAsync(string subscriptionId, CancellationToken cancellationToken)
        {
            Uri request = _arm.BuildUri(RateCardDownloader.BuildRelativeUri(subscriptionId, PayAsYouGoCard));
            using Azure.Response answer = await _arm.GetWithoutRedirectAsync(request, $"checking rate card access with subscription {subscriptionId}", cancellationToken)
                .ConfigureAwait(false);
        }

        private static async Task FirstAsync<T>(IAsyncEnumerable<T> items)
        {
            await using IAsyncEnumerator<T> enumerator = items.GetAsyncEnumerator();
            await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
    }
}
