using System;
using System.Linq;
using AzBillingInsights.Engine.Forecasting;

namespace AzBillingInsights
{
    /// <summary>Find-AzCostAnomaly's answer: a day that strayed from its weekday-aware baseline.</summary>
    public sealed class CostAnomalyRecord
    {
        internal CostAnomalyRecord(CostAnomaly anomaly)
        {
            Group = anomaly.Group;
            Date = anomaly.Date;
            Actual = anomaly.Actual;
            Expected = anomaly.Expected;
            Impact = anomaly.Impact;
            Score = anomaly.Score;
            Direction = anomaly.Direction.ToString();
            Contributors = anomaly.Contributions.Select(c => new CostAnomalyContributor(c.Group, c.Actual, c.Expected, c.Deviation, c.Share)).ToArray();
        }

        public string Group { get; }
        public DateTime Date { get; }
        public decimal Actual { get; }
        public decimal Expected { get; }
        public decimal Impact { get; }

        /// <summary>Robust z-score: the impact over the local robust standard deviation.</summary>
        public double Score { get; }

        /// <summary>Rise or Drop.</summary>
        public string Direction { get; }

        /// <summary>With -Total: the groups whose own deviation made up the total's, largest first.</summary>
        public CostAnomalyContributor[] Contributors { get; }
    }

    public sealed class CostAnomalyContributor
    {
        internal CostAnomalyContributor(string group, decimal actual, decimal expected, decimal deviation, double share)
        {
            Group = group;
            Actual = actual;
            Expected = expected;
            Deviation = deviation;
            Share = share;
        }

        public string Group { get; }
        public decimal Actual { get; }
        public decimal Expected { get; }
        public decimal Deviation { get; }

        /// <summary>The group's deviation as a fraction of the total's impact.</summary>
        public double Share { get; }
    }
}
