using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Reads prices from the public Azure Retail Prices API (no sign-in), one object per price with its tiers folded,
    /// written as the pages arrive. Exact values go to the API's $filter (compared case-sensitively there); values with
    /// wildcards are matched here, on what the API returns. Whole answers are kept in the price cache (memory and disk)
    /// per endpoint, currency and query, so asking again, even from a new process, does not download again.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AzRetailPrice")]
    [OutputType(typeof(RetailPriceItem))]
    public sealed class GetAzRetailPriceCommand : AsyncPSCmdlet
    {
        private const int ProgressActivityId = 0x5A63;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RetailServiceNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? ServiceName { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? ServiceFamily { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ArmRegionNameCompleter))]
        [Alias("Region")]
        [ValidateNotNullOrEmpty]
        public string? ArmRegionName { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Location { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? ArmSkuName { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? SkuName { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? ProductName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? MeterId { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? MeterName { get; set; }

        [Parameter]
        public RetailPriceType? PriceType { get; set; }

        [Parameter]
        [ArgumentCompleter(typeof(CurrencyCompleter))]
        [ValidatePattern("^[A-Za-z]{3}$")]
        public string CurrencyCode { get; set; } = "USD";

        /// <summary>Only prices of primary meter regions (meterRegion='primary').</summary>
        [Parameter]
        public SwitchParameter PrimaryRegionOnly { get; set; }

        /// <summary>A raw OData filter, joined to the other parameters' conditions with 'and'.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Filter { get; set; }

        /// <summary>Another base address (emulator, mirror, proxy); else $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT, else the public one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Endpoint { get; set; }

        /// <summary>How often a throttled or failed page is tried again, with backoff, before the read reports it.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = 6;

        /// <summary>Resumes a read that broke off, from the token its error gave.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContinuationToken { get; set; }

        /// <summary>Downloads again even when the price cache holds this query's items fresh, as Get-AzRateCard -Force does.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override async Task ProcessRecordAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            var client = new RetailPricesClient(RetailPricesEndpoint.Resolve(Endpoint), MaxRetries);
            var query = new RetailPriceQuery(CurrencyCode, PrimaryRegionOnly, Filter);
            var local = new List<Func<RetailPrice, bool>>();
            Add(query, local, "serviceName", ServiceName, p => p.ServiceName);
            Add(query, local, "serviceFamily", ServiceFamily, p => p.ServiceFamily);
            Add(query, local, "armRegionName", ArmRegionName, p => p.ArmRegionName);
            Add(query, local, "location", Location, p => p.Location);
            Add(query, local, "armSkuName", ArmSkuName, p => p.ArmSkuName);
            Add(query, local, "skuName", SkuName, p => p.SkuName);
            Add(query, local, "productName", ProductName, p => p.ProductName);
            Add(query, local, "meterId", MeterId, p => p.MeterId);
            Add(query, local, "meterName", MeterName, p => p.MeterName);
            if (PriceType is RetailPriceType type)
            {
                query.Where("priceType", type.ToString());
            }

            RetailPricesContinuation? resume = ContinuationToken is null ? null : RetailPricesContinuation.Parse(ContinuationToken);
            pipeline.WriteVerbose($"Reading retail prices ({query}) from {client.BaseAddress}"
                + (local.Count > 0 ? $"; {local.Count} wildcard filter(s) applied to what the API returns." : "."));

            var progress = new ProgressRecord(ProgressActivityId, "Reading retail prices", query.ToString());
            int pages = 0, read = 0;
            try
            {
                // A resumed read continues a download; it is not kept, as only whole answers are.
                await pipeline.WritePagesAsync(
                    resume is null ? RetailPriceItemCache.Shared.ReadAsync(client, query, Force, cancellationToken) : client.ReadAsync(query, resume, cancellationToken),
                    page => page.Prices.Where(p => local.All(match => match(p))).Select(p => (object)new RetailPriceItem(p)).ToArray(),
                    page =>
                    {
                        pages++;
                        read += page.Prices.Count;
                        progress.StatusDescription = $"{read:N0} prices from {pages} page(s)";
                        pipeline.WriteProgress(progress);
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Engine.Http.ArmRequestException e)
            {
                pipeline.WriteError(ErrorFactory.FromException(e, query.ToString()));
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                pipeline.WriteProgress(progress);
            }
        }

        /// <summary>An exact value becomes a $filter condition; a value with wildcards is matched here, without regard to case.</summary>
        private static void Add(RetailPriceQuery query, List<Func<RetailPrice, bool>> local, string field, string? value, Func<RetailPrice, string> of)
        {
            if (value is null)
            {
                return;
            }

            if (WildcardPattern.ContainsWildcardCharacters(value))
            {
                var pattern = WildcardPattern.Get(value, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                local.Add(p => pattern.IsMatch(of(p)));
            }
            else
            {
                query.Where(field, WildcardPattern.Unescape(value));
            }
        }
    }
}
