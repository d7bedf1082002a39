using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Prices.RateCardApi
{
    /// <summary>
    /// Reads the elements of a Meters array, one whole meter per <see cref="ChunkedJsonReader.ReadValue{T}"/>.
    /// Tens of thousands of meters share a few hundred categories, regions, units, names and dates, so those
    /// are made once per distinct text: fewer strings to build and collect, and the meters share them.
    /// </summary>
    internal sealed class MeterParser
    {
        private static readonly byte[] EffectiveDateName = Encoding.UTF8.GetBytes("EffectiveDate");
        private static readonly byte[] IncludedQuantityName = Encoding.UTF8.GetBytes("IncludedQuantity");
        private static readonly byte[] MeterCategoryName = Encoding.UTF8.GetBytes("MeterCategory");
        private static readonly byte[] MeterIdName = Encoding.UTF8.GetBytes("MeterId");
        private static readonly byte[] MeterNameName = Encoding.UTF8.GetBytes("MeterName");
        private static readonly byte[] MeterRatesName = Encoding.UTF8.GetBytes("MeterRates");
        private static readonly byte[] MeterRegionName = Encoding.UTF8.GetBytes("MeterRegion");
        private static readonly byte[] MeterStatusName = Encoding.UTF8.GetBytes("MeterStatus");
        private static readonly byte[] MeterSubCategoryName = Encoding.UTF8.GetBytes("MeterSubCategory");
        private static readonly byte[] MeterTagsName = Encoding.UTF8.GetBytes("MeterTags");
        private static readonly byte[] UnitName = Encoding.UTF8.GetBytes("Unit");

        private static readonly Utf8ValueCache<string>.Factory DecodeString = utf8 => Encoding.UTF8.GetString(utf8.ToArray());
        // An unreadable date is remembered too, as an empty box.
        private static readonly Utf8ValueCache<StrongBox<DateTimeOffset?>>.Factory ParseDate = utf8 =>
            new StrongBox<DateTimeOffset?>(ChunkedJsonReader.TryParseDate(Encoding.UTF8.GetString(utf8.ToArray()), out DateTimeOffset date) ? date : null);

        private readonly Utf8ValueCache<string> _strings = new Utf8ValueCache<string>(capacity: 1 << 14);
        private readonly Utf8ValueCache<StrongBox<DateTimeOffset?>> _dates = new Utf8ValueCache<StrongBox<DateTimeOffset?>>(capacity: 1 << 10);
        private readonly List<MeterRate> _tiers = new List<MeterRate>();
        private readonly ChunkedJsonReader.ValueParser<Meter?> _tryRead;
        private int _count;

        public MeterParser() => _tryRead = TryRead;

        /// <summary>
        /// The meters of the array <paramref name="json"/> is at the start of; leaves it on the array's end.
        /// <paramref name="onMeterRead"/>, when given, gets each meter as soon as it is read, in array order.
        /// </summary>
        [MethodImpl(JitHints.HotPath)]
        public List<Meter> ReadAll(ChunkedJsonReader json, Action<Meter>? onMeterRead = null)
        {
            var meters = new List<Meter>(4096);
            while (json.ReadValue(_tryRead) is Meter meter)
            {
                meters.Add(meter);
                onMeterRead?.Invoke(meter);
            }

            return meters;
        }

        /// <summary>The next meter; null at the end of the array; false when the meter is not all buffered.</summary>
        [MethodImpl(JitHints.HotPath)]
        private bool TryRead(ref Utf8JsonReader reader, long offset, out Meter? meter)
        {
            meter = null;
            if (!reader.Read())
            {
                return false;
            }

            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw ChunkedJsonReader.Unexpected(ref reader, offset, "a meter object");
            }

            long start = offset + reader.BytesConsumed;
            string? id = null, name = null, category = null, subCategory = null, region = null, unit = null, status = null;
            MeterRate[] rates = Array.Empty<MeterRate>();
            string[] tags = Array.Empty<string>();
            decimal included = 0m;
            DateTimeOffset effective = default;

            while (true)
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    throw ChunkedJsonReader.Unexpected(ref reader, offset, "a property name");
                }

                Field field = FieldOf(ref reader);
                if (field == Field.Rates || field == Field.Tags || field == Field.Unknown)
                {
                    // Containers are read only once all buffered, so their readers need not handle running out of bytes.
                    var probe = reader;
                    if (!probe.Read() || !probe.TrySkip())
                    {
                        return false;
                    }
                }

                if (!reader.Read())
                {
                    return false;
                }

                switch (field)
                {
                    case Field.Id:
                        id = GetText(ref reader, offset);
                        break;
                    case Field.Name:
                        name = GetSharedText(ref reader, offset);
                        break;
                    case Field.Category:
                        category = GetSharedText(ref reader, offset);
                        break;
                    case Field.SubCategory:
                        subCategory = GetSharedText(ref reader, offset);
                        break;
                    case Field.Region:
                        region = GetSharedText(ref reader, offset);
                        break;
                    case Field.Unit:
                        unit = GetSharedText(ref reader, offset);
                        break;
                    case Field.Status:
                        status = GetSharedText(ref reader, offset);
                        break;
                    case Field.IncludedQuantity:
                        included = GetDecimal(ref reader, offset);
                        break;
                    case Field.EffectiveDate:
                        effective = GetDate(ref reader, offset);
                        break;
                    case Field.Rates:
                        rates = ReadRates(ref reader, offset);
                        break;
                    case Field.Tags:
                        tags = ReadTags(ref reader, offset);
                        break;
                    default:
                        _ = reader.TrySkip(); // whole: probed above
                        break;
                }
            }

            if (string.IsNullOrEmpty(id))
            {
                throw new RateCardFormatException($"Meter #{_count + 1} has no MeterId", start);
            }

            _count++;
            meter = new Meter(id!, name ?? string.Empty, category ?? string.Empty, subCategory ?? string.Empty, region ?? string.Empty,
                unit ?? string.Empty, rates, included, effective, status, tags);
            return true;
        }

        [MethodImpl(JitHints.HotPath)]
        private static Field FieldOf(ref Utf8JsonReader reader) =>
            reader.ValueTextEquals(MeterIdName) ? Field.Id
            : reader.ValueTextEquals(MeterNameName) ? Field.Name
            : reader.ValueTextEquals(MeterCategoryName) ? Field.Category
            : reader.ValueTextEquals(MeterSubCategoryName) ? Field.SubCategory
            : reader.ValueTextEquals(MeterRegionName) ? Field.Region
            : reader.ValueTextEquals(UnitName) ? Field.Unit
            : reader.ValueTextEquals(MeterStatusName) ? Field.Status
            : reader.ValueTextEquals(MeterRatesName) ? Field.Rates
            : reader.ValueTextEquals(IncludedQuantityName) ? Field.IncludedQuantity
            : reader.ValueTextEquals(EffectiveDateName) ? Field.EffectiveDate
            : reader.ValueTextEquals(MeterTagsName) ? Field.Tags
            : Field.Unknown;

        /// <summary>Tier keys are decimal strings in mixed spellings ("1024", "1024.0000000000"): parse, then order.</summary>
        [MethodImpl(JitHints.HotPath)]
        private MeterRate[] ReadRates(ref Utf8JsonReader reader, long offset)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return Array.Empty<MeterRate>();
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw ChunkedJsonReader.Unexpected(ref reader, offset, "the MeterRates object");
            }

            _tiers.Clear();
            bool ordered = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                decimal startQuantity = GetDecimal(ref reader, offset);
                reader.Read();
                decimal unitPrice = GetDecimal(ref reader, offset);
                if (_tiers.Count > 0 && _tiers[_tiers.Count - 1].StartQuantity >= startQuantity)
                {
                    ordered = false;
                }

                _tiers.Add(new MeterRate(startQuantity, unitPrice));
            }

            if (!ordered)
            {
                _tiers.Sort((a, b) => a.StartQuantity.CompareTo(b.StartQuantity));
                for (int i = 1; i < _tiers.Count; i++)
                {
                    if (_tiers[i].StartQuantity == _tiers[i - 1].StartQuantity)
                    {
                        throw new RateCardFormatException($"MeterRates lists the tier starting at {_tiers[i].StartQuantity} twice", offset + reader.BytesConsumed);
                    }
                }
            }

            return _tiers.ToArray();
        }

        [MethodImpl(JitHints.HotPath)]
        private string[] ReadTags(ref Utf8JsonReader reader, long offset)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return Array.Empty<string>();
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw ChunkedJsonReader.Unexpected(ref reader, offset, "an array of strings");
            }

            List<string>? tags = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                string? tag = GetSharedText(ref reader, offset);
                if (tag is not null)
                {
                    (tags ??= new List<string>()).Add(tag);
                }
            }

            return tags is null ? Array.Empty<string>() : tags.ToArray();
        }

        /// <summary>Text seen once per meter (its id): decoded each time.</summary>
        [MethodImpl(JitHints.HotPath)]
        private static string? GetText(ref Utf8JsonReader reader, long offset)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    return Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                default:
                    throw ChunkedJsonReader.Unexpected(ref reader, offset, "a string");
            }
        }

        /// <summary>Text many meters repeat: one string per distinct value.</summary>
        [MethodImpl(JitHints.HotPath)]
        private string? GetSharedText(ref Utf8JsonReader reader, long offset) =>
            reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                ? _strings.GetOrAdd(reader.ValueSpan, DecodeString)
                : GetText(ref reader, offset);

        [MethodImpl(JitHints.HotPath)]
        private static decimal GetDecimal(ref Utf8JsonReader reader, long offset)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return 0m;
                case JsonTokenType.Number:
                case JsonTokenType.String when !reader.ValueIsEscaped:
                case JsonTokenType.PropertyName when !reader.ValueIsEscaped:
                    if (ChunkedJsonReader.TryParseDecimal(reader.ValueSpan, out decimal value))
                    {
                        return value;
                    }

                    break;
                case JsonTokenType.String:
                case JsonTokenType.PropertyName:
                    if (ChunkedJsonReader.TryParseDecimal(reader.GetString(), out decimal unescaped))
                    {
                        return unescaped;
                    }

                    break;
            }

            throw ChunkedJsonReader.Unexpected(ref reader, offset, "a decimal number");
        }

        [MethodImpl(JitHints.HotPath)]
        private DateTimeOffset GetDate(ref Utf8JsonReader reader, long offset)
        {
            if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length > 0)
            {
                return _dates.GetOrAdd(reader.ValueSpan, ParseDate).Value ?? throw ChunkedJsonReader.Unexpected(ref reader, offset, "a date and time");
            }

            string? text = GetText(ref reader, offset);
            if (string.IsNullOrEmpty(text))
            {
                return default;
            }

            return ChunkedJsonReader.TryParseDate(text, out DateTimeOffset value) ? value : throw ChunkedJsonReader.Unexpected(ref reader, offset, "a date and time");
        }

        private enum Field
        {
            Unknown,
            Id,
            Name,
            Category,
            SubCategory,
            Region,
            Unit,
            Status,
            Rates,
            IncludedQuantity,
            EffectiveDate,
            Tags,
        }
    }
}
