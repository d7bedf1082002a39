using System;
using System.Collections.Generic;
using System.Threading;

namespace AzBillingInsights.Commands
{
    /// <summary>
    /// The bounded queue of writes an <see cref="AsyncPSCmdlet"/>'s work hands to the pipeline thread. Taking from an
    /// empty queue blocks at once: BlockingCollection's semaphore spins first, and on a two-core machine, reading a
    /// month of Cost Details (a hand-off every 256 rows), that spinning took about a third of a second of processor
    /// time from the reading on the other core. A full queue makes the work wait, so a slow consumer slows the producer.
    /// </summary>
    internal sealed class WriteQueue
    {
        private static readonly TimeSpan FullQueueRecheck = TimeSpan.FromMilliseconds(100);

        private readonly Queue<Action> _writes = new Queue<Action>();
        private readonly int _capacity;
        private bool _completed;

        internal WriteQueue(int capacity) => _capacity = capacity;

        /// <exception cref="OperationCanceledException">The command is stopping.</exception>
        /// <exception cref="InvalidOperationException">The work has already ended (<see cref="CompleteAdding"/>).</exception>
        internal void Add(Action write, CancellationToken cancellationToken)
        {
            lock (_writes)
            {
                while (_writes.Count >= _capacity && !_completed)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Monitor.Wait(_writes, FullQueueRecheck);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (_completed)
                {
                    throw new InvalidOperationException("The command's work has ended; nothing more can be written.");
                }

                _writes.Enqueue(write);
                if (_writes.Count == 1)
                {
                    Monitor.PulseAll(_writes);
                }
            }
        }

        /// <summary>No more writes will come: <see cref="TryTake"/> returns false once the queue is empty.</summary>
        internal void CompleteAdding()
        {
            lock (_writes)
            {
                _completed = true;
                Monitor.PulseAll(_writes);
            }
        }

        /// <summary>The next write, waiting for one; false when the work has ended and every write was taken.</summary>
        internal bool TryTake(out Action write)
        {
            lock (_writes)
            {
                while (_writes.Count == 0 && !_completed)
                {
                    Monitor.Wait(_writes);
                }

                if (_writes.Count == 0)
                {
                    write = null!;
                    return false;
                }

                bool wasFull = _writes.Count >= _capacity;
                write = _writes.Dequeue();
                if (wasFull)
                {
                    Monitor.PulseAll(_writes);
                }

                return true;
            }
        }
    }
}
