using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>
    /// Hands the meters of a download to the caller that started it, until that caller detaches. Calls run under a
    /// lock, so once <see cref="Detach"/> returns no call is running and none will start. A callback that throws is
    /// detached and its exception kept for its own caller: the shared download never sees it.
    /// </summary>
    internal sealed class MeterRelay
    {
        private readonly object _gate = new object();
        private readonly Action<Meter> _onMeterRead;
        private readonly TaskCompletionSource<bool> _failed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private List<Meter>? _beforeJoin = new List<Meter>();
        private bool _detached;

        public MeterRelay(Action<Meter> onMeterRead) => _onMeterRead = onMeterRead;

        /// <summary>Faults with the callback's exception; never completes otherwise.</summary>
        public Task Failed => _failed.Task;

        public void Deliver(Meter meter)
        {
            lock (_gate)
            {
                if (_detached)
                {
                    return;
                }

                if (_beforeJoin is not null)
                {
                    _beforeJoin.Add(meter);
                    return;
                }

                Hand(meter);
            }
        }

        /// <summary>
        /// The caller has joined the download: meters read before that are handed over now, in order. Until then
        /// they are held back, because a caller that fails to join (another caller abandoned the download in the
        /// meantime) starts afresh, and must not have seen the first meters twice.
        /// </summary>
        public void Open()
        {
            lock (_gate)
            {
                List<Meter> held = _beforeJoin ?? throw new InvalidOperationException("The relay is open already.");
                _beforeJoin = null;
                foreach (Meter meter in held)
                {
                    if (_detached)
                    {
                        return;
                    }

                    Hand(meter);
                }
            }
        }

        private void Hand(Meter meter)
        {
            try
            {
                _onMeterRead(meter);
            }
            catch (Exception e)
            {
                _detached = true;
                _failed.TrySetException(e);
            }
        }

        public void Detach()
        {
            lock (_gate)
            {
                _detached = true;
            }
        }
    }
}
