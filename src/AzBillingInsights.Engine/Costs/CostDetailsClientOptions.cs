using System;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>How long a Cost Details read is willing to wait, and (for tests) the clock and the wait itself.</summary>
    public sealed class CostDetailsClientOptions
    {
        /// <summary>The longest throttling wait sat out; a longer one fails with the time to come back.</summary>
        public TimeSpan MaxThrottleWait { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>How long one report may take to build before the read gives up.</summary>
        public TimeSpan MaxBuildTime { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>The wait between status polls when the service names none.</summary>
        public TimeSpan DefaultPollInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>How many times a blob that broke off is opened again (skipping the rows already read).</summary>
        public int BlobAttempts { get; set; } = 3;

        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;
    }
}
