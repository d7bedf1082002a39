using System;
using System.IO;
using System.Threading;

namespace AzBillingInsights.Engine.RateCards
{
    /// <summary>
    /// Reads a body and writes every byte read to a copy as it passes, so a downloaded card is parsed and
    /// saved in one pass instead of being saved first and read back.
    /// </summary>
    internal sealed class CopyingReadStream : Stream
    {
        private readonly Stream _source;
        private readonly Stream _copy;
        private readonly CancellationToken _cancellationToken;

        public CopyingReadStream(Stream source, Stream copy, CancellationToken cancellationToken)
        {
            _source = source;
            _copy = copy;
            _cancellationToken = cancellationToken;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        /// <summary>Copies what the reader left unread (whitespace after the document), so the copy is the whole body.</summary>
        public void CopyRest()
        {
            byte[] buffer = new byte[4096];
            while (Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            // Reads are synchronous (the parser pulls): cancellation is honoured between them.
            _cancellationToken.ThrowIfCancellationRequested();
            int read = _source.Read(buffer, offset, count);
            _copy.Write(buffer, offset, read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
