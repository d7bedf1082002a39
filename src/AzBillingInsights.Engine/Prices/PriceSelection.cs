using System;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>
    /// The one answer to "which prices?": from a connection and what a command was given, the subscription the
    /// prices are read through, the key (offer, currency, locale and region, with the defaults of a Pay-As-You-Go
    /// subscription in the US for what was not given), the source and its origin (the connection's ARM endpoint).
    /// Every command that reads prices asks here, so they all choose alike and cache alike.
    /// </summary>
    public sealed class PriceSelection
    {
        public const string DefaultOfferDurableId = "MS-AZR-0003P";
        public const string DefaultCurrency = "USD";
        public const string DefaultLocale = "en-US";
        public const string DefaultRegionInfo = "US";

        private readonly IPriceSource<RateCardKey> _source;

        private PriceSelection(RateCardKey key, IPriceSource<RateCardKey> source, string subscriptionId)
        {
            Key = key;
            _source = source;
            SubscriptionId = subscriptionId;
        }

        public RateCardKey Key { get; }

        /// <summary>The subscription the prices are read through.</summary>
        public string SubscriptionId { get; }

        /// <summary>Where the prices come from; the caches keep prices of different origins apart.</summary>
        public PriceOrigin Origin => _source.Origin;

        /// <summary>The prices a command means; null values take the defaults.</summary>
        /// <param name="subscriptionId">The connection's default subscription when null.</param>
        /// <exception cref="ArgumentException">A value cannot be valid (checked before any call), or no subscription is known.</exception>
        public static PriceSelection Resolve(
            BillingConnection connection, string? subscriptionId, string? offerDurableId, string? currency, string? locale, string? regionInfo)
        {
            if (connection is null)
            {
                throw new ArgumentNullException(nameof(connection));
            }

            var key = new RateCardKey(
                offerDurableId ?? DefaultOfferDurableId, currency ?? DefaultCurrency, locale ?? DefaultLocale, regionInfo ?? DefaultRegionInfo);
            RateCardDownloader.Validate(key);
            string subscription = connection.ResolveSubscription(subscriptionId);
            return new PriceSelection(key, RateCardApiSource.Through(connection.Arm, subscription), subscription);
        }

        /// <summary>The same choice for another offer (to compare with, say).</summary>
        public PriceSelection ForOffer(string offerDurableId)
        {
            var key = new RateCardKey(offerDurableId, Key.Currency, Key.Locale, Key.RegionInfo);
            RateCardDownloader.Validate(key);
            return new PriceSelection(key, _source, SubscriptionId);
        }

        /// <summary>The prices if <paramref name="store"/> holds them fresh in memory; never reads.</summary>
        public bool TryGetCached(PriceStore store, out PriceList? prices) =>
            (store ?? throw new ArgumentNullException(nameof(store))).TryGetFresh(Origin, Key, out prices);

        /// <summary>The prices, from <paramref name="store"/>'s caches or read from the source; see <see cref="PriceStore.GetAsync"/>.</summary>
        public Task<PriceList> GetAsync(PriceStore store, bool forceRefresh, CancellationToken cancellationToken, Action<Meter>? onMeterRead = null) =>
            (store ?? throw new ArgumentNullException(nameof(store))).GetAsync(_source, Key, forceRefresh, cancellationToken, onMeterRead);

        public override string ToString() => $"{Key} from {Origin}";
    }
}
