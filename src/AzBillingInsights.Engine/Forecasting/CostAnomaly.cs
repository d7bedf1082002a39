using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Forecasting
{
    public enum AnomalyDirection
    {
        Rise,
        Drop,
    }

    /// <summary>A day on which a group's cost or quantity strayed from its weekday-aware baseline.</summary>
    public sealed class CostAnomaly
    {
        internal CostAnomaly(string group, DateTime date, decimal actual, decimal expected, double score, IReadOnlyList<AnomalyContribution> contributions)
        {
            Group = group;
            Date = date;
            Actual = actual;
            Expected = expected;
            Score = score;
            Contributions = contributions;
        }

        public string Group { get; }
        public DateTime Date { get; }
        public decimal Actual { get; }

        /// <summary>The baseline: the running level plus this weekday's usual effect.</summary>
        public decimal Expected { get; }

        /// <summary><see cref="Actual"/> minus <see cref="Expected"/>: the money (or quantity) the anomaly is worth that day.</summary>
        public decimal Impact => Actual - Expected;

        /// <summary>The robust z-score: impact over the local robust standard deviation of the residuals.</summary>
        public double Score { get; }

        public AnomalyDirection Direction => Actual >= Expected ? AnomalyDirection.Rise : AnomalyDirection.Drop;

        /// <summary>For an anomaly of a total: the groups that moved the same way, largest first; empty otherwise.</summary>
        public IReadOnlyList<AnomalyContribution> Contributions { get; }
    }

    /// <summary>How much one group contributed to an anomaly of the total.</summary>
    public sealed class AnomalyContribution
    {
        internal AnomalyContribution(string group, decimal actual, decimal expected, decimal totalImpact)
        {
            Group = group;
            Actual = actual;
            Expected = expected;
            Share = totalImpact == 0m ? 0d : (double)(Deviation / totalImpact);
        }

        public string Group { get; }
        public decimal Actual { get; }
        public decimal Expected { get; }
        public decimal Deviation => Actual - Expected;

        /// <summary>The group's deviation as a fraction of the total's impact (shares need not add up to exactly 1).</summary>
        public double Share { get; }
    }
}
