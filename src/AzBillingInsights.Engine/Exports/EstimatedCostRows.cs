using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>
    /// Prices the usage of one partition (one subscription, one billing period) with the rating engine, exactly as
    /// Measure-AzEstimatedCost does, and turns each resource, meter and day (or hour) into a FOCUS row. Rows whose
    /// meter the card lacks have no cost: they are counted in <see cref="UnratedRowCount"/>, never written as zero.
    /// </summary>
    public sealed class EstimatedCostRows
    {
        private readonly PriceList _card;
        private readonly string _subscriptionId;
        private readonly BillingPeriodCalendar _calendar;
        private readonly UsageRater _rater;
        private readonly TimeSpan _bucket;
        private readonly string _costSource;
        private readonly Dictionary<string, ResourceFacts> _resources = new Dictionary<string, ResourceFacts>(StringComparer.Ordinal);

        /// <param name="subscriptionId">The partition's subscription: every row added is of it.</param>
        /// <param name="hourly">Rows per hour instead of per day (24 times as many, and as many groups held until the end).</param>
        public EstimatedCostRows(PriceList card, string subscriptionId, bool hourly, int billingPeriodStartDay, bool applyOfferTerms, string costSource)
        {
            _card = card;
            _subscriptionId = subscriptionId;
            _calendar = new BillingPeriodCalendar(billingPeriodStartDay);
            _bucket = hourly ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
            _costSource = costSource;
            _rater = new UsageRater(card, new CostEstimateOptions
            {
                GroupBy = new[]
                {
                    GroupDimension.Of(GroupDimensionKind.Resource),
                    GroupDimension.Of(GroupDimensionKind.Meter),
                    GroupDimension.Of(hourly ? GroupDimensionKind.Hour : GroupDimensionKind.Day),
                },
                BillingPeriodStartDay = billingPeriodStartDay,
                ApplyOfferTerms = applyOfferTerms,
            });
        }

        public long UnratedRowCount { get; private set; }

        public void Add(UsageRecord row)
        {
            // The rater's own resource key: the id, else the name.
            string key = row.ResourceUri ?? row.ResourceName ?? GroupDimension.NoValue;
            if (!_resources.ContainsKey(key))
            {
                _resources.Add(key, new ResourceFacts(row));
            }

            _rater.Add(row);
        }

        /// <summary>The priced rows, in the rater's order (time, then keys).</summary>
        public IEnumerable<FocusRow> Complete()
        {
            CostEstimate estimate = _rater.Complete();
            UnratedRowCount = estimate.UnratedRowCount;
            foreach (CostGroup group in estimate.Groups)
            {
                if (group.Unrated)
                {
                    continue;
                }

                yield return ToRow(group, estimate.Currency);
            }
        }

        private FocusRow ToRow(CostGroup group, string currency)
        {
            string subscriptionId = _subscriptionId;
            string meterId = group.Keys[1];
            ResourceFacts? resource = _resources.TryGetValue(group.Keys[0], out ResourceFacts? facts) ? facts : null;
            Meter? meter = _card.FindMeter(meterId);
            DateTimeOffset chargeStart = group.BucketStart ?? group.PeriodStart;
            (DateTimeOffset periodStart, DateTimeOffset periodEnd) = _calendar.PeriodOf(chargeStart);
            decimal listCost = group.CostBeforeOfferTerms!.Value;
            decimal contractedCost = listCost - group.Discount;
            string account = "/subscriptions/" + subscriptionId;
            return new FocusRow
            {
                BilledCost = group.Cost!.Value,
                EffectiveCost = contractedCost,
                ListCost = listCost,
                ContractedCost = contractedCost,
                ListUnitPrice = UnitPrice(listCost, group.Quantity),
                ContractedUnitPrice = UnitPrice(contractedCost, group.Quantity),
                // Usage and RateCard name no billing account: the subscription stands for it.
                BillingAccountId = account,
                BillingAccountName = subscriptionId,
                BillingCurrency = currency,
                BillingPeriodStart = periodStart,
                BillingPeriodEnd = periodEnd,
                ChargeDescription = meter?.MeterName ?? meterId,
                ChargePeriodStart = chargeStart,
                ChargePeriodEnd = chargeStart + _bucket,
                ConsumedQuantity = group.Quantity,
                ConsumedUnit = meter?.Unit,
                PricingQuantity = group.Quantity,
                PricingUnit = meter?.Unit,
                RegionId = resource?.Location,
                RegionName = meter?.MeterRegion,
                ResourceId = resource?.ResourceUri,
                ResourceName = resource?.ResourceName,
                ResourceType = resource?.ResourceType,
                ServiceCategory = ServiceCategories.Of(meter?.MeterCategory),
                ServiceName = meter?.MeterCategory ?? string.Empty,
                SkuId = meterId,
                SkuPriceId = meterId,
                SubAccountId = account,
                SubAccountName = subscriptionId,
                Tags = resource?.TagsJson ?? "{}",
                ResourceGroupName = resource?.ResourceGroup,
                SubscriptionId = subscriptionId,
                MeterId = meterId,
                MeterCategory = meter?.MeterCategory,
                MeterSubCategory = meter?.MeterSubCategory,
                MeterRegion = meter?.MeterRegion,
                CostSource = _costSource,
            };
        }

        // Tiers make the price depend on the running total: the unit price of a row is its average.
        private static decimal? UnitPrice(decimal cost, decimal quantity) => quantity == 0 ? null : cost / quantity;

        private sealed class ResourceFacts
        {
            public ResourceFacts(UsageRecord row)
            {
                ResourceUri = row.ResourceUri;
                ResourceName = row.ResourceName;
                ResourceType = row.ResourceProvider is null || row.ResourceType is null ? row.ResourceType : row.ResourceProvider + "/" + row.ResourceType;
                ResourceGroup = row.ResourceGroup;
                Location = row.Location;
                TagsJson = JsonSerializer.Serialize(row.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));
            }

            public string? ResourceUri { get; }
            public string? ResourceName { get; }
            public string? ResourceType { get; }
            public string? ResourceGroup { get; }
            public string? Location { get; }
            public string TagsJson { get; }
        }
    }
}
