using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Commands
{
    [Cmdlet(VerbsCommon.Get, "AzRateCard", DefaultParameterSetName = MetersSet)]
    [OutputType(typeof(RateCardMeter), ParameterSetName = new[] { MetersSet })]
    [OutputType(typeof(RateCardOfferTerm), ParameterSetName = new[] { OfferTermsSet })]
    public sealed class GetAzRateCardCommand : RateCardSelectionCmdlet
    {
        private const string MetersSet = "Meters";
        private const string OfferTermsSet = "OfferTerms";
        private const int ProgressActivityId = 0x5A62;
        private const int BatchSize = 1024;

        [Parameter(ParameterSetName = MetersSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? MeterCategory { get; set; }

        [Parameter(ParameterSetName = MetersSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? MeterSubCategory { get; set; }

        [Parameter(ParameterSetName = MetersSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? MeterRegion { get; set; }

        [Parameter(ParameterSetName = MetersSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? MeterName { get; set; }

        [Parameter(ParameterSetName = MetersSet)]
        [ValidateNotNullOrEmpty]
        public string[]? MeterId { get; set; }

        /// <summary>Emits the offer's terms (credit, commitment discount, recurring charge) instead of meters.</summary>
        [Parameter(Mandatory = true, ParameterSetName = OfferTermsSet)]
        public SwitchParameter OfferTerms { get; set; }

        /// <summary>Downloads again even when a cached card is fresh.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The subscription the RateCard API is called through, per pipeline input (piped objects' SubscriptionId or Id).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        protected override async Task ProcessRecordAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            if (SubscriptionIdArgument.ResolveForThisInput(SubscriptionId, pipeline.WriteError) is (var connection, var subscriptionId))
            {
                await WriteCardAsync(pipeline, SelectPrices(connection, subscriptionId), subscriptionId, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task WriteCardAsync(AsyncPipeline pipeline, PriceSelection prices, string subscriptionId, CancellationToken cancellationToken)
        {
            RateCardKey key = prices.Key;

            if (OfferTerms)
            {
                PriceList offer;
                try
                {
                    offer = await GetCardAsync(pipeline, prices, onMeterRead: null, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is ArmRequestException || e is DownloadLinkException)
                {
                    pipeline.WriteError(ErrorFactory.FromException(e, subscriptionId));
                    return;
                }

                pipeline.WriteEach(offer.OfferTerms.Select(term => new RateCardOfferTerm(term, offer)).ToArray());
                return;
            }

            // Meters are written while the card downloads: the download streams each meter it reads to this call
            // when this call started it, and the rest (all of them, for a cached card) are written from the card.
            var filter = new MeterFilter(MeterCategory, MeterSubCategory, MeterRegion, MeterName, MeterId);
            var batch = new List<RateCardMeter>(BatchSize);
            int streamed = 0;
            void Add(Meter meter)
            {
                if (filter.Matches(meter))
                {
                    batch.Add(new RateCardMeter(meter, key));
                    if (batch.Count == BatchSize)
                    {
                        // One queued write per batch: the hand-off to the pipeline thread is the costly part.
                        pipeline.WriteEach(batch.ToArray());
                        batch.Clear();
                    }
                }
            }

            PriceList card;
            try
            {
                card = await GetCardAsync(pipeline, prices, meter => { streamed++; Add(meter); }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    // A download that broke off: what was read is written, then the error, as Get-AzUsageAggregate does with pages.
                    pipeline.WriteEach(batch.ToArray());
                }

                if (e is ArmRequestException || e is DownloadLinkException)
                {
                    pipeline.WriteError(ErrorFactory.FromException(e, subscriptionId));
                    return;
                }

                throw;
            }

            IReadOnlyList<Meter> meters = card.Meters;
            for (int i = streamed; i < meters.Count; i++)
            {
                Add(meters[i]);
            }

            pipeline.WriteEach(batch.ToArray());
        }

        private async Task<PriceList> GetCardAsync(AsyncPipeline pipeline, PriceSelection prices, Action<Meter>? onMeterRead, CancellationToken cancellationToken)
        {
            PriceStore store = PriceStore.Shared;
            RateCardKey key = prices.Key;
            if (!Force && prices.TryGetCached(store, out PriceList? cached))
            {
                pipeline.WriteVerbose($"Rate card {key} from {prices.Origin} served from memory (retrieved {cached!.RetrievedAt:u}).");
                return cached;
            }

            pipeline.WriteVerbose($"Loading rate card {key} from {prices.Origin} {(Force ? "through the RateCard API" : "from the disk cache or through the RateCard API")}.");
            var progress = new ProgressRecord(ProgressActivityId, $"Loading rate card {key}", "Downloading and reading the meters");
            pipeline.WriteProgress(progress);
            var clock = Stopwatch.StartNew();
            try
            {
                PriceList card = await prices.GetAsync(store, Force, cancellationToken, onMeterRead).ConfigureAwait(false);
                pipeline.WriteVerbose($"Rate card {key}: {card.Meters.Count:N0} meters, {card.OfferTerms.Count} offer terms, loaded in {clock.Elapsed.TotalSeconds:N2} s (retrieved {card.RetrievedAt:u}).");
                return card;
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                pipeline.WriteProgress(progress);
            }
        }

        /// <summary>The -Meter* filters: a meter passes when every given filter has a pattern that matches it.</summary>
        private sealed class MeterFilter
        {
            private readonly WildcardPattern[]? _category;
            private readonly WildcardPattern[]? _subCategory;
            private readonly WildcardPattern[]? _region;
            private readonly WildcardPattern[]? _name;
            private readonly HashSet<string>? _ids;

            public MeterFilter(string[]? category, string[]? subCategory, string[]? region, string[]? name, string[]? ids)
            {
                _category = Patterns(category);
                _subCategory = Patterns(subCategory);
                _region = Patterns(region);
                _name = Patterns(name);
                _ids = ids is null ? null : new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
            }

            public bool Matches(Meter meter) =>
                Any(_category, meter.MeterCategory) && Any(_subCategory, meter.MeterSubCategory) && Any(_region, meter.MeterRegion)
                && Any(_name, meter.MeterName) && (_ids is null || _ids.Contains(meter.MeterId));

            private static bool Any(WildcardPattern[]? patterns, string value) => patterns is null || patterns.Any(p => p.IsMatch(value));

            private static WildcardPattern[]? Patterns(string[]? values) =>
                values?.Select(v => WildcardPattern.Get(v, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
        }
    }
}
