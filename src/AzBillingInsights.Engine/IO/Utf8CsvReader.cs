using System;
using System.Buffers;
using System.IO;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.IO
{
    /// <summary>
    /// Reads RFC 4180 CSV records (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF) straight from
    /// UTF-8 bytes. A cost report is hundreds of megabytes whose cells mostly repeat the row before, so this reader
    /// finds delimiters 32 bytes at a time and never decodes the whole text to UTF-16: its caller decodes the fields it
    /// needs (<see cref="Text"/>), copies a record it keeps (<see cref="ToRecord"/>), and skips parsing a field whose
    /// bytes repeat the record before's (<see cref="IsSameAsPrevious"/>). The buffer holds the current and the previous
    /// record and grows only for a record longer than itself, so memory stays flat however long the stream is. It is
    /// rented, and returned on <see cref="Dispose"/>.
    /// </summary>
    internal sealed class Utf8CsvReader : IDisposable
    {
        /// <summary>
        /// How much is asked of the stream at a time. A reader asking for a little at a time leaves a fast sender's data
        /// queued in the socket, and the sender then trickles it out in small sends: reading a month of Cost Details from
        /// the emulator with 256 KB reads cost the emulator twice the processor time of 4 MB reads, on the same cores.
        /// </summary>
        private const int ReadSize = 4 * 1024 * 1024;
        private const int MaxRecordBytes = 64 * 1024 * 1024;

        private readonly Stream _stream;
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        private int _filled;
        private bool _endOfStream;
        private bool _startChecked;

        private int _recordStart;
        private int _nextRecordStart;
        private int[] _ends = new int[64];

        private int _previousStart;
        private int _previousFieldCount;
        private int[] _previousEnds = new int[64];

        internal Utf8CsvReader(Stream stream) => _stream = stream ?? throw new ArgumentNullException(nameof(stream));

        /// <summary>Fields in the current record.</summary>
        internal int FieldCount { get; private set; }

        /// <summary>Moves to the next record; false at the end of the stream.</summary>
        /// <exception cref="InvalidDataException">The stream is UTF-16 or gzip, ends inside a quoted field, or has a record over 64 MB.</exception>
        internal ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            MoveToNextRecord();
            return TryScanRecord() ? new ValueTask<bool>(true) : ReadMoreAsync(cancellationToken);
        }

        /// <summary>The number of the current record: the first (the header, when there is one) is 1.</summary>
        internal long RecordNumber { get; private set; }

        /// <summary>The bytes of the current record's field <paramref name="index"/> as written, quotes included.</summary>
        internal ReadOnlySpan<byte> Field(int index)
        {
            int start = index == 0 ? 0 : _ends[index - 1] + 1;
            return _buffer.AsSpan(_recordStart + start, _ends[index] - start);
        }

        /// <summary>The text of the current record's field <paramref name="index"/>, quotes removed.</summary>
        internal string Text(int index) => CsvRecord.Decode(Field(index));

        /// <summary>True when field <paramref name="index"/> has the same bytes as in the record before: its value need not be parsed again.</summary>
        [MethodImpl(JitHints.HotPath)]
        internal bool IsSameAsPrevious(int index)
        {
            if (index >= _previousFieldCount)
            {
                return false;
            }

            int start = index == 0 ? 0 : _ends[index - 1] + 1;
            int previousStart = index == 0 ? 0 : _previousEnds[index - 1] + 1;
            return _buffer.AsSpan(_recordStart + start, _ends[index] - start)
                .SequenceEqual(_buffer.AsSpan(_previousStart + previousStart, _previousEnds[index] - previousStart));
        }

        /// <summary>A copy of the current record's first <paramref name="fieldCount"/> fields, decoded only when read.</summary>
        [MethodImpl(JitHints.HotPath)]
        internal CsvRecord ToRecord(int fieldCount)
        {
            if ((uint)fieldCount > (uint)FieldCount)
            {
                throw new ArgumentOutOfRangeException(nameof(fieldCount), fieldCount, $"The record has {FieldCount} fields.");
            }

            int length = fieldCount == 0 ? 0 : _ends[fieldCount - 1];
            return new CsvRecord(_buffer.AsSpan(_recordStart, length).ToArray(), _ends.AsSpan(0, fieldCount).ToArray());
        }

        /// <summary>The record just read becomes the previous one, kept in the buffer for <see cref="IsSameAsPrevious"/>.</summary>
        private void MoveToNextRecord()
        {
            if (FieldCount == 0)
            {
                return; // no record yet, or the stream has ended
            }

            (_previousEnds, _ends) = (_ends, _previousEnds);
            _previousStart = _recordStart;
            _previousFieldCount = FieldCount;
            _recordStart = _nextRecordStart;
            FieldCount = 0;
        }

        private async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
        {
            while (!_endOfStream)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
                if (TryScanRecord())
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Moves the previous and current records to the front of the buffer (growing it when they fill it) and reads more after them.</summary>
        private async ValueTask FillAsync(CancellationToken cancellationToken)
        {
            int keep = _previousFieldCount == 0 ? _recordStart : _previousStart;
            if (keep > 0)
            {
                Buffer.BlockCopy(_buffer, keep, _buffer, 0, _filled - keep);
                _filled -= keep;
                _recordStart -= keep;
                _nextRecordStart = _recordStart;
                _previousStart -= keep;
            }

            if (_filled == _buffer.Length)
            {
                if (_buffer.Length >= MaxRecordBytes)
                {
                    throw new InvalidDataException($"A CSV record is longer than {MaxRecordBytes / (1024 * 1024)} MB: the file is not CSV, or a quote is never closed.");
                }

                byte[] larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                Buffer.BlockCopy(_buffer, 0, larger, 0, _filled);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            int read = await _stream.ReadAsync(_buffer.AsMemory(_filled), cancellationToken).ConfigureAwait(false);
            _filled += read;
            _endOfStream = read == 0;
            if (!_startChecked && (_filled >= 3 || _endOfStream))
            {
                SkipByteOrderMark();
            }
        }

        /// <summary>UTF-8's byte-order mark is skipped; UTF-16 and gzip are refused rather than read as garbage.</summary>
        private void SkipByteOrderMark()
        {
            _startChecked = true;
            ReadOnlySpan<byte> start = _buffer.AsSpan(0, _filled);
            if (start.StartsWith("\uFEFF"u8))
            {
                _recordStart = _nextRecordStart = 3;
            }
            else if (start.StartsWith(new byte[] { 0xFF, 0xFE }) || start.StartsWith(new byte[] { 0xFE, 0xFF }))
            {
                throw new InvalidDataException("The CSV is UTF-16; it is read as UTF-8, the encoding Cost Management writes. Save it as UTF-8 and read it again.");
            }
            else if (start.StartsWith(new byte[] { 0x1F, 0x8B }))
            {
                throw new InvalidDataException("The data is gzip-compressed, not CSV text: decompress it first (a Cost Details report whose manifest says compressData is decompressed as it is read).");
            }
        }

        /// <summary>
        /// Finds the end of every field of the record at <see cref="_recordStart"/>. False when the buffer ends before
        /// the record does (and the stream has more) or nothing is left.
        /// </summary>
        [MethodImpl(JitHints.HotPath)]
        private bool TryScanRecord()
        {
            if (!_startChecked)
            {
                return false;
            }

            byte[] buffer = _buffer;
            int recordStart = _recordStart;
            int filled = _filled;
            if (recordStart >= filled)
            {
                return false;
            }

            int fields = 0;
            int fieldStart = recordStart;
            bool inQuotes = false;
            bool escapedQuoteNext = false;
            ref byte origin = ref MemoryMarshal.GetArrayDataReference(buffer);
            for (int block = recordStart; block < filled; block += 32)
            {
                uint specials = filled - block >= 32 ? SpecialsIn32(ref Unsafe.Add(ref origin, block)) : SpecialsInTail(buffer.AsSpan(block, filled - block));
                while (specials != 0)
                {
                    int at = block + BitOperations.TrailingZeroCount(specials);
                    specials &= specials - 1;
                    byte special = buffer[at];
                    if (inQuotes)
                    {
                        if (special != (byte)'"')
                        {
                            continue;
                        }

                        if (escapedQuoteNext)
                        {
                            escapedQuoteNext = false;
                        }
                        else if (at + 1 < filled)
                        {
                            escapedQuoteNext = buffer[at + 1] == (byte)'"';
                            inQuotes = escapedQuoteNext;
                        }
                        else if (_endOfStream)
                        {
                            inQuotes = false;
                        }
                        else
                        {
                            return false; // a doubled quote or the closing one: the next byte decides
                        }

                        continue;
                    }

                    if (special == (byte)'"')
                    {
                        inQuotes = at == fieldStart; // a quote inside an unquoted field is text
                        continue;
                    }

                    bool endsRecord = special == (byte)'\n';
                    int end = endsRecord && at > fieldStart && buffer[at - 1] == (byte)'\r' ? at - 1 : at;
                    AddField(ref fields, end - recordStart);
                    if (endsRecord)
                    {
                        return EndRecord(fields, at + 1);
                    }

                    fieldStart = at + 1;
                }
            }

            if (!_endOfStream)
            {
                return false;
            }

            if (inQuotes)
            {
                throw new InvalidDataException("The CSV ends inside a quoted field: it was cut off.");
            }

            int last = filled > fieldStart && buffer[filled - 1] == (byte)'\r' ? filled - 1 : filled;
            AddField(ref fields, last - recordStart);
            return EndRecord(fields, filled);
        }

        public void Dispose()
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = Array.Empty<byte>();
            }
        }

        private void AddField(ref int fields, int end)
        {
            if (fields == _ends.Length)
            {
                Array.Resize(ref _ends, fields * 2);
            }

            _ends[fields++] = end;
        }

        private bool EndRecord(int fields, int next)
        {
            FieldCount = fields;
            RecordNumber++;
            _nextRecordStart = next;
            return true;
        }

        /// <summary>A bit for each comma, quote or line feed of the 32 bytes at <paramref name="at"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint SpecialsIn32(ref byte at)
        {
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<byte> bytes = Vector256.LoadUnsafe(ref at);
                return (Vector256.Equals(bytes, Vector256.Create((byte)','))
                    | Vector256.Equals(bytes, Vector256.Create((byte)'"'))
                    | Vector256.Equals(bytes, Vector256.Create((byte)'\n'))).ExtractMostSignificantBits();
            }

            return SpecialsIn16(Vector128.LoadUnsafe(ref at)) | (SpecialsIn16(Vector128.LoadUnsafe(ref at, 16)) << 16);
        }

        private static uint SpecialsIn16(Vector128<byte> bytes) =>
            (Vector128.Equals(bytes, Vector128.Create((byte)','))
            | Vector128.Equals(bytes, Vector128.Create((byte)'"'))
            | Vector128.Equals(bytes, Vector128.Create((byte)'\n'))).ExtractMostSignificantBits();

        private static uint SpecialsInTail(ReadOnlySpan<byte> tail)
        {
            uint specials = 0;
            for (int i = 0; i < tail.Length; i++)
            {
                if (tail[i] is (byte)',' or (byte)'"' or (byte)'\n')
                {
                    specials |= 1u << i;
                }
            }

            return specials;
        }
    }
}
