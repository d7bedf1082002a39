using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// Base for cmdlets whose work is asynchronous. The work starts on the pipeline thread, continues on the thread
    /// pool after its first wait, and writes through the <see cref="AsyncPipeline"/> it is given, whose calls this
    /// class runs on the pipeline thread. Ctrl+C
    /// (StopProcessing) and a downstream stop such as Select-Object -First cancel the work and wait for it: nothing is
    /// left running.
    /// </summary>
    public abstract class AsyncPSCmdlet : PSCmdlet, IDisposable
    {
        private const int QueueCapacity = 2048;

        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        protected virtual Task BeginProcessingAsync(AsyncPipeline pipeline, CancellationToken cancellationToken) => Task.CompletedTask;

        protected virtual Task ProcessRecordAsync(AsyncPipeline pipeline, CancellationToken cancellationToken) => Task.CompletedTask;

        protected virtual Task EndProcessingAsync(AsyncPipeline pipeline, CancellationToken cancellationToken) => Task.CompletedTask;

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
                WriteWarning(notice);
            }
        }

        /// <summary>
        /// Runs <see cref="ProcessRecordAsync"/>. A cmdlet whose per-record work is cheap and synchronous (adding a
        /// row to a total) may override this instead and skip the hand-off, writing with the cmdlet's own Write* calls.
        /// </summary>
        protected override void ProcessRecord() => Run(ProcessRecordAsync);

        protected sealed override void EndProcessing() => Run(EndProcessingAsync);

        protected sealed override void StopProcessing() => _cancellation.Cancel();

        private void Run(Func<AsyncPipeline, CancellationToken, Task> work)
        {
            var queue = new WriteQueue(QueueCapacity);
            var pipeline = new AsyncPipeline(this, queue, _cancellation);
            // The work starts on this thread and writes directly until its first real wait: a call that never waits
            // (a card from memory) costs no thread hand-off. After that it runs on the thread pool and its writes queue.
            // No host's synchronization context may capture a continuation: this thread is busy draining the queue.
            SynchronizationContext? hostContext = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            Task running;
            try
            {
                running = RunToCompletion(work, pipeline, queue);
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(hostContext);
            }

            try
            {
                while (queue.TryTake(out Action write))
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

        private async Task RunToCompletion(Func<AsyncPipeline, CancellationToken, Task> work, AsyncPipeline pipeline, WriteQueue queue)
        {
            try
            {
                await work(pipeline, _cancellation.Token).ConfigureAwait(false);
            }
            finally
            {
                queue.CompleteAdding();
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
