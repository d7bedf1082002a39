using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Prices one pass of usage against the current card and against alternatives at once, then sets each
    /// group's alternative cost beside its current cost. Usage the alternative cannot price (a meter not
    /// offered in that region or on that offer) is unrated there, never zero.
    /// </summary>
    public sealed class WhatIfComparer
    {
        private readonly UsageRater _current;
        private readonly List<(WhatIfScenario Scenario, UsageRater Rater)> _alternatives = new List<(WhatIfScenario, UsageRater)>();

        public WhatIfComparer(PriceList card, CostEstimateOptions? options, IEnumerable<WhatIfScenario> scenarios)
        {
            if (card is null)
            {
                throw new ArgumentNullException(nameof(card));
            }

            _current = new UsageRater(card, options);
            RegionEquivalentMeters? equivalents = null;
            foreach (WhatIfScenario scenario in scenarios ?? throw new ArgumentNullException(nameof(scenarios)))
            {
                if (scenario.RateCard is not null)
                {
                    _alternatives.Add((scenario, new UsageRater(scenario.RateCard, options)));
                    continue;
                }

                equivalents ??= new RegionEquivalentMeters(card);
                RegionEquivalentMeters map = equivalents;
                string region = scenario.Region!;
                _alternatives.Add((scenario, new UsageRater(card, options, meterId =>
                {
                    Meter? meter = card.FindMeter(meterId);
                    return meter is null ? null : map.Find(meter, region);
                })));
            }
        }

        public void Add(UsageRecord row)
        {
            _current.Add(row);
            foreach ((WhatIfScenario _, UsageRater rater) in _alternatives)
            {
                rater.Add(row);
            }
        }

        public WhatIfResult Complete()
        {
            CostEstimate current = _current.Complete();
            var alternatives = new List<(WhatIfScenario, CostEstimate)>();
            var comparisons = new List<CostComparison>();
            foreach ((WhatIfScenario scenario, UsageRater rater) in _alternatives)
            {
                CostEstimate alternative = rater.Complete();
                alternatives.Add((scenario, alternative));
                Compare(scenario, current, alternative, comparisons);
            }

            return new WhatIfResult(current, alternatives, comparisons);
        }

        /// <summary>Joins the two estimates' groups on their key values and time bucket, rated and unrated parts together.</summary>
        private static void Compare(WhatIfScenario scenario, CostEstimate current, CostEstimate alternative, List<CostComparison> into)
        {
            var sides = new Dictionary<string, Sides>(StringComparer.OrdinalIgnoreCase);
            var order = new List<string>();
            void Collect(CostEstimate estimate, bool isCurrent)
            {
                foreach (CostGroup group in estimate.Groups)
                {
                    string key = string.Join("\u001F", group.Keys) + "\u001F" + group.BucketStart?.UtcTicks;
                    if (!sides.TryGetValue(key, out Sides? pair))
                    {
                        pair = new Sides(group);
                        sides.Add(key, pair);
                        order.Add(key);
                    }

                    (isCurrent ? pair.Current : pair.Alternative).Add(group);
                }
            }

            Collect(current, true);
            Collect(alternative, false);
            bool sameCurrency = string.Equals(current.Currency, alternative.Currency, StringComparison.OrdinalIgnoreCase);
            foreach (string key in order)
            {
                Sides pair = sides[key];
                decimal? currentCost = pair.Current.Cost;
                decimal? alternativeCost = pair.Alternative.Cost;
                decimal? difference = sameCurrency && currentCost.HasValue && alternativeCost.HasValue ? alternativeCost - currentCost : null;
                into.Add(new CostComparison(scenario, pair.Keys, pair.BucketStart, currentCost, current.Currency, alternativeCost, alternative.Currency,
                    difference, !pair.Alternative.HasUnrated, pair.Alternative.UnratedQuantity));
            }
        }

        private sealed class Sides
        {
            public Sides(CostGroup first)
            {
                Keys = first.Keys;
                BucketStart = first.BucketStart;
            }

            public IReadOnlyList<string> Keys { get; }
            public DateTimeOffset? BucketStart { get; }
            public Side Current { get; } = new Side();
            public Side Alternative { get; } = new Side();
        }

        private sealed class Side
        {
            private decimal _cost;
            private bool _any;

            public bool HasUnrated { get; private set; }
            public decimal UnratedQuantity { get; private set; }

            /// <summary>Null when part of the group could not be priced (or the group has no usage on this side).</summary>
            public decimal? Cost => _any && !HasUnrated ? _cost : (decimal?)null;

            public void Add(CostGroup group)
            {
                _any = true;
                if (group.Unrated)
                {
                    HasUnrated = true;
                    UnratedQuantity += group.Quantity;
                }
                else
                {
                    _cost += group.Cost!.Value;
                }
            }
        }
    }

    /// <summary>The current estimate, each alternative's estimate, and the per-group comparisons.</summary>
    public sealed class WhatIfResult
    {
        internal WhatIfResult(CostEstimate current, IReadOnlyList<(WhatIfScenario Scenario, CostEstimate Estimate)> alternatives, IReadOnlyList<CostComparison> comparisons)
        {
            Current = current;
            Alternatives = alternatives;
            Comparisons = comparisons;
        }

        public CostEstimate Current { get; }
        /// <summary>Each alternative's full estimate; its UnratedMeters are the meters unavailable there.</summary>
        public IReadOnlyList<(WhatIfScenario Scenario, CostEstimate Estimate)> Alternatives { get; }
        /// <summary>One per group and alternative, in the current estimate's group order.</summary>
        public IReadOnlyList<CostComparison> Comparisons { get; }
    }

    /// <summary>One group's cost now and under an alternative.</summary>
    public sealed class CostComparison
    {
        internal CostComparison(WhatIfScenario scenario, IReadOnlyList<string> keys, DateTimeOffset? bucketStart, decimal? cost, string currency,
            decimal? alternativeCost, string alternativeCurrency, decimal? difference, bool isAvailable, decimal unavailableQuantity)
        {
            Scenario = scenario;
            Keys = keys;
            BucketStart = bucketStart;
            Cost = cost;
            Currency = currency;
            AlternativeCost = alternativeCost;
            AlternativeCurrency = alternativeCurrency;
            Difference = difference;
            IsAvailable = isAvailable;
            UnavailableQuantity = unavailableQuantity;
        }

        public WhatIfScenario Scenario { get; }
        public string Alternative => Scenario.Name;
        public IReadOnlyList<string> Keys { get; }
        public DateTimeOffset? BucketStart { get; }
        /// <summary>The current cost; null when part of the group is unrated on the current card.</summary>
        public decimal? Cost { get; }
        public string Currency { get; }
        /// <summary>The alternative's cost; null when part of the group's usage is unavailable there.</summary>
        public decimal? AlternativeCost { get; }
        public string AlternativeCurrency { get; }
        /// <summary>AlternativeCost - Cost; null when either is unknown or the currencies differ.</summary>
        public decimal? Difference { get; }
        /// <summary>False when some of the group's usage has no meter in the alternative (not offered in that region or on that offer).</summary>
        public bool IsAvailable { get; }
        /// <summary>Quantity the alternative cannot price.</summary>
        public decimal UnavailableQuantity { get; }
    }
}
