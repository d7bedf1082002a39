using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// How the asynchronous work of an <see cref="AsyncPSCmdlet"/> writes to PowerShell. A call made on the pipeline
    /// thread (the work's synchronous start, all of it for a call served from a cache) writes at once; a call from any
    /// other thread is queued and run by the cmdlet on the pipeline thread, the only thread PowerShell lets write. The
    /// work and any helper it hands this object to may call it from any thread. The queue is bounded, so a slow consumer
    /// slows the producer instead of buffering a month of rows.
    /// </summary>
    public sealed class AsyncPipeline
    {
        private readonly Cmdlet _cmdlet;
        private readonly WriteQueue _queue;
        private readonly CancellationTokenSource _stopping;
        private readonly Thread _pipelineThread = Thread.CurrentThread;

        /// <summary>Made on the pipeline thread by the cmdlet that drains <paramref name="queue"/>.</summary>
        internal AsyncPipeline(Cmdlet cmdlet, WriteQueue queue, CancellationTokenSource stopping)
        {
            _cmdlet = cmdlet;
            _queue = queue;
            _stopping = stopping;
        }

        public void WriteObject(object? sendToPipeline) => Enqueue(() => _cmdlet.WriteObject(sendToPipeline));

        /// <summary>
        /// Writes <paramref name="items"/> one by one, in one queued write: the hand-off to the pipeline thread is
        /// the costly part. Each item goes through WriteObject on its own, which PowerShell passes on faster than an
        /// array it enumerates itself (docs/design.md, "Streaming output").
        /// </summary>
        public void WriteEach(object[] items) => Enqueue(() =>
        {
            foreach (object item in items)
            {
                _cmdlet.WriteObject(item);
            }
        });

        public void WriteError(ErrorRecord errorRecord) => Enqueue(() => _cmdlet.WriteError(errorRecord));

        public void WriteWarning(string text) => Enqueue(() => _cmdlet.WriteWarning(text));

        public void WriteVerbose(string text) => Enqueue(() => _cmdlet.WriteVerbose(text));

        public void WriteInformation(InformationRecord informationRecord) => Enqueue(() => _cmdlet.WriteInformation(informationRecord));

        public void WriteProgress(ProgressRecord progressRecord) => Enqueue(() => _cmdlet.WriteProgress(progressRecord));

        /// <summary>ShouldProcess asked on the pipeline thread (it may prompt), awaited by the work.</summary>
        public Task<bool> ShouldProcessAsync(string target, string action)
        {
            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Enqueue(() =>
            {
                try
                {
                    answer.SetResult(_cmdlet.ShouldProcess(target, action));
                }
                catch (Exception e)
                {
                    answer.SetException(e);
                    throw;
                }
            });
            return answer.Task;
        }

        /// <summary>
        /// Completes once everything written so far has been handed downstream. Paged readers wait on it before
        /// the next request, so a consumer that has seen enough (Select-Object -First) stops the fetching.
        /// </summary>
        public async Task WhenWrittenAsync(CancellationToken cancellationToken)
        {
            var written = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            // A downstream stop ends the drain before this marker is reached: cancellation must release the wait.
            using (cancellationToken.Register(() => written.TrySetCanceled()))
            {
                Enqueue(() => written.TrySetResult(true));
                await written.Task.ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Writes the rows of each page as pages arrive. The first page is handed downstream before the second is
        /// requested, so a consumer that has seen enough (Select-Object -First 5) costs one request; after that the
        /// next page is fetched while the pipeline drains the current one, and at most one page waits unwritten.
        /// </summary>
        public async Task WritePagesAsync<TPage>(
            IAsyncEnumerable<TPage> pages, Func<TPage, object[]> rowsOf, Action<TPage> afterWrite, CancellationToken cancellationToken)
        {
            IAsyncEnumerator<TPage> enumerator = pages.GetAsyncEnumerator(cancellationToken);
            try
            {
                Task written = Task.CompletedTask;
                bool isFirstPage = true;
                ValueTask<bool> next = enumerator.MoveNextAsync();
                while (await next.ConfigureAwait(false))
                {
                    TPage page = enumerator.Current;
                    await written.ConfigureAwait(false);
                    WriteEach(rowsOf(page));
                    afterWrite(page);
                    written = WhenWrittenAsync(cancellationToken);
                    if (isFirstPage)
                    {
                        await written.ConfigureAwait(false);
                        isFirstPage = false;
                    }

                    next = enumerator.MoveNextAsync();
                }

                await written.ConfigureAwait(false);
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }

        private void Enqueue(Action action)
        {
            if (Thread.CurrentThread != _pipelineThread)
            {
                _queue.Add(action, _stopping.Token);
                return;
            }

            try
            {
                action();
            }
            catch
            {
                // A downstream stop or a terminating write reached the work directly: stop what it started, as a
                // queued write failing on the pipeline thread does.
                _stopping.Cancel();
                throw;
            }
        }
    }
}
