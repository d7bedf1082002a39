using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// One pacing budget per process for the anonymous Retail Prices API: once it answers 429 with Retry-After, no
    /// request of this process goes to that host before the time it named, whichever read or runspace sends it
    /// (ForEach-Object -Parallel shares the static state). The retry policy before it repeats the throttled request.
    /// </summary>
    internal sealed class RetailPricesPacer : HttpPipelinePolicy
    {
        private static readonly ConcurrentDictionary<string, StrongBox<long>> NotBefore =
            new ConcurrentDictionary<string, StrongBox<long>>(StringComparer.OrdinalIgnoreCase);

        private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(2);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, async: false).GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, async: true);

        /// <summary>The time the process waits before its next request to <paramref name="authority"/> (host:port); zero when none.</summary>
        internal static TimeSpan PauseFor(string authority)
        {
            long now = Stopwatch.GetTimestamp();
            long until = NotBefore.TryGetValue(authority, out StrongBox<long>? slot) ? Volatile.Read(ref slot.Value) : 0;
            return until > now ? TimeSpan.FromSeconds((until - now) / (double)Stopwatch.Frequency) : TimeSpan.Zero;
        }

        private static async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
        {
            string authority = message.Request.Uri.Host + ":" + message.Request.Uri.Port;
            TimeSpan pause = PauseFor(authority);
            if (pause > TimeSpan.Zero)
            {
                if (async)
                {
                    await Task.Delay(pause, message.CancellationToken).ConfigureAwait(false);
                }
                else
                {
                    message.CancellationToken.WaitHandle.WaitOne(pause);
                    message.CancellationToken.ThrowIfCancellationRequested();
                }
            }

            if (async)
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            else
            {
                ProcessNext(message, pipeline);
            }

            if (message.HasResponse && message.Response.Status == 429 && RetryAfter(message.Response) is TimeSpan wait)
            {
                long until = Stopwatch.GetTimestamp() + (long)((wait < LongestPause ? wait : LongestPause).TotalSeconds * Stopwatch.Frequency);
                StrongBox<long> slot = NotBefore.GetOrAdd(authority, _ => new StrongBox<long>());
                long seen;
                while ((seen = Volatile.Read(ref slot.Value)) < until && Interlocked.CompareExchange(ref slot.Value, until, seen) != seen)
                {
                }
            }
        }

        private static TimeSpan? RetryAfter(Response response)
        {
            if (!response.Headers.TryGetValue("Retry-After", out string? value) || value is null)
            {
                return null;
            }

            if (int.TryParse(value, out int seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            return null; // an HTTP date is left to the retry policy, which reads it against its own clock
        }
    }
}
