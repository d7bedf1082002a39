using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.RateCards;

namespace AzBillingInsights.Commands
{
    [Cmdlet(VerbsCommon.Get, "AzRateCard", DefaultParameterSetName = MetersSet)]
    [OutputType(typeof(RateCardMeter), ParameterSetName = new[] { MetersSet })]
    [OutputType(typeof(RateCardOfferTerm), ParameterSetName = new[] { OfferTermsSet })]
    public sealed class GetAzRateCardCommand : SubscriptionScopedCmdlet
    {
        private const string MetersSet = "Meters";
        private const string OfferTermsSet = "OfferTerms";
        private const int ProgressActivityId = 0x5A62;
        private const int BatchSize = 1024;

        [Parameter(Position = 0)]
        [ArgumentCompleter(typeof(OfferDurableIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string OfferDurableId { get; set; } = "MS-AZR-0003P";

        [Parameter]
        [ArgumentCompleter(typeof(CurrencyCompleter))]
        [ValidateNotNullOrEmpty]
        public string Currency { get; set; } = "USD";

        [Parameter]
        [ArgumentCompleter(typeof(LocaleCompleter))]
        [ValidateNotNullOrEmpty]
        public string Locale { get; set; } = "en-US";

        [Parameter]
        [ArgumentCompleter(typeof(RegionInfoCompleter))]
        [ValidateNotNullOrEmpty]
        public string RegionInfo { get; set; } = "US";

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

        protected override async Task ProcessSubscriptionAsync(AsyncPipeline pipeline, BillingConnection connection, string subscriptionId, CancellationToken cancellationToken)
        {
            var key = new RateCardKey(OfferDurableId, Currency, Locale, RegionInfo);
            RateCardDownloader.Validate(key);

            if (OfferTerms)
            {
                RateCard offer;
                try
                {
                    offer = await GetCardAsync(pipeline, connection, subscriptionId, key, onMeterRead: null, cancellationToken).ConfigureAwait(false);
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

            RateCard card;
            try
            {
                card = await GetCardAsync(pipeline, connection, subscriptionId, key, meter => { streamed++; Add(meter); }, cancellationToken).ConfigureAwait(false);
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

        private async Task<RateCard> GetCardAsync(
            AsyncPipeline pipeline, BillingConnection connection, string subscriptionId, RateCardKey key, Action<Meter>? onMeterRead, CancellationToken cancellationToken)
        {
            RateCardStore store = RateCardStore.Shared;
            if (!Force && store.TryGetFresh(key, out RateCard? cached))
            {
                pipeline.WriteVerbose($"Rate card {key} served from memory (retrieved {cached!.RetrievedAt:u}).");
                return cached;
            }

            pipeline.WriteVerbose($"Loading rate card {key} {(Force ? "from the RateCard API" : "from the disk cache or the RateCard API")}.");
            var progress = new ProgressRecord(ProgressActivityId, $"Loading rate card {key}", "Downloading and reading the meters");
            pipeline.WriteProgress(progress);
            var clock = Stopwatch.StartNew();
            try
            {
                var downloader = new RateCardDownloader(connection.Arm);
                RateCard card = await store.GetAsync(key, (k, ct) => downloader.OpenAsync(subscriptionId, k, ct), Force, cancellationToken, onMeterRead).ConfigureAwait(false);
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
