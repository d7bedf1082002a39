using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RetailPrices;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Commands.Estimating
{
    /// <summary>
    /// Measure-AzEstimatedCost -PriceSource RetailPrices. Retail Prices are read per meter and per SKU, so the rows
    /// are kept until the input ends and then priced with what they need. No sign-in is needed unless usage is read
    /// with -SubscriptionId.
    /// </summary>
    internal sealed class RetailPricesEstimate
    {
        private readonly List<RetailRow> _rows = new List<RetailRow>();
        private readonly RetailPricesWhatIf _whatIf;
        private readonly string _currency;
        private readonly bool _force;

        /// <exception cref="ArgumentException">A what-if Retail Prices cannot answer, or a malformed -CompareSku pair.</exception>
        public RetailPricesEstimate(string currency, bool force, RetailPricesWhatIf whatIf)
        {
            _currency = currency;
            _force = force;
            _whatIf = whatIf;
            whatIf.Validate();
        }

        /// <summary>Keeps a usage row (from Get-AzUsageAggregate or -SubscriptionId) for pricing at the end.</summary>
        public void Add(UsageRecord usage) => _rows.Add(new RetailRow(null, null, usage));

        /// <summary>Keeps a planned-usage row, with the input it came from for its errors.</summary>
        public void AddPlanned(PSObject input, ExpectedUsage planned) => _rows.Add(new RetailRow(input, planned, null));

        /// <summary>Reads the prices the rows need, then prices them; rows that name no meter, or several, are reported.</summary>
        public async Task<EstimateRun> PriceAsync(AsyncPipeline pipeline, CostEstimateOptions options, DateTimeOffset plannedStart, CancellationToken cancellationToken)
        {
            var client = new RetailPricesClient(RetailPricesEndpoint.Resolve());
            var book = new RetailPriceBook(PriceStore.Shared, client, _currency, RetailPriceItemCache.Shared);
            IEnumerable<string> meterIds = _rows.Select(r => r.Usage?.MeterId ?? r.Planned?.MeterId).Where(id => !string.IsNullOrWhiteSpace(id))!;
            await book.LoadAsync(meterIds!, _rows.Where(r => r.Planned is not null).Select(r => r.Planned!), _force, cancellationToken).ConfigureAwait(false);
            pipeline.WriteVerbose($"Pricing with Retail Prices in {_currency} from {book.Prices.Origin} ({book.Prices.Meters.Count:N0} pay-as-you-go prices).");
            pipeline.WriteWarning("Retail Prices states no included (free) quantities, so none were applied; offer terms (credits, commitment discounts) do not apply either.");

            // The scenarios first: -CompareRegion reads the other locations' prices into the book.
            List<WhatIfScenario> scenarios = await _whatIf.ScenariosAsync(pipeline, client, book, _force, cancellationToken).ConfigureAwait(false);
            var run = new EstimateRun(book.Prices, options, scenarios);
            foreach (RetailRow row in _rows)
            {
                if (row.Usage is not null)
                {
                    run.Add(row.Usage);
                    continue;
                }

                MeterResolution resolution = book.Resolve(row.Planned!);
                if (resolution.IsResolved)
                {
                    run.Add(resolution.ToUsageRecord(plannedStart));
                    continue;
                }

                pipeline.WriteError(PlannedRowErrors.Unresolved(resolution, row.Input));
            }

            return run;
        }

        /// <summary>A row kept for Retail Prices: a usage row, or a planned row with the input it came from (for errors).</summary>
        private sealed class RetailRow
        {
            internal RetailRow(PSObject? input, ExpectedUsage? planned, UsageRecord? usage)
            {
                Input = input;
                Planned = planned;
                Usage = usage;
            }

            internal PSObject? Input { get; }
            internal ExpectedUsage? Planned { get; }
            internal UsageRecord? Usage { get; }
        }
    }
}
