using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Costs;

namespace AzBillingInsights.Performance
{
    /// <summary>
    /// Cost rows as real exports write them: every resource with its own tags and additional info, each day listing
    /// every resource. Reads the same report twice over, once with each resource's own tags and once with tags shared
    /// from a few dozen sets (the emulator's estate), and prints the best of three reads of each. The first must not
    /// cost much more than the second: a resource's tags are parsed once, not once a day.
    /// </summary>
    internal static class CostTagsBenchmark
    {
        private const int Resources = 8000;
        private const int Days = 20;
        private const int SharedSets = 40;

        internal static int Run()
        {
            byte[] own = Report(ownTags: true);
            byte[] shared = Report(ownTags: false);
            double ownSeconds = BestRead(own, "own tags per resource");
            double sharedSeconds = BestRead(shared, $"tags shared from {SharedSets} sets");
            // The last line is read by build.ps1 -Task Bench.
            Console.WriteLine(FormattableString.Invariant($"{{\"Rows\":{Resources * Days},\"Resources\":{Resources},\"OwnSeconds\":{ownSeconds:F4},\"SharedSeconds\":{sharedSeconds:F4}}}"));
            return 0;
        }

        private static double BestRead(byte[] report, string label)
        {
            Read(report); // JIT warm-up
            double best = double.MaxValue;
            for (int run = 1; run <= 3; run++)
            {
                TimeSpan paused = GC.GetTotalPauseDuration();
                var watch = Stopwatch.StartNew();
                int rows = Read(report);
                watch.Stop();
                paused = GC.GetTotalPauseDuration() - paused;
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
                Console.WriteLine($"{label}, run {run}: {rows:N0} rows ({report.Length / 1024.0 / 1024.0:F0} MB) in {watch.Elapsed.TotalMilliseconds:F0} ms, {paused.TotalMilliseconds:F0} ms of it in GC pauses");
            }

            return best;
        }

        private static int Read(byte[] report) => ReadAsync(report).GetAwaiter().GetResult();

        private static async Task<int> ReadAsync(byte[] report)
        {
            int rows = 0;
            await foreach (CostRow row in CostDetailsCsvReader.ReadAsync(new MemoryStream(report), CostMetric.ActualCost, CancellationToken.None))
            {
                rows++;
            }

            return rows;
        }

        private static byte[] Report(bool ownTags)
        {
            var csv = new StringBuilder(Resources * Days * 420);
            csv.Append("Date,SubscriptionId,ResourceGroup,ResourceId,MeterCategory,MeterName,Quantity,EffectivePrice,CostInBillingCurrency,BillingCurrency,Tags,AdditionalInfo\r\n");
            for (int day = 1; day <= Days; day++)
            {
                string date = new DateTime(2026, 11, day).ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
                for (int r = 0; r < Resources; r++)
                {
                    string name = $"vm-{r:D5}";
                    string group = $"rg-{r % 60:D2}";
                    int set = ownTags ? r : r % SharedSets;
                    string tags = $"\"\"CostCenter\"\": \"\"CC-{set % 50:D4}\"\",\"\"Environment\"\": \"\"Production\"\",\"\"Owner\"\": \"\"team-{set}@contoso.com\"\"";
                    string info = $"{{\"\"UsageType\"\":\"\"ComputeHR\"\",\"\"ServiceType\"\":\"\"Standard_D2s_v3\"\",\"\"VMName\"\":\"\"{(ownTags ? name : "null")}\"\",\"\"VCPUs\"\":2}}";
                    decimal quantity = 24m - (r % 7);
                    csv.Append(date).Append(",00000000-0000-0000-0000-000000000001,").Append(group)
                       .Append(",/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/").Append(group).Append("/providers/Microsoft.Compute/virtualMachines/").Append(name)
                       .Append(",Virtual Machines,D2s v3,").Append(quantity.ToString(CultureInfo.InvariantCulture)).Append(",0.096,")
                       .Append((quantity * 0.096m).ToString(CultureInfo.InvariantCulture)).Append(",USD,\"").Append(tags).Append("\",\"").Append(info).Append("\"\r\n");
                }
            }

            return Encoding.UTF8.GetBytes(csv.ToString());
        }
    }
}
