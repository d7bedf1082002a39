using System;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// The metric and billing currency of the cost rows seen so far: the first row sets them, and a row that differs
    /// (or names neither) is refused, because actual and amortized cost, or two currencies, do not add up.
    /// </summary>
    public sealed class CostRowKind
    {
        public CostMetric? Metric { get; private set; }
        public string? Currency { get; private set; }

        /// <exception cref="CostRowMixException">The row's metric or currency differs from the rows before it, or it names neither.</exception>
        public void Check(CostRow row)
        {
            if (row.Metric is not CostMetric metric)
            {
                throw new CostRowMixException("A cost row does not say whether it is actual or amortized cost; read it through Get-AzCostDetail (or the reader) with its metric.", CostRowConflict.Metric);
            }

            if (string.IsNullOrWhiteSpace(row.Currency))
            {
                throw new CostRowMixException($"The cost row of {row.Date:yyyy-MM-dd} on meter '{row.MeterId}' has no billing currency, so its cost cannot be added to others.", CostRowConflict.Currency);
            }

            if (Metric is null)
            {
                Metric = metric;
                Currency = row.Currency;
                return;
            }

            if (Metric != metric)
            {
                throw new CostRowMixException($"The rows mix {Metric} and {metric}: the two count reservation purchases differently, so their sum means nothing.", CostRowConflict.Metric);
            }

            if (!string.Equals(Currency, row.Currency, StringComparison.OrdinalIgnoreCase))
            {
                throw new CostRowMixException($"The rows mix billing currencies {Currency} and {row.Currency}.", CostRowConflict.Currency);
            }
        }
    }
}
