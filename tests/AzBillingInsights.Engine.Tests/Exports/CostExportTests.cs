using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Exports;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Usage;
using DuckDB.NET.Data;
using static AzBillingInsights.Engine.Tests.Pricing.PricingFixtures;

namespace AzBillingInsights.Engine.Tests.Exports
{
    /// <summary>Exports read back by DuckDB, the way a FinOps team's engine reads them.</summary>
    public sealed class CostExportTests : IDisposable
    {
        private const string Second = "22222222-2222-2222-2222-222222222222";
        private static readonly DateTimeOffset From = Day(1, 1);
        private static readonly DateTimeOffset To = Day(3, 1);

        private readonly string _root = Path.Combine(Path.GetTempPath(), "azbi-export-" + Guid.NewGuid().ToString("N"));

        // A tiered meter crossing its tier mid-month, an included quantity, and a meter the card lacks.
        private static readonly PriceList Card = Card("USD",
            Meter("tiered", new[] { 0m, 100m }, new[] { 0.10m, 0.07m }),
            Flat("free-first", 0.013m, included: 50m));

        public void Dispose()
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        [Theory]
        [InlineData(ExportFormat.Parquet)]
        [InlineData(ExportFormat.Csv)]
        public async Task Sums_by_subscription_and_billing_period_equal_the_rating_engine_to_the_cent(ExportFormat format)
        {
            await ExportAsync(new CostExportRequest { Root = _root, Format = format }, Subscription, Second);

            string extension = format == ExportFormat.Parquet ? "parquet" : "csv";
            string reader = format == ExportFormat.Parquet ? "read_parquet" : "read_csv_auto";
            var sums = Query(
                $"SELECT SubscriptionId, BillingPeriod, sum(BilledCost) FROM {reader}('{_root}/**/*.{extension}', hive_partitioning = true) GROUP BY ALL ORDER BY ALL",
                r => (Subscription: r.GetString(0), Period: r.GetValue(1).ToString(), Cost: Convert.ToDecimal(r.GetValue(2), CultureInfo.InvariantCulture)));

            var expected = new List<(string, string, decimal)>();
            foreach (string subscription in new[] { Subscription, Second })
            {
                foreach (int month in new[] { 1, 2 })
                {
                    CostEstimate estimate = Price(Card, Usage(subscription).Where(r => r.UsageStartTime.Month == month));
                    expected.Add((subscription, $"2024-{month:00}", CurrencyRounding.Round(estimate.TotalCost, "USD")));
                }
            }

            Assert.Equal(expected, sums.Select(s => (s.Subscription, s.Period!, CurrencyRounding.Round(s.Cost, "USD"))).ToList());
        }

        [Fact]
        public async Task Parquet_holds_every_FOCUS_mandatory_column_with_money_as_decimal_and_periods_as_timestamps()
        {
            await ExportAsync(new CostExportRequest { Root = _root }, Subscription);

            Dictionary<string, string> types = Query(
                $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{_root}/**/*.parquet'))",
                r => (Name: r.GetString(0), Type: r.GetString(1))).ToDictionary(c => c.Name, c => c.Type);

            foreach (FocusColumn column in FocusSchema.Columns.Where(c => c.IsMandatory))
            {
                Assert.True(types.ContainsKey(column.Name), $"{column.Name} is missing");
            }

            Assert.Equal("DECIMAL(38,18)", types["BilledCost"]);
            Assert.Equal("DECIMAL(38,18)", types["ListCost"]);
            Assert.StartsWith("TIMESTAMP", types["ChargePeriodStart"]);
            Assert.Equal("VARCHAR", types["x_ResourceGroupName"]);
        }

        [Fact]
        public async Task An_estimate_says_so_and_its_contracted_cost_is_its_list_cost()
        {
            await ExportAsync(new CostExportRequest { Root = _root }, Subscription);

            var rows = Query(
                $"SELECT DISTINCT x_CostSource, ContractedCost = ListCost, ChargeCategory, BillingPeriodEnd - BillingPeriodStart > INTERVAL 27 DAY FROM read_parquet('{_root}/**/*.parquet')",
                r => (Source: r.GetString(0), Same: r.GetBoolean(1), Category: r.GetString(2), WholePeriod: r.GetBoolean(3)));

            Assert.Equal(new[] { ("Estimate:RateCard", true, "Usage", true) }, rows);
        }

        [Fact]
        public async Task Rows_the_card_cannot_price_are_counted_in_the_manifest_never_written_as_zero()
        {
            IReadOnlyList<PartitionOutcome> outcomes = await ExportAsync(new CostExportRequest { Root = _root }, Subscription);

            Assert.All(outcomes, o => Assert.Equal(Days(o.BillingPeriodStart.Month), o.Manifest!.UnratedRowCount));
            long unknown = Query($"SELECT count(*) FROM read_parquet('{_root}/**/*.parquet') WHERE x_MeterId = 'unknown'", r => r.GetInt64(0)).Single();
            Assert.Equal(0, unknown);
        }

        [Fact]
        public async Task A_partition_cut_off_mid_write_is_never_visible_and_the_next_run_writes_it()
        {
            var request = new CostExportRequest { Root = _root };
            await Assert.ThrowsAsync<IOException>(() => ExportAsync(request, failAfterRows: 40, Subscription));

            Assert.Empty(Directory.EnumerateFiles(_root, "*.parquet", SearchOption.AllDirectories));
            Assert.Empty(Directory.EnumerateFiles(_root, "_manifest.json", SearchOption.AllDirectories));

            IReadOnlyList<PartitionOutcome> outcomes = await ExportAsync(request, Subscription);
            Assert.All(outcomes, o => Assert.False(o.Skipped));
            Assert.Empty(Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories));
            Assert.Equal(2, Query($"SELECT count(DISTINCT BillingPeriod) FROM read_parquet('{_root}/**/*.parquet', hive_partitioning = true)", r => r.GetInt64(0)).Single());
        }

