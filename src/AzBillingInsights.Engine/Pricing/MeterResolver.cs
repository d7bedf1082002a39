using System;
using System.Collections.Generic;
using System.Linq;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Finds the card's meter for planned-usage rows: by MeterId, or by MeterName + MeterRegion narrowed by
    /// MeterSubCategory and MeterCategory, all case-insensitive. An unknown or ambiguous row yields an error
    /// result naming the row and the candidates, so the other rows can still be priced.
    /// </summary>
    public sealed class MeterResolver
    {
        private readonly PriceList _card;
        private readonly Dictionary<string, List<Meter>> _byName = new Dictionary<string, List<Meter>>(StringComparer.OrdinalIgnoreCase);

        public MeterResolver(PriceList card)
        {
            _card = card ?? throw new ArgumentNullException(nameof(card));
            foreach (Meter meter in card.Meters)
            {
                if (!_byName.TryGetValue(meter.MeterName, out List<Meter>? meters))
                {
                    meters = new List<Meter>(2);
                    _byName.Add(meter.MeterName, meters);
                }

                meters.Add(meter);
            }
        }

        public MeterResolution Resolve(ExpectedUsage row)
        {
            if (row is null)
            {
                throw new ArgumentNullException(nameof(row));
            }

            if (!string.IsNullOrWhiteSpace(row.MeterId))
            {
                Meter? byId = _card.FindMeter(row.MeterId!.Trim());
                return byId is not null
                    ? MeterResolution.Resolved(row, byId)
                    : MeterResolution.Failed(row, $"{row}: the rate card {_card.Key} has no meter with this id.", Array.Empty<Meter>());
            }

            if (string.IsNullOrWhiteSpace(row.MeterName))
            {
                return MeterResolution.Failed(row, $"{row}: name the meter with MeterId, or with MeterName and MeterRegion.", Array.Empty<Meter>());
            }

            if (!_byName.TryGetValue(row.MeterName!.Trim(), out List<Meter>? named))
            {
                return MeterResolution.Failed(row, $"{row}: the rate card {_card.Key} has no meter named '{row.MeterName}'.", Array.Empty<Meter>());
            }

            List<Meter> matches = named.Where(m =>
                Matches(row.MeterRegion, m.MeterRegion)
                && Matches(row.MeterSubCategory, m.MeterSubCategory)
                && Matches(row.MeterCategory, m.MeterCategory)).ToList();
            if (matches.Count == 0)
            {
                return MeterResolution.Failed(row, $"{row}: no meter of that name matches; the card has it in: {Describe(named)}.", named);
            }

            if (matches.Count > 1)
            {
                // A deprecated meter usually sits beside its active successor: the active one is meant.
                List<Meter> active = matches.Where(m => !m.IsDeprecated).ToList();
                if (active.Count == 1)
                {
                    return MeterResolution.Resolved(row, active[0]);
                }

                return MeterResolution.Failed(row, $"{row}: {matches.Count} meters match; add MeterRegion, MeterSubCategory or MeterCategory, or use MeterId. Candidates: {Describe(matches)}.", matches);
            }

            return MeterResolution.Resolved(row, matches[0]);
        }

        private static bool Matches(string? wanted, string actual) =>
            wanted is null || string.Equals(wanted.Trim(), actual, StringComparison.OrdinalIgnoreCase);

        private static string Describe(IEnumerable<Meter> meters) =>
            string.Join("; ", meters.Take(10).Select(m => $"{m.MeterCategory}/{m.MeterSubCategory} in '{m.MeterRegion}' ({m.MeterId}{(m.IsDeprecated ? ", deprecated" : string.Empty)})"));
    }

    /// <summary>The meter found for a planned-usage row, or why none was.</summary>
    public sealed class MeterResolution
    {
        private MeterResolution(ExpectedUsage row, Meter? meter, string? error, IReadOnlyList<Meter> candidates)
        {
            Row = row;
            Meter = meter;
            Error = error;
            Candidates = candidates;
        }

        public ExpectedUsage Row { get; }
        public Meter? Meter { get; }
        public bool IsResolved => Meter is not null;
        /// <summary>Names the row and what is wrong; null when resolved.</summary>
        public string? Error { get; }
        /// <summary>The meters that came close (same name), for an error message or a completer.</summary>
        public IReadOnlyList<Meter> Candidates { get; }

        internal static MeterResolution Resolved(ExpectedUsage row, Meter meter) => new MeterResolution(row, meter, null, new[] { meter });

        internal static MeterResolution Failed(ExpectedUsage row, string error, IReadOnlyList<Meter> candidates) => new MeterResolution(row, null, error, candidates);

        /// <summary>
        /// The row as usage of the resolved meter, for a <see cref="UsageRater"/>. Rows without a time are
        /// placed at <paramref name="defaultStart"/>, so all of them share one billing period's tiers.
        /// </summary>
        public UsageRecord ToUsageRecord(DateTimeOffset defaultStart)
        {
            Meter meter = Meter ?? throw new InvalidOperationException(Error);
            DateTimeOffset start = Row.UsageStartTime ?? defaultStart;
            return new UsageRecord
            {
                SubscriptionId = Row.SubscriptionId ?? string.Empty,
                UsageStartTime = start,
                UsageEndTime = start.AddDays(1),
                MeterId = meter.MeterId,
                MeterName = meter.MeterName,
                MeterCategory = meter.MeterCategory,
                MeterSubCategory = meter.MeterSubCategory,
                MeterRegion = meter.MeterRegion,
                Unit = meter.Unit,
                Quantity = Row.Quantity,
                ResourceGroup = Row.ResourceGroup,
                ResourceName = Row.ResourceName,
                Location = Row.Location,
                Tags = Row.Tags ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            };
        }
    }
}
