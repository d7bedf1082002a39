using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Http;

namespace AzBillingInsights.Engine.Prices.RateCardApi
{
    /// <summary>
    /// The RateCard API as a price source: the body of a card (opened by <see cref="RateCardDownloader"/> through an
    /// ARM endpoint) read meter by meter as it arrives.
    /// </summary>
    public sealed class RateCardApiSource : IPriceSource<RateCardKey>
    {
        private readonly Func<RateCardKey, CancellationToken, Task<Stream>> _open;

        /// <param name="origin">The endpoint <paramref name="open"/> reads from.</param>
        /// <param name="open">Opens the raw body of a card; the source disposes it.</param>
        public RateCardApiSource(PriceOrigin origin, Func<RateCardKey, CancellationToken, Task<Stream>> open)
        {
            Origin = origin ?? throw new ArgumentNullException(nameof(origin));
            _open = open ?? throw new ArgumentNullException(nameof(open));
        }

        public PriceOrigin Origin { get; }

        /// <summary>The RateCard API of <paramref name="arm"/>'s endpoint, called through <paramref name="subscriptionId"/>.</summary>
        public static RateCardApiSource Through(ArmClient arm, string subscriptionId)
        {
            if (arm is null)
            {
                throw new ArgumentNullException(nameof(arm));
            }

            var downloader = new RateCardDownloader(arm);
            return new RateCardApiSource(PriceOrigin.From(arm.Endpoint), (key, ct) => downloader.OpenAsync(subscriptionId, key, ct));
        }

        public async Task<PriceList> LoadAsync(RateCardKey key, DateTimeOffset retrievedAt, Action<Meter>? onMeterRead, CancellationToken cancellationToken)
        {
            using Stream body = await _open(key, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The rate card download for {key} returned no body.");
            return RateCardReader.Read(body, key, Origin, retrievedAt, onMeterRead);
        }
    }
}
