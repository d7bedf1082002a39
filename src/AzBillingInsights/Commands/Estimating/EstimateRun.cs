using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Commands.Estimating
{
    /// <summary>
    /// One pricing of usage rows by Measure-AzEstimatedCost, whatever the prices came from: a rater, or a what-if
    /// comparer when there are scenarios to price the same rows under.
    /// </summary>
    internal sealed class EstimateRun
    {
        private readonly Func<CostEstimate> _complete;
        private readonly Func<IReadOnlyList<Engine.Pricing.CostComparison>>? _comparisons;

        public EstimateRun(PriceList prices, CostEstimateOptions options, IReadOnlyList<WhatIfScenario> scenarios)
        {
            if (scenarios.Count == 0)
            {
                var rater = new UsageRater(prices, options);
                Add = rater.Add;
                _complete = rater.Complete;
                return;
            }

            var comparer = new WhatIfComparer(prices, options, scenarios);
            Add = comparer.Add;
            WhatIfResult? result = null;
            _complete = () => (result ??= comparer.Complete()).Current;
            _comparisons = () => (result ??= comparer.Complete()).Comparisons;
        }

        public Action<UsageRecord> Add { get; }

        /// <summary>The estimate at the prices asked for.</summary>
        public CostEstimate Complete() => _complete();

        /// <summary>The comparisons with each scenario; null when there were none to compare with.</summary>
        public IReadOnlyList<Engine.Pricing.CostComparison>? Comparisons() => _comparisons?.Invoke();
    }
}
