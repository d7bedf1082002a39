using System;
using System.Collections.Generic;
using System.Linq;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Forecasting;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>
    /// Prices usage rows once (or totals Cost Details rows as given), grouped by day, meter category, resource group,
    /// resource and the chosen tag, and folds the groups into a <see cref="CostReport"/>: breakdowns, the billing period's forecast, the biggest
    /// movers and per-resource anomalies. Not thread-safe: one builder per report.
    /// </summary>
    public sealed class CostReportBuilder
    {
        /// <summary>Anomalies smaller than this share of an average day's total spend are not worth a line.</summary>
        private const decimal MinimumAnomalyShareOfDailySpend = 0.01m;

        private const int DayKey = 0;
        private const int MeterCategoryKey = 1;
        private const int ResourceGroupKey = 2;
        private const int ResourceKey = 3;
        private const int TagKey = 4;

        private readonly PriceList? _card;
        private readonly CostReportOptions _options;
        private readonly UsageRater? _rater;
        private readonly CostRowAggregator? _costRows;
        private readonly SortedSet<string> _subscriptions = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        private string? _lastSubscription;

        /// <summary>A report of usage priced with <paramref name="card"/>: an estimate.</summary>
        public CostReportBuilder(PriceList card, CostReportOptions? options = null)
        {
            _card = card ?? throw new ArgumentNullException(nameof(card));
            _options = Checked(options);
            _rater = new UsageRater(card, new CostEstimateOptions { GroupBy = GroupBy(_options), BillingPeriodStartDay = _options.BillingPeriodStartDay });
        }

        private CostReportBuilder(CostReportOptions options, CostRowAggregator costRows)
        {
            _options = options;
            _costRows = costRows;
        }

        /// <summary>A report of Cost Details rows, their actual or amortized cost taken as given and never re-rated.</summary>
        public static CostReportBuilder ForCostRows(CostReportOptions? options = null)
        {
            CostReportOptions checkedOptions = Checked(options);
            return new CostReportBuilder(checkedOptions, new CostRowAggregator(GroupBy(checkedOptions)));
        }

        public long RowCount => _rater?.RowCount ?? _costRows!.RowCount;

        /// <exception cref="InvalidOperationException">The builder reports Cost Details rows.</exception>
        public void Add(UsageRecord row)
        {
            (_rater ?? throw new InvalidOperationException("This report is of Cost Details rows; usage rows would be estimates.")).Add(row);
            Saw(row.SubscriptionId);
        }

        /// <exception cref="InvalidOperationException">The builder prices usage.</exception>
        /// <exception cref="CostRowMixException">The row's metric or currency differs from the rows before it.</exception>
        public void Add(CostRow row)
        {
            (_costRows ?? throw new InvalidOperationException("This report prices usage; Cost Details rows are never re-rated.")).Add(row);
            Saw(row.SubscriptionId ?? string.Empty);
        }

        private void Saw(string subscriptionId)
        {
            if (!ReferenceEquals(subscriptionId, _lastSubscription))
            {
                _lastSubscription = subscriptionId;
                if (subscriptionId.Length > 0)
                {
                    _subscriptions.Add(subscriptionId);
                }
            }
        }

        private static CostReportOptions Checked(CostReportOptions? options)
        {
            options ??= new CostReportOptions();
            return options.Top < 1 ? throw new ArgumentOutOfRangeException(nameof(options), options.Top, "Top must be at least 1.") : options;
        }

        private static List<GroupDimension> GroupBy(CostReportOptions options)
        {
            var groupBy = new List<GroupDimension>
            {
                GroupDimension.Of(GroupDimensionKind.Day),
                GroupDimension.Of(GroupDimensionKind.MeterCategory),
                GroupDimension.Of(GroupDimensionKind.ResourceGroup),
                GroupDimension.Of(GroupDimensionKind.Resource),
            };
            if (!string.IsNullOrWhiteSpace(options.TagName))
            {
                groupBy.Add(GroupDimension.Tag(options.TagName!));
            }

            return groupBy;
        }

        /// <summary>Prices everything added and computes the report. The builder cannot be used afterwards.</summary>
        public CostReport Build()
        {
            CostEstimate estimate = _rater?.Complete() ?? _costRows!.Complete();
            string currency = _card?.Currency ?? estimate.Currency;
            var daily = new Dictionary<DateTime, decimal>();
            var categories = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
            var groups = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
            var tags = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
            var resources = new Dictionary<string, ResourceTally>(StringComparer.OrdinalIgnoreCase);
            bool byTag = estimate.GroupBy.Count > TagKey;
            foreach (CostGroup group in estimate.Groups)
            {
                if (group.Unrated)
                {
                    continue;
                }

                decimal cost = group.Cost!.Value;
                DateTime day = group.BucketStart!.Value.UtcDateTime.Date;
                Add(daily, day, cost);
                Add(categories, group.Keys[MeterCategoryKey], cost);
                Add(groups, group.Keys[ResourceGroupKey], cost);
                if (byTag)
                {
                    Add(tags, group.Keys[TagKey], cost);
                }

                string resource = group.Keys[ResourceKey];
                if (!resources.TryGetValue(resource, out ResourceTally? tally))
                {
                    tally = new ResourceTally(resource, group.Keys[ResourceGroupKey]);
                    resources.Add(resource, tally);
                }

                tally.Add(day, group.Keys[MeterCategoryKey], cost);
            }

            decimal total = estimate.TotalCost;
            var totals = new CostTotals(
                total,
                estimate.TotalCostBeforeOfferTerms,
                estimate.TotalDiscount,
                estimate.TotalCreditApplied,
                estimate.RecurringCharges.Sum(c => c.Amount),
                estimate.RowCount,
                estimate.UnratedRowCount,
                estimate.UnratedMeters.Count);

            if (daily.Count == 0)
            {
                DateTime today = _options.GeneratedAt.UtcDateTime.Date;
                return new CostReport(_options, estimate.Basis, currency, _card, _subscriptions.ToList(), _options.FirstDay?.Date ?? today, today, totals, null,
                    Array.Empty<ForecastDay>(), Array.Empty<SpendShare>(), Array.Empty<SpendShare>(), Array.Empty<SpendShare>(),
                    Array.Empty<ResourceSpend>(), Array.Empty<SpendMover>(), 0, Array.Empty<CostAnomaly>());
            }

            DateTime lastDay = daily.Keys.Max();
            DateTime firstDay = _options.FirstDay is DateTime first && first.Date < daily.Keys.Min() ? first.Date : daily.Keys.Min();
            DailySeries series = DailySeries.From(daily.Select(d => new DailyValue(d.Key, d.Value))).WithMissingDaysAs(0m, firstDay, lastDay);
            int moverDays = Math.Min(_options.MoverDays, series.Count / 2);
            PeriodForecast forecast = new Forecaster(new BillingPeriodCalendar(_options.BillingPeriodStartDay)).Forecast(series);

            return new CostReport(
                _options,
                estimate.Basis,
                currency,
                _card,
                _subscriptions.ToList(),
                firstDay,
                lastDay,
                totals,
                forecast,
                Days(series, forecast),
                TopShares(categories, total),
                TopShares(groups, total),
                TopShares(tags, total),
                TopResources(resources.Values, total),
                Movers(resources.Values, lastDay, moverDays),
                moverDays,
                Anomalies(resources.Values, lastDay, total / series.Count));
        }

        private static void Add<TKey>(Dictionary<TKey, decimal> sums, TKey key, decimal cost)
            where TKey : notnull
        {
            sums.TryGetValue(key, out decimal sum);
            sums[key] = sum + cost;
        }

        /// <summary>The actual days of the window, then the forecast's predicted days, as one path.</summary>
        private static List<ForecastDay> Days(DailySeries series, PeriodForecast forecast)
        {
            decimal cumulative = 0m;
            var days = new List<ForecastDay>();
            foreach (DailyValue day in series.Values)
            {
                cumulative += day.Value;
                days.Add(new ForecastDay(day.Date, day.Value, null, PredictionInterval.Exactly(day.Value), cumulative));
            }

            foreach (ForecastDay day in forecast.DailyPath)
            {
                if (day.Date > forecast.AsOf && day.Predicted is decimal predicted)
                {
                    cumulative += predicted;
                    days.Add(new ForecastDay(day.Date, null, predicted, day.Interval, cumulative));
                }
            }

            return days;
        }

        private List<SpendShare> TopShares(Dictionary<string, decimal> sums, decimal total)
        {
            List<KeyValuePair<string, decimal>> ordered = sums
                .OrderByDescending(s => s.Value)
                .ThenBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var shares = ordered.Take(_options.Top).Select(s => new SpendShare(Label(s.Key), s.Value, Share(s.Value, total), false, 1)).ToList();
            if (ordered.Count > _options.Top)
            {
                decimal rest = ordered.Skip(_options.Top).Sum(s => s.Value);
                shares.Add(new SpendShare("(the rest)", rest, Share(rest, total), true, ordered.Count - _options.Top));
            }

            return shares;
        }

        private List<ResourceSpend> TopResources(IEnumerable<ResourceTally> resources, decimal total) =>
            resources
                .OrderByDescending(r => r.Cost)
                .ThenBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
                .Take(_options.Top)
                .Select(r => new ResourceSpend(r.Id, r.Name, Label(r.ResourceGroup), r.MainMeterCategory, r.Cost, Share(r.Cost, total)))
                .ToList();

        /// <summary>The last <paramref name="days"/> days against as many before.</summary>
        private List<SpendMover> Movers(IEnumerable<ResourceTally> resources, DateTime lastDay, int days)
        {
            if (days < 1)
            {
                return new List<SpendMover>();
            }

            DateTime currentStart = lastDay.AddDays(1 - days);
            DateTime previousStart = currentStart.AddDays(-days);
            return resources
                .Select(r => new SpendMover(r.Id, r.Name, Label(r.ResourceGroup), r.CostBetween(previousStart, currentStart.AddDays(-1)), r.CostBetween(currentStart, lastDay)))
                .Where(m => m.Change != 0m)
                .OrderByDescending(m => Math.Abs(m.Change))
                .ThenBy(m => m.ResourceId, StringComparer.OrdinalIgnoreCase)
                .Take(_options.Top)
                .ToList();
        }

        /// <summary>Anomalous days of each resource from its first day of usage (absent days of a live resource cost nothing).</summary>
        private List<CostAnomaly> Anomalies(IEnumerable<ResourceTally> resources, DateTime lastDay, decimal averageDailySpend)
        {
            var detector = new AnomalyDetector(new AnomalyDetectorOptions { MinimumImpact = Math.Abs(averageDailySpend) * MinimumAnomalyShareOfDailySpend });
            var series = resources.ToDictionary(
                r => r.Id,
                r => DailySeries.From(r.Daily.Select(d => new DailyValue(d.Key, d.Value))).WithMissingDaysAs(0m, r.Daily.Keys.Min(), lastDay),
                StringComparer.OrdinalIgnoreCase);
            return detector.DetectByGroup(series)
                .OrderByDescending(a => Math.Abs(a.Impact))
                .ThenBy(a => a.Date)
                .Take(_options.Top)
                .ToList();
        }

        private static double Share(decimal cost, decimal total) => total == 0m ? 0d : (double)(cost / total);

        private static string Label(string key) => key.Length == 0 ? "(none)" : key;

        /// <summary>One resource's spend by day and by meter category.</summary>
        private sealed class ResourceTally
        {
            private readonly Dictionary<string, decimal> _categories = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);

            public ResourceTally(string id, string resourceGroup)
            {
                Id = id;
                ResourceGroup = resourceGroup;
                Name = ResourceNames.NameOf(id);
            }

            public string Id { get; }
            public string Name { get; }
            public string ResourceGroup { get; }
            public decimal Cost { get; private set; }
            public Dictionary<DateTime, decimal> Daily { get; } = new Dictionary<DateTime, decimal>();

            public string MainMeterCategory => _categories.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.OrdinalIgnoreCase).First().Key;

            public void Add(DateTime day, string meterCategory, decimal cost)
            {
                Cost += cost;
                CostReportBuilder.Add(Daily, day, cost);
                CostReportBuilder.Add(_categories, meterCategory, cost);
            }

            public decimal CostBetween(DateTime first, DateTime last) => Daily.Where(d => d.Key >= first && d.Key <= last).Sum(d => d.Value);
        }
    }
}
