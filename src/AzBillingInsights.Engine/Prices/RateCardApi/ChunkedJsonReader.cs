using System;
using System.Runtime.CompilerServices;
using System.Buffers.Text;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Engine.Prices.RateCardApi
{
    /// <summary>
    /// A pull reader of JSON tokens over a stream, refilling a buffer as needed, so a body of tens of
    /// megabytes is read with a buffer the size of its largest token. Utf8JsonReader is a ref struct and
    /// cannot live in a field, so each token is read by a short-lived reader resumed from the saved state.
    /// A token's value stays valid until the next call to <see cref="Read"/>.
    /// </summary>
    internal sealed class ChunkedJsonReader
    {
        /// <summary>
        /// Parses one value with a reader over the buffered bytes, <paramref name="offset"/> being the body position
        /// where they start. Returns false when the value runs past them: more bytes are needed.
        /// </summary>
        internal delegate bool ValueParser<T>(ref Utf8JsonReader reader, long offset, out T value);

        private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

        private readonly Stream _stream;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private long _discarded;
        private bool _isFinalBlock;
        private bool _bomChecked;
        private JsonReaderState _state;
        private int _valueStart;
        private int _valueLength;
        private bool _valueIsEscaped;

        public ChunkedJsonReader(Stream stream, int bufferSize = 64 * 1024)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            _buffer = new byte[Math.Max(bufferSize, 16)];
            _state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 });
        }

        public JsonTokenType TokenType { get; private set; }
        public int Depth { get; private set; }
        /// <summary>Bytes of the body consumed so far: where the next token starts.</summary>
        public long Position => _discarded + _start;

        /// <summary>Moves to the next token; false only after a complete document.</summary>
        [MethodImpl(JitHints.HotPath)]
        public bool Read()
        {
            while (true)
            {
                if (_bomChecked)
                {
                    var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _isFinalBlock, _state);
                    bool read;
                    try
                    {
                        read = reader.Read();
                    }
                    catch (JsonException e)
                    {
                        throw Malformed(e);
                    }

                    if (read)
                    {
                        TokenType = reader.TokenType;
                        Depth = reader.CurrentDepth;
                        int tokenStart = _start + (int)reader.TokenStartIndex;
                        switch (TokenType)
                        {
                            case JsonTokenType.PropertyName:
                            case JsonTokenType.String:
                                _valueStart = tokenStart + 1; // past the opening quote
                                _valueLength = reader.ValueSpan.Length;
                                _valueIsEscaped = reader.ValueIsEscaped;
                                break;
                            case JsonTokenType.Number:
                                _valueStart = tokenStart;
                                _valueLength = reader.ValueSpan.Length;
                                _valueIsEscaped = false;
                                break;
                        }

                        _start += (int)reader.BytesConsumed;
                        _state = reader.CurrentState;
                        return true;
                    }

                    if (_isFinalBlock)
                    {
                        return false;
                    }
                }

                Refill();
            }
        }

        /// <summary>
        /// Reads the next value with one reader instead of one per token: the hot path, for the meters. When the
        /// value is not all buffered yet, the buffer is refilled and the value parsed again from its start.
        /// </summary>
        [MethodImpl(JitHints.HotPath)]
        public T ReadValue<T>(ValueParser<T> parse)
        {
            while (true)
            {
                if (_bomChecked)
                {
                    var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _isFinalBlock, _state);
                    bool complete;
                    T value;
                    try
                    {
                        complete = parse(ref reader, Position, out value);
                    }
                    catch (JsonException e)
                    {
                        throw Malformed(e);
                    }

                    if (complete)
                    {
                        TokenType = reader.TokenType;
                        Depth = reader.CurrentDepth;
                        _start += (int)reader.BytesConsumed;
                        _state = reader.CurrentState;
                        return value;
                    }

                    if (_isFinalBlock)
                    {
                        throw new RateCardFormatException("The body ends before the document is complete", Position);
                    }
                }

                Refill();
            }
        }

        /// <summary>Skips the current value (or, on a property name, the property's value) with all it contains.</summary>
        public void Skip()
        {
            if (TokenType == JsonTokenType.PropertyName)
            {
                ReadRequired();
            }

            if (TokenType == JsonTokenType.StartObject || TokenType == JsonTokenType.StartArray)
            {
                int depth = Depth;
                do
                {
                    ReadRequired();
                }
                while (!((TokenType == JsonTokenType.EndObject || TokenType == JsonTokenType.EndArray) && Depth == depth));
            }
        }

        /// <summary>Like <see cref="Read"/>, for places where the document cannot have ended.</summary>
        public void ReadRequired()
        {
            if (!Read())
            {
                throw new RateCardFormatException("The body ends before the document is complete", Position);
            }
        }

        /// <summary>True when the current property name is exactly this (ASCII) name.</summary>
        public bool NameIs(byte[] utf8Name)
        {
            if (_valueIsEscaped)
            {
                return GetString() == Encoding.UTF8.GetString(utf8Name);
            }

            return new ReadOnlySpan<byte>(_buffer, _valueStart, _valueLength).SequenceEqual(utf8Name);
        }

        /// <summary>The string value or property name; null for a JSON null.</summary>
        public string? GetString()
        {
            switch (TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                case JsonTokenType.PropertyName:
                    if (!_valueIsEscaped)
                    {
                        return _valueLength == 0 ? string.Empty : Encoding.UTF8.GetString(_buffer, _valueStart, _valueLength);
                    }

                    // Let a fresh reader unescape the token, quotes included.
                    var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _valueStart - 1, _valueLength + 2));
                    reader.Read();
                    return reader.GetString();
                case JsonTokenType.Number:
                    return Encoding.UTF8.GetString(_buffer, _valueStart, _valueLength);
                default:
                    throw Unexpected("a string");
            }
        }

        /// <summary>A number (or a numeric string, as tier keys are) read exactly as decimal; 0 for null.</summary>
        public decimal GetDecimal()
        {
            if (TokenType == JsonTokenType.Null)
            {
                return 0m;
            }

            bool isText = TokenType == JsonTokenType.String || TokenType == JsonTokenType.PropertyName;
            if (TokenType == JsonTokenType.Number || (isText && !_valueIsEscaped))
            {
                if (TryParseDecimal(new ReadOnlySpan<byte>(_buffer, _valueStart, _valueLength), out decimal value))
                {
                    return value;
                }
            }
            else if (isText)
            {
                if (TryParseDecimal(GetString(), out decimal value))
                {
                    return value;
                }
            }

            throw Unexpected("a decimal number");
        }

        /// <summary>A number as decimal, exactly: plain or in exponent notation.</summary>
        internal static bool TryParseDecimal(ReadOnlySpan<byte> utf8, out decimal value)
        {
            char format = utf8.IndexOfAny((byte)'e', (byte)'E') >= 0 ? 'e' : default;
            return Utf8Parser.TryParse(utf8, out value, out int consumed, format) && consumed == utf8.Length;
        }

        internal static bool TryParseDecimal(string? text, out decimal value) =>
            decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        public bool GetBoolean()
        {
            switch (TokenType)
            {
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                case JsonTokenType.Null:
                    return false;
                default:
                    throw Unexpected("true or false");
            }
        }

        public DateTimeOffset GetDateTimeOffset()
        {
            string? text = GetString();
            if (string.IsNullOrEmpty(text))
            {
                return default;
            }

            if (TryParseDate(text, out DateTimeOffset value))
            {
                return value;
            }

            throw Unexpected("a date and time");
        }

        /// <summary>An EffectiveDate: a time without an offset is UTC.</summary>
        internal static bool TryParseDate(string? text, out DateTimeOffset value) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

        public RateCardFormatException Unexpected(string expected)
        {
            string found = TokenType == JsonTokenType.String || TokenType == JsonTokenType.Number
                ? $"{TokenType} '{Truncate(Encoding.UTF8.GetString(_buffer, _valueStart, _valueLength))}'"
                : TokenType.ToString();
            return new RateCardFormatException($"Expected {expected} but found {found}", Position);
        }

        /// <summary>The same complaint as <see cref="Unexpected(string)"/>, about the token a <see cref="ValueParser{T}"/> is on.</summary>
        internal static RateCardFormatException Unexpected(ref Utf8JsonReader reader, long offset, string expected)
        {
            string found = reader.TokenType == JsonTokenType.String || reader.TokenType == JsonTokenType.Number
                ? $"{reader.TokenType} '{Truncate(Encoding.UTF8.GetString(reader.ValueSpan.ToArray()))}'"
                : reader.TokenType.ToString();
            return new RateCardFormatException($"Expected {expected} but found {found}", offset + reader.BytesConsumed);
        }

        private RateCardFormatException Malformed(JsonException e)
        {
            string what = IsValidPrefix() ? "The body ends before the document is complete" : "The body is not valid JSON";
            return new RateCardFormatException($"{what}: {e.Message}", Position, e);
        }

        /// <summary>At the end of the body: would the rest be fine if more bytes followed? Then the body was cut off.</summary>
        private bool IsValidPrefix()
        {
            if (!_isFinalBlock)
            {
                return false;
            }

            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), isFinalBlock: false, _state);
            try
            {
                while (reader.Read())
                {
                }

                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static string Truncate(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";

        [MethodImpl(JitHints.HotPath)]
        private void Refill()
        {
            do
            {
                int remaining = _end - _start;
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
                    _discarded += _start;
                    _start = 0;
                    _end = remaining;
                }

                if (_end == _buffer.Length)
                {
                    // One token is larger than the buffer.
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    _isFinalBlock = true;
                }

                _end += read;

                if (!_bomChecked && (_end >= Utf8Bom.Length || _isFinalBlock))
                {
                    // The RateCard blob carried a UTF-8 byte-order mark for a while; Utf8JsonReader rejects it.
                    if (new ReadOnlySpan<byte>(_buffer, 0, _end).StartsWith(Utf8Bom))
                    {
                        _start = Utf8Bom.Length;
                    }

                    _bomChecked = true;
                }
            }
            while (!_bomChecked);
        }
    }
}