        [Fact]
        public async Task A_second_run_skips_finished_partitions_unless_forced()
        {
            var request = new CostExportRequest { Root = _root };
            await ExportAsync(request, Subscription);

            Assert.All(await ExportAsync(request, Subscription), o => Assert.True(o.Skipped));

            request.Force = true;
            Assert.All(await ExportAsync(request, Subscription), o => Assert.False(o.Skipped));
        }

        [Fact]
        public async Task The_hubs_layout_writes_costs_by_year_month_and_scope_with_an_ingestion_trigger()
        {
            await ExportAsync(new CostExportRequest { Root = _root, Layout = ExportLayout.Hubs, IngestionId = "20240301T000000Z" }, Subscription);

            string folder = Path.Combine(_root, "Costs", "2024", "01", "subscriptions", Subscription);
            Assert.True(File.Exists(Path.Combine(folder, "20240301T000000Z__part-00000.parquet")));
            Assert.Equal(string.Empty, File.ReadAllText(Path.Combine(folder, "manifest.json")));
            PartitionManifest manifest = PartitionManifest.TryRead(Path.Combine(folder, "_manifest.json"))!;
            Assert.Equal(Query($"SELECT sum(BilledCost) FROM read_parquet('{folder}/*.parquet')", r => r.GetDecimal(0)).Single(), manifest.BilledCost);
        }

        [Fact]
        public async Task Hourly_charge_periods_write_a_row_per_hour_with_the_same_total()
        {
            var hourlyRoot = Path.Combine(_root, "hourly");
            await ExportAsync(new CostExportRequest { Root = _root }, Subscription);
            await ExportAsync(new CostExportRequest { Root = hourlyRoot }, failAfterRows: int.MaxValue, hourly: true, Subscription);

            var daily = Query($"SELECT count(*), sum(BilledCost) FROM read_parquet('{_root}/BillingPeriod=*/**/*.parquet')", r => (Rows: r.GetInt64(0), Cost: r.GetDecimal(1))).Single();
            var hourly = Query($"SELECT count(*), sum(BilledCost), max(ChargePeriodEnd - ChargePeriodStart) FROM read_parquet('{hourlyRoot}/**/*.parquet')",
                r => (Rows: r.GetInt64(0), Cost: r.GetDecimal(1), Span: r.GetValue(2).ToString())).Single();

            Assert.Equal(daily.Rows * 24, hourly.Rows);
            Assert.Equal(CurrencyRounding.Round(daily.Cost, "USD"), CurrencyRounding.Round(hourly.Cost, "USD"));
            Assert.Equal("01:00:00", hourly.Span);
        }

        private static int Days(int month) => month == 1 ? 31 : 29;

        // Two months of daily usage: the tiered meter's 100-unit tier is crossed on day 25, the included 50 on day 10.
        // Hourly, the same quantities spread over the day's 24 hours.
        private static IEnumerable<UsageRecord> Usage(string subscription, bool hourly = false)
        {
            TimeSpan step = hourly ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
            decimal share = hourly ? 1m / 24 : 1m;
            for (DateTimeOffset time = From; time < To; time += step)
            {
                yield return Row("tiered", 4.8m * share, time, "rg-a", subscription, new Dictionary<string, string> { ["CostCenter"] = "CC-1" }, hourly);
                yield return Row("free-first", 4.8m * share, time, "rg-b", subscription, hourly: hourly);
                yield return Row("unknown", 1m * share, time, "rg-b", subscription, hourly: hourly);
            }
        }

        private Task<IReadOnlyList<PartitionOutcome>> ExportAsync(CostExportRequest request, params string[] subscriptions) =>
            ExportAsync(request, int.MaxValue, hourly: false, subscriptions);

        private Task<IReadOnlyList<PartitionOutcome>> ExportAsync(CostExportRequest request, int failAfterRows, params string[] subscriptions) =>
            ExportAsync(request, failAfterRows, hourly: false, subscriptions);

        private static async Task<IReadOnlyList<PartitionOutcome>> ExportAsync(CostExportRequest request, int failAfterRows, bool hourly, params string[] subscriptions)
        {
            var outcomes = new List<PartitionOutcome>();
            var source = new EstimatedFocusRowSource(Card, "RateCard", (s, f, t, c) => Read(s, f, t, failAfterRows, hourly, c), hourly, 1, applyOfferTerms: true);
            var exporter = new SubscriptionCostExporter(request, source, TimeProvider.System);
            foreach (string subscription in subscriptions)
            {
                await foreach (PartitionOutcome outcome in exporter.ExportAsync(subscription, From, To, null, CancellationToken.None))
                {
                    outcomes.Add(outcome);
                }
            }

            return outcomes;
        }

        private static async IAsyncEnumerable<UsageRecord> Read(string subscription, DateTimeOffset from, DateTimeOffset to, int failAfterRows, bool hourly, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            int rows = 0;
            foreach (UsageRecord row in Usage(subscription, hourly).Where(r => r.UsageStartTime >= from && r.UsageStartTime < to))
            {
                if (++rows > failAfterRows)
                {
                    throw new IOException("The connection was reset.");
                }

                await Task.Yield();
                yield return row;
            }
        }

        private static List<T> Query<T>(string sql, Func<DuckDBDataReader, T> read)
        {
            using var connection = new DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using DuckDBCommand command = connection.CreateCommand();
            command.CommandText = sql;
            using DuckDBDataReader reader = (DuckDBDataReader)command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }
}
