using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;
using AzBillingInsights.Engine.Pricing;

namespace AzBillingInsights.Commands.Estimating
{
    /// <summary>The what-ifs of Measure-AzEstimatedCost that Retail Prices answers: other regions, other SKUs, commitments.</summary>
    internal sealed class RetailPricesWhatIf
    {
        public string[]? CompareRegion { get; init; }
        public string[]? CompareOffer { get; init; }
        public string[]? CompareSku { get; init; }
        public bool CompareCommitment { get; init; }

        /// <exception cref="ArgumentException">-CompareOffer (Retail Prices has one price list), or a malformed -CompareSku pair.</exception>
        public void Validate()
        {
            if (CompareOffer is not null)
            {
                throw new ArgumentException("-CompareOffer compares offers' rate cards; Retail Prices has one price list for everyone. Use -PriceSource RateCard.", nameof(CompareOffer));
            }

            foreach (string pair in CompareSku ?? Array.Empty<string>())
            {
                _ = SkuPair(pair);
            }
        }

        /// <summary>Other regions (the same meters there), other SKUs and commitments, in that order.</summary>
        public async Task<List<WhatIfScenario>> ScenariosAsync(AsyncPipeline pipeline, RetailPricesClient client, RetailPriceBook book, bool force, CancellationToken cancellationToken)
        {
            var scenarios = new List<WhatIfScenario>();
            if (CompareRegion is not null)
            {
                await book.LoadInLocationsAsync(CompareRegion, force, cancellationToken).ConfigureAwait(false);
                foreach (string region in CompareRegion.Select(r => r.Trim()))
                {
                    if (!book.Prices.Meters.Any(m => string.Equals(m.MeterRegion, region, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new ArgumentException($"-CompareRegion '{region}': Retail Prices has none of these meters in that location. Give the location as Retail Prices and usage rows name it, for example 'EU West' or 'US East 2'.", nameof(CompareRegion));
                    }

                    scenarios.Add(WhatIfScenario.InRegion(region));
                }
            }

            foreach (string pair in CompareSku ?? Array.Empty<string>())
            {
                (string from, string to) = SkuPair(pair);
                PriceList prices = await book.WithSkuAsync(from, to, force, cancellationToken).ConfigureAwait(false);
                scenarios.Add(WhatIfScenario.WithPrices($"SKU: {from} -> {to}", prices));
            }

            if (CompareCommitment)
            {
                scenarios.AddRange(await CommitmentScenarios.BuildAsync(RetailPriceItemCache.Shared, client, book.Prices, force, cancellationToken).ConfigureAwait(false));
                pipeline.WriteWarning($"The savings-plan and reservation comparisons {CommitmentScenarios.Assumption}. A commitment is paid whether used or not; meters without one stay at pay-as-you-go.");
            }

            return scenarios;
        }

        private static (string From, string To) SkuPair(string pair)
        {
            string[] parts = pair.Split('=');
            return parts.Length == 2 && parts[0].Trim().Length > 0 && parts[1].Trim().Length > 0
                ? (parts[0].Trim(), parts[1].Trim())
                : throw new ArgumentException($"-CompareSku '{pair}' is not a SKU mapping: write it as from=to, for example Standard_D4s_v3=Standard_D4s_v5.", nameof(CompareSku));
        }
    }
}
