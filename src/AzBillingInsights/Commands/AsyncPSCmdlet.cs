using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Base for cmdlets whose work is asynchronous. The work runs on the thread pool; every Write* call is queued
    /// and run on the pipeline thread, which is the only thread PowerShell lets write. The queue is bounded, so a
    /// slow consumer slows the producer instead of buffering a month of rows. Ctrl+C (StopProcessing) and a
    /// downstream stop such as Select-Object -First cancel the work and wait for it: nothing is left running.
    /// </summary>
    public abstract class AsyncPSCmdlet : PSCmdlet, IDisposable
    {
        private const int QueueCapacity = 2048;

        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private BlockingCollection<Action>? _queue;

        protected CancellationToken CancelToken => _cancellation.Token;

        protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <summary>How long before a token that cannot be renewed expires each command starts to warn.</summary>
        private static readonly TimeSpan TokenExpiryWarningWindow = TimeSpan.FromMinutes(10);

        protected sealed override void BeginProcessing()
        {
            WarnIfTokenExpiresSoon();
            Run(BeginProcessingAsync);
        }

        /// <summary>A token given with -AccessToken cannot be renewed: say so before the call that it would fail.</summary>
        protected virtual void WarnIfTokenExpiresSoon()
        {
            string? notice = BillingSession.Current?.TokenExpiryNotice(DateTimeOffset.UtcNow, TokenExpiryWarningWindow);
            if (notice is not null)
            {
                base.WriteWarning(notice);
            }
        }

        /// <summary>
        /// Runs <see cref="ProcessRecordAsync"/>. A cmdlet whose per-record work is cheap and synchronous (adding a
        /// row to a total) may override this instead and skip the hand-off; Write* calls then write at once.
        /// </summary>
        protected override void ProcessRecord() => Run(ProcessRecordAsync);

        protected sealed override void EndProcessing() => Run(EndProcessingAsync);

        protected sealed override void StopProcessing() => _cancellation.Cancel();

        public new void WriteObject(object? sendToPipeline) => Enqueue(() => base.WriteObject(sendToPipeline));

        public new void WriteObject(object? sendToPipeline, bool enumerateCollection) =>
            Enqueue(() => base.WriteObject(sendToPipeline, enumerateCollection));

        public new void WriteError(ErrorRecord errorRecord) => Enqueue(() => base.WriteError(errorRecord));

        public new void WriteWarning(string text) => Enqueue(() => base.WriteWarning(text));

        public new void WriteVerbose(string text) => Enqueue(() => base.WriteVerbose(text));

        public new void WriteDebug(string text) => Enqueue(() => base.WriteDebug(text));

        public new void WriteProgress(ProgressRecord progressRecord) => Enqueue(() => base.WriteProgress(progressRecord));

        /// <summary>
        /// Completes once everything written so far has been handed downstream. Paged readers wait on it before
        /// the next request, so a consumer that has seen enough (Select-Object -First) stops the fetching.
        /// </summary>
        protected async Task WhenWrittenAsync(CancellationToken cancellationToken)
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
        protected async Task WritePagesAsync<TPage>(
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

        /// <summary>
        /// Writes <paramref name="items"/> one by one, in one queued write. Each goes through WriteObject on its own:
        /// PowerShell hands objects on faster that way than when it enumerates an array itself (WriteObject(items,
        /// true)): 274,000 objects into Measure-Object took 0.40 s against 0.49 s in a fresh pwsh.
        /// </summary>
        protected void WriteEach(object[] items) => Enqueue(() =>
        {
            foreach (object item in items)
            {
                base.WriteObject(item);
            }
        });

        /// <summary>ShouldProcess asked on the pipeline thread (it may prompt), awaited by the work.</summary>
        protected Task<bool> ShouldProcessAsync(string target, string action)
        {
            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Enqueue(() =>
            {
                try
                {
                    answer.SetResult(ShouldProcess(target, action));
                }
                catch (Exception e)
                {
                    answer.SetException(e);
                    throw;
                }
            });
            return answer.Task;
        }

        private void Enqueue(Action action)
        {
            BlockingCollection<Action>? queue = _queue;
            if (queue is null)
            {
                // A synchronous override (ProcessRecord) runs on the pipeline thread: write at once.
                action();
                return;
            }

            queue.Add(action, _cancellation.Token);
        }

        private void Run(Func<CancellationToken, Task> work)
        {
            using var queue = new BlockingCollection<Action>(QueueCapacity);
            _queue = queue;
            Task running = Task.Run(async () =>
            {
                try
                {
                    await work(_cancellation.Token).ConfigureAwait(false);
                }
                finally
                {
                    queue.CompleteAdding();
                }
            });

            try
            {
                foreach (Action write in queue.GetConsumingEnumerable())
                {
                    write();
                }
            }
            catch
            {
                // A downstream stop or a terminating write: stop the work and wait so nothing runs on unseen.
                _cancellation.Cancel();
                WaitQuietly(running);
                throw;
            }
            finally
            {
                _queue = null;
            }

            try
            {
                running.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (CmdletTerminatingException e)
            {
                ThrowTerminatingError(e.ErrorRecord);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorFactory.FromException(e));
            }
        }

        private static void WaitQuietly(Task task)
        {
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // The pipeline's own exception is the one to report; the work's (usually a cancellation) is moot.
            }
        }

        public void Dispose()
        {
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Thrown by asynchronous work to end the cmdlet with a terminating error on the pipeline thread.</summary>
    public sealed class CmdletTerminatingException : Exception
    {
        public CmdletTerminatingException(ErrorRecord errorRecord)
            : base(errorRecord.Exception?.Message ?? errorRecord.ToString(), errorRecord.Exception)
        {
            ErrorRecord = errorRecord;
        }

        public ErrorRecord ErrorRecord { get; }
    }
}
