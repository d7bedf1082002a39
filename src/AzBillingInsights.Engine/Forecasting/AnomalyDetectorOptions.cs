using System;

namespace AzBillingInsights.Engine.Forecasting
{
    public sealed class AnomalyDetectorOptions
    {
        /// <summary>The robust z-score from which a day is anomalous (default 4: about one false alarm in
        /// 15,000 days of normally distributed noise).</summary>
        public double Threshold { get; set; } = 4d;

        /// <summary>The smallest absolute impact (actual minus expected) worth reporting.</summary>
        public decimal MinimumImpact { get; set; }

        /// <summary>The smallest change relative to the expected value worth reporting (default 0.10, ten per cent):
        /// a very steady series makes a 5 % wobble score high, but nobody acts on it.</summary>
        public double MinimumRelativeImpact { get; set; } = 0.10;

        public bool IncludeRises { get; set; } = true;
        public bool IncludeDrops { get; set; } = true;

        /// <summary>Report only days from this one (the whole series still forms the baseline).</summary>
        public DateTime? From { get; set; }

        /// <summary>Report only days up to this one.</summary>
        public DateTime? To { get; set; }

        /// <summary>At most this many groups are named as contributors to an anomaly of the total.</summary>
        public int MaxContributors { get; set; } = 5;

        /// <summary>Groups whose deviation is under this share of the total's impact are not named.</summary>
        public double MinimumContributionShare { get; set; } = 0.05;
    }
}
