using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Http
{
    /// <summary>
    /// One body buffer reused by every page of a paged read. Azure.Core buffers each body into a new MemoryStream
    /// that doubles its way up to the page's size: a month of usage pages (about a megabyte each) then allocates
    /// gigabytes on the large-object heap and sets off a full collection every few pages. A read takes its pages one
    /// at a time and is done with a page before it asks for the next, so one buffer, grown to the largest page, serves all.
    /// </summary>
    public sealed class ResponseBuffer
    {
        private const int InitialSize = 1 << 16;

        /// <summary>A Content-Length is trusted this far ahead of the bytes; past it the buffer grows as they arrive.</summary>
        private const long LargestPresize = 64L << 20;

        private byte[] _bytes = new byte[InitialSize];

        /// <summary>Reads <paramref name="body"/> to its end into the buffer and disposes it.</summary>
        /// <returns>A read-only stream over the bytes read; <c>Response.Content</c> wraps it without copying.</returns>
        internal async Task<MemoryStream> FillAsync(Stream body, long? expectedLength, bool async, CancellationToken cancellationToken)
        {
            using (body)
            {
                EnsureCapacity(Math.Min(expectedLength ?? 0, LargestPresize));
                int length = 0;
                while (true)
                {
                    if (length == _bytes.Length)
                    {
                        EnsureCapacity(length + 1L, keep: length);
                    }

                    int read = async
                        ? await body.ReadAsync(_bytes, length, _bytes.Length - length, cancellationToken).ConfigureAwait(false)
                        : body.Read(_bytes, length, _bytes.Length - length);
                    if (read == 0)
                    {
                        return new MemoryStream(_bytes, 0, length, writable: false, publiclyVisible: true);
                    }

                    length += read;
                }
            }
        }

        private void EnsureCapacity(long needed, int keep = 0)
        {
            if (needed <= _bytes.Length)
            {
                return;
            }

            long size = _bytes.Length;
            while (size < needed)
            {
                size *= 2;
            }

            var bigger = new byte[Math.Min(size, int.MaxValue)];
            Buffer.BlockCopy(_bytes, 0, bigger, 0, keep);
            _bytes = bigger;
        }
    }
}
