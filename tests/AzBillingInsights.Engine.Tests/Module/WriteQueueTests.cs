using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Commands;

namespace AzBillingInsights.Engine.Tests.Module
{
    /// <summary>The queue between a cmdlet's asynchronous work and the pipeline thread: order, waiting, its bound, its end.</summary>
    public sealed class WriteQueueTests
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        [Fact]
        public async Task WritesComeOutInOrder_AndTakingWaitsForTheNext_UntilTheWorkEnds()
        {
            var queue = new WriteQueue(capacity: 4);
            var taken = new List<int>();
            Task drain = Task.Run(() =>
            {
                while (queue.TryTake(out Action write))
                {
                    write();
                }
            });

            for (int i = 0; i < 100; i++)
            {
                int n = i;
                queue.Add(() => taken.Add(n), CancellationToken.None);
            }

            queue.CompleteAdding();

            await drain.WaitAsync(Patience);
            Assert.Equal(100, taken.Count);
            Assert.Equal(0, taken[0]);
            Assert.Equal(99, taken[99]);
        }

        [Fact]
        public async Task AFullQueue_MakesTheWorkWait_UntilAWriteIsTaken()
        {
            var queue = new WriteQueue(capacity: 1);
            queue.Add(() => { }, CancellationToken.None);
            Task second = Task.Run(() => queue.Add(() => { }, CancellationToken.None));
            await Task.Delay(TimeSpan.FromMilliseconds(200));

            Assert.False(second.IsCompleted);
            Assert.True(queue.TryTake(out _));
            await second.WaitAsync(Patience);
        }

        [Fact]
        public async Task AStop_ReleasesWorkWaitingOnAFullQueue()
        {
            var queue = new WriteQueue(capacity: 1);
            queue.Add(() => { }, CancellationToken.None);
            using var stopping = new CancellationTokenSource();
            Task blocked = Task.Run(() => queue.Add(() => { }, stopping.Token));

            stopping.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WaitAsync(Patience));
        }

        [Fact]
        public void AWriteAfterTheWorkEnded_IsRefused_AndTheRestIsStillTaken()
        {
            var queue = new WriteQueue(capacity: 4);
            queue.Add(() => { }, CancellationToken.None);
            queue.CompleteAdding();

            Assert.Throws<InvalidOperationException>(() => queue.Add(() => { }, CancellationToken.None));
            Assert.True(queue.TryTake(out _));
            Assert.False(queue.TryTake(out _));
        }
    }
}
