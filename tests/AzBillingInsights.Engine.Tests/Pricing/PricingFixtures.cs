using System;
using System.Collections.Generic;
using System.Linq;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Tests.Pricing
{
    /// <summary>Small hand-made cards and usage rows for hand-computed pricing cases.</summary>
    internal static class PricingFixtures
    {
        public const string Subscription = "11111111-1111-1111-1111-111111111111";

        public static Meter Meter(string id, decimal[] tierStarts, decimal[] rates, decimal included = 0m, string region = "US East",
            string name = "Meter", string category = "Compute", string subCategory = "Sub", string status = "Active") =>
            new Meter(id, name, category, subCategory, region, "1 Hour",
                tierStarts.Zip(rates, (s, r) => new MeterRate(s, r)).ToArray(), included,
                new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero), status, Array.Empty<string>());

        public static Meter Flat(string id, decimal rate, decimal included = 0m, string region = "US East", string name = "Meter", string status = "Active") =>
            Meter(id, new[] { 0m }, new[] { rate }, included, region, name, status: status);

        public static PriceList Card(string currency, params Meter[] meters) => CardWithTerms(currency, Array.Empty<OfferTerm>(), meters);

        public static PriceList CardWithTerms(string currency, OfferTerm[] terms, params Meter[] meters) =>
            new PriceList(new RateCardKey("MS-AZR-0003P", currency, "en-US", "US"), Prices.TestOrigin.Azure, false, meters, terms, DateTimeOffset.UtcNow);

        public static DateTimeOffset Day(int month, int day, int hour = 0) => new DateTimeOffset(2024, month, day, hour, 0, 0, TimeSpan.Zero);

        public static UsageRecord Row(string meterId, decimal quantity, DateTimeOffset start, string resourceGroup = "rg", string? subscription = null,
            IReadOnlyDictionary<string, string>? tags = null, bool hourly = false) =>
            new UsageRecord
            {
                SubscriptionId = subscription ?? Subscription,
                MeterId = meterId,
                MeterName = "Meter " + meterId,
                MeterCategory = "Compute",
                MeterRegion = "US East",
                Unit = "1 Hour",
                Quantity = quantity,
                UsageStartTime = start,
                UsageEndTime = start + (hourly ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1)),
                ResourceGroup = resourceGroup,
                ResourceUri = $"/subscriptions/{subscription ?? Subscription}/resourceGroups/{resourceGroup}/providers/X/y/{meterId}",
                Location = "eastus",
                Tags = tags ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            };

        public static CostEstimate Price(PriceList card, IEnumerable<UsageRecord> rows, params string[] groupBy) =>
            Price(card, rows, new CostEstimateOptions { GroupBy = groupBy.Select(GroupDimension.Parse).ToArray() });

        public static CostEstimate Price(PriceList card, IEnumerable<UsageRecord> rows, CostEstimateOptions options)
        {
            var rater = new UsageRater(card, options);
            rater.AddRange(rows);
            return rater.Complete();
        }

        public static decimal CostOf(CostEstimate estimate, params string[] keys) =>
            estimate.Groups.Single(g => !g.Unrated && g.Keys.SequenceEqual(keys)).Cost!.Value;
    }
}
