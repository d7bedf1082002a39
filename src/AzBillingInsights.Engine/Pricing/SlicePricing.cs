using System;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>Per-slice amounts computed by <see cref="UsageRater.Complete"/>, plus scratch arrays for splitting.</summary>
    internal sealed class SlicePricing
    {
        private decimal[] _weights = new decimal[16];
        private decimal[] _shares = new decimal[16];

        public SlicePricing(int count, bool explain, int[] groupRanks, int[] meterRanks)
        {
            GroupRanks = groupRanks;
            MeterRanks = meterRanks;
            Gross = new decimal[count];
            Discount = new decimal[count];
            Credit = new decimal[count];
            Tiers = explain ? new TierSlice[count][] : null;
            RatedOrder = Array.Empty<TierOrder>();
        }

        /// <summary>Arrival-independent tie-breaks between simultaneous slices.</summary>
        public int[] GroupRanks { get; }
        public int[] MeterRanks { get; }
        public decimal[] Gross { get; }
        public decimal[] Discount { get; }
        public decimal[] Credit { get; }
        public TierSlice[][]? Tiers { get; }
        public TierOrder[] RatedOrder { get; set; }
        public int RatedCount { get; set; }

        public decimal[] Weights(int n) => n <= _weights.Length ? _weights : _weights = new decimal[Math.Max(n, _weights.Length * 2)];

        public decimal[] Shares(int n) => n <= _shares.Length ? _shares : _shares = new decimal[Math.Max(n, _shares.Length * 2)];
    }
}
