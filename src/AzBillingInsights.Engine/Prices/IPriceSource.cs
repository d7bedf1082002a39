using System;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>
    /// Somewhere prices come from (the RateCard API; the Retail Prices API next), read into the one model the rating
    /// engine uses. The <see cref="PriceStore"/> caches what a source loads, keyed by the source's name, its
    /// <see cref="Origin"/> and the key.
    /// </summary>
    /// <typeparam name="TKey">The source's own key: what it needs to know which prices to read.</typeparam>
    public interface IPriceSource<in TKey>
        where TKey : PriceKey
    {
        /// <summary>The endpoint this source reads from.</summary>
        PriceOrigin Origin { get; }

        /// <summary>
        /// Reads the prices of <paramref name="key"/>. <paramref name="onMeterRead"/>, when given, gets each meter as it
        /// is read, in the order of <see cref="PriceList.Meters"/>, before the call returns; a read that breaks off
        /// throws after passing the meters it read.
        /// </summary>
        Task<PriceList> LoadAsync(TKey key, DateTimeOffset retrievedAt, Action<Meter>? onMeterRead, CancellationToken cancellationToken);
    }
}
