using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.RateCards;

namespace AzBillingInsights
{
    /// <summary>The rate card of a key from the process's shared store, downloaded through the connection when the store has none fresh.</summary>
    internal static class RateCardSource
    {
        /// <param name="subscriptionId">The subscription the RateCard API is called through; the connection's default when null.</param>
        public static Task<RateCard> GetAsync(RateCardKey key, string? subscriptionId, bool force, CancellationToken cancellationToken) =>
            RateCardStore.Shared.GetAsync(
                key,
                (k, ct) =>
                {
                    BillingConnection connection = BillingSession.Require();
                    return new RateCardDownloader(connection.Arm).OpenAsync(connection.ResolveSubscription(subscriptionId), k, ct);
                },
                force,
                cancellationToken);
    }
}
