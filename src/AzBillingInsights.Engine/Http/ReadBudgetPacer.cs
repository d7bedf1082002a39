using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AzBillingInsights.Engine.Http
{
    /// <summary>
    /// Slows reads down before ARM's read budget runs out instead of after: every response says what is left
    /// (<c>x-ms-ratelimit-remaining-subscription-reads</c>), and once that falls under <see cref="LowWater"/> the
    /// reads of that subscription are spaced out, the more the less is left, so the budget refills as fast as it
    /// is spent. One pacing per process (static), so the runspaces of ForEach-Object -Parallel share it.
    /// </summary>
    internal sealed class ReadBudgetPacer : HttpPipelinePolicy
    {
        internal const int LowWater = 25;
        private static readonly TimeSpan LongestSpacing = TimeSpan.FromSeconds(1);
        private static readonly ConcurrentDictionary<string, Pace> Paces = new ConcurrentDictionary<string, Pace>(StringComparer.OrdinalIgnoreCase);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Pace pace = PaceOf(message);
            Thread.Sleep(pace.Reserve());
            ProcessNext(message, pipeline);
            pace.Observe(message.Response);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Pace pace = PaceOf(message);
            TimeSpan wait = pace.Reserve();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, message.CancellationToken).ConfigureAwait(false);
            }

            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            pace.Observe(message.Response);
        }

        /// <summary>The budget is per subscription (and principal: one per process here), so is the pace.</summary>
        private static Pace PaceOf(HttpMessage message)
        {
            Uri uri = message.Request.Uri.ToUri();
            string path = uri.AbsolutePath;
            const string Marker = "/subscriptions/";
            int start = path.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
            string subscription = string.Empty;
            if (start >= 0)
            {
                start += Marker.Length;
                int end = path.IndexOf('/', start);
                subscription = end < 0 ? path.Substring(start) : path.Substring(start, end - start);
            }

            return Paces.GetOrAdd(uri.Authority + "|" + subscription, _ => new Pace());
        }

        /// <summary>What one subscription's budget has left and the earliest time its next read may go.</summary>
        private sealed class Pace
        {
            private readonly object _slots = new object();
            private int _remaining = int.MaxValue;
            private long _nextSlotTicks;

            /// <summary>How long the caller waits; the slot after it is reserved for the next caller.</summary>
            internal TimeSpan Reserve()
            {
                int remaining = Volatile.Read(ref _remaining);
                if (remaining >= LowWater)
                {
                    return TimeSpan.Zero;
                }

                long spacing = LongestSpacing.Ticks * (LowWater - Math.Max(remaining, 0)) / LowWater;
                lock (_slots)
                {
                    long now = DateTime.UtcNow.Ticks;
                    long slot = Math.Max(now, _nextSlotTicks);
                    _nextSlotTicks = slot + spacing;
                    return TimeSpan.FromTicks(slot - now);
                }
            }

            internal void Observe(Response? response)
            {
                if (response is not null
                    && response.Headers.TryGetValue("x-ms-ratelimit-remaining-subscription-reads", out string? value)
                    && int.TryParse(value, out int remaining))
                {
                    Volatile.Write(ref _remaining, remaining);
                }
            }
        }
    }
}
