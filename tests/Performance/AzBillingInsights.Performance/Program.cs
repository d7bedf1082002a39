using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using AzBillingInsights.Engine.Pricing;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Performance
{
    /// <summary>
    /// Prices about a million usage rows (a month of hourly usage of 500 resources, 3 meters each) against a
    /// 20,000-meter card with GroupBy ResourceGroup,Day, engine only, and parses the card cold. Usage:
    /// AzBillingInsights.Performance [rows] [GroupBy, e.g. ResourceGroup,Day] [--fresh-strings]. --fresh-strings gives every row its own string
    /// instances, as a JSON reader does. AzBillingInsights.Performance cost-tags runs <see cref="CostTagsBenchmark"/> instead.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "cost-tags")
            {
                return CostTagsBenchmark.Run();
            }

            int targetRows = args.Length > 0 && int.TryParse(args[0], out int n) ? n : 1_000_000;
            bool freshStrings = Array.IndexOf(args, "--fresh-strings") >= 0;
            string groupBy = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "ResourceGroup,Day";

            byte[] body = CardBody(20_000);
            var key = new RateCardKey("MS-AZR-0003P", "USD", "en-US", "US");
            RateCardReader.Read(new MemoryStream(body), key, PriceOrigin.Parse("https://management.azure.com/"), DateTimeOffset.UtcNow);
            var parse = Stopwatch.StartNew();
            PriceList card = RateCardReader.Read(new MemoryStream(body), key, PriceOrigin.Parse("https://management.azure.com/"), DateTimeOffset.UtcNow);
            parse.Stop();
            Console.WriteLine($"card: {card.Meters.Count} meters, {body.Length / 1024.0 / 1024.0:F1} MB, parsed in {parse.Elapsed.TotalMilliseconds:F0} ms");

            List<UsageRecord> rows = Rows(card, targetRows, freshStrings);
            var options = new CostEstimateOptions { GroupBy = Array.ConvertAll(groupBy.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries), GroupDimension.Parse) };
            Console.WriteLine($"GroupBy {groupBy}");
            Price(card, rows.GetRange(0, Math.Min(rows.Count, 50_000)), options); // JIT warm-up

            double bestRowsPerSecond = 0;
            for (int run = 0; run < 3; run++)
            {
                GC.Collect();
                long before = GC.GetAllocatedBytesForCurrentThread();
                var watch = Stopwatch.StartNew();
                CostEstimate estimate = Price(card, rows, options);
                watch.Stop();
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                bestRowsPerSecond = Math.Max(bestRowsPerSecond, rows.Count / watch.Elapsed.TotalSeconds);
                Console.WriteLine(
                    $"run {run + 1}: {rows.Count:N0} rows in {watch.Elapsed.TotalMilliseconds:F0} ms = {rows.Count / watch.Elapsed.TotalSeconds:N0} rows/s; "
                    + $"{estimate.Groups.Count:N0} groups, total {estimate.RoundedTotalCost.ToString(CultureInfo.InvariantCulture)} {estimate.Currency}; "
                    + $"allocated {allocated / 1024.0 / 1024.0:F1} MB ({(double)allocated / rows.Count:F0} B/row)");
            }

            Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB (includes the generated rows)");
            // The last line is read by build.ps1 -Task Bench.
            Console.WriteLine(FormattableString.Invariant($"{{\"Rows\":{rows.Count},\"RowsPerSecond\":{bestRowsPerSecond:F0}}}"));
            return 0;
        }

        private static CostEstimate Price(PriceList card, List<UsageRecord> rows, CostEstimateOptions options)
        {
            var rater = new UsageRater(card, options);
            for (int i = 0; i < rows.Count; i++)
            {
                rater.Add(rows[i]);
            }

            return rater.Complete();
        }

        private static List<UsageRecord> Rows(PriceList card, int target, bool freshStrings)
        {
            const int resources = 500;
            const int metersPerResource = 3;
            int hours = Math.Max(1, target / (resources * metersPerResource));
            var random = new Random(1);
            var resourceMeters = new Meter[resources, metersPerResource];
            var groups = new string[resources];
            for (int r = 0; r < resources; r++)
            {
                groups[r] = "rg-" + (r % 50).ToString(CultureInfo.InvariantCulture);
                for (int m = 0; m < metersPerResource; m++)
                {
                    resourceMeters[r, m] = card.Meters[random.Next(card.Meters.Count)];
                }
            }

            var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
            var noTags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var rows = new List<UsageRecord>(hours * resources * metersPerResource);
            for (int h = 0; h < hours; h++)
            {
                DateTimeOffset hour = start.AddHours(h);
                for (int r = 0; r < resources; r++)
                {
                    for (int m = 0; m < metersPerResource; m++)
                    {
                        Meter meter = resourceMeters[r, m];
                        rows.Add(new UsageRecord
                        {
                            SubscriptionId = Copy("00000000-0000-0000-0000-000000000001", freshStrings),
                            UsageStartTime = hour,
                            UsageEndTime = hour.AddHours(1),
                            MeterId = Copy(meter.MeterId, freshStrings),
                            MeterName = meter.MeterName,
                            MeterCategory = meter.MeterCategory,
                            MeterRegion = meter.MeterRegion,
                            Quantity = random.Next(1, 1000) / 100m,
                            ResourceGroup = Copy(groups[r], freshStrings),
                            Tags = noTags,
                        });
                    }
                }
            }

            return rows;
        }

        private static string Copy(string value, bool fresh) => fresh ? new string(value.AsSpan()) : value;

        private static byte[] CardBody(int meterCount)
        {
            var sb = new StringBuilder(meterCount * 330);
            sb.Append("{\"OfferTerms\":[],\"Meters\":[");
            for (int i = 0; i < meterCount; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                string rates = i % 10 == 0 ? "{\"0\":0.5,\"100\":0.25,\"1000.0000000000\":0.125}" : "{\"0\":" + (0.001m * ((i % 997) + 1)).ToString(CultureInfo.InvariantCulture) + "}";
                sb.Append("{\"EffectiveDate\":\"2018-06-01T00:00:00Z\",\"IncludedQuantity\":").Append(i % 7 == 0 ? "5.0" : "0.0")
                  .Append(",\"MeterCategory\":\"Category ").Append(i % 40)
                  .Append("\",\"MeterId\":\"").Append(new Guid(i, 0x1234, 0x5678, 0, 0, 0, 0, 0, 0, 0, 1).ToString())
                  .Append("\",\"MeterName\":\"Meter ").Append(i / 5)
                  .Append("\",\"MeterRates\":").Append(rates)
                  .Append(",\"MeterRegion\":\"Region ").Append(i % 5)
                  .Append("\",\"MeterStatus\":\"Active\",\"MeterSubCategory\":\"Sub ").Append(i % 13)
                  .Append("\",\"MeterTags\":[],\"Unit\":\"1 Hour\"}");
            }

            sb.Append("],\"Currency\":\"USD\",\"Locale\":\"en-US\",\"IsTaxIncluded\":false}");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }
    }
}
