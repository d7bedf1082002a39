using System;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using AzBillingInsights.Engine.Http;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>
    /// At most one page of a paged read fetched ahead, into a buffer of its own, while the page before it is still
    /// being parsed: the download and the parse then overlap instead of taking turns. The link is a guess made before
    /// the parse; a fetch nobody takes is dropped, so a wrong guess costs one request, never a wrong row.
    /// </summary>
    internal sealed class PageReadAhead : IDisposable
    {
        private readonly Func<Uri, ResponseBuffer, CancellationToken, Task<Response>> _get;
        private readonly CancellationTokenSource _stop;
        private ResponseBuffer _buffer = new ResponseBuffer();
        private Uri? _uri;
        private Task<Response>? _response;

        /// <param name="get">GETs a page into the given buffer.</param>
        /// <param name="cancellationToken">The read's token; the fetch ahead also stops when the read ends.</param>
        internal PageReadAhead(Func<Uri, ResponseBuffer, CancellationToken, Task<Response>> get, CancellationToken cancellationToken)
        {
            _get = get;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        /// <summary>Starts fetching <paramref name="uri"/>, unless a fetch is already under way.</summary>
        internal void Start(Uri uri)
        {
            if (_response is null)
            {
                _uri = uri;
                _response = _get(uri, _buffer, _stop.Token);
            }
        }

        /// <summary>
        /// The fetch of <paramref name="uri"/> if it is the one under way; it came into a buffer of the read-ahead's,
        /// which then swaps it for <paramref name="buffer"/>, the caller's, whose page the caller has finished with.
        /// </summary>
        internal Task<Response>? Take(Uri uri, ref ResponseBuffer buffer)
        {
            if (_response is null || _uri != uri)
            {
                return null;
            }

            Task<Response> response = _response;
            (_buffer, buffer) = (buffer, _buffer);
            _response = null;
            _uri = null;
            return response;
        }

        /// <summary>
        /// Waits out a fetch nobody will take, so no request outlives the read and the buffer is free again.
        /// With <paramref name="cancel"/> (the read is over) it is cancelled first.
        /// </summary>
        internal async Task DropAsync(bool cancel)
        {
            if (_response is not { } response)
            {
                return;
            }

            _response = null;
            _uri = null;
            if (cancel)
            {
                _stop.Cancel();
            }

            try
            {
                (await response.ConfigureAwait(false)).Dispose();
            }
            catch (Exception)
            {
                // A guess that was not taken: how its request ended (cancelled, failed) concerns no row. The page the
                // read does need is fetched again and reports its own failure.
            }
        }

        public void Dispose() => _stop.Dispose();
    }
}
