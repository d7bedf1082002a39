using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>
    /// The disk cache's format of a <see cref="PriceList"/>: a small header (source, origin, key, retrieval time,
    /// meter count) that listing reads alone, then the model itself, its repeated strings (categories, regions,
    /// units) written once in a table. Versioned: a file of another version is not read. Read back, it is the parsed
    /// model as the source yielded it, with no JSON to parse again.
    /// </summary>
    internal static class PriceListFile
    {
        private const int Magic = 0x4C50_425A; // "ZBPL"
        private const int Version = 1;
        private const int EndMarker = ~Magic;

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public static byte[] Write(PriceList prices)
        {
            var strings = new StringTable();
            foreach (Meter meter in prices.Meters)
            {
                strings.Add(meter.MeterName, meter.MeterCategory, meter.MeterSubCategory, meter.MeterRegion, meter.Unit, meter.MeterStatus);
                foreach (string tag in meter.MeterTags)
                {
                    strings.Add(tag);
                }
            }

            using var stream = new MemoryStream(64 + (prices.Meters.Count * 96));
            using (var writer = new BinaryWriter(stream, Utf8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(Version);
                writer.Write(prices.Key.Source);
                writer.Write(prices.Origin.Value);
                writer.Write(prices.Key.Id);
                WriteDate(writer, prices.RetrievedAt);
                writer.Write(prices.Meters.Count);

                writer.Write(prices.Currency);
                writer.Write(prices.Locale);
                writer.Write(prices.IsTaxIncluded);
                strings.Write(writer);
                foreach (Meter meter in prices.Meters)
                {
                    WriteMeter(writer, meter, strings);
                }

                writer.Write(prices.OfferTerms.Count);
                foreach (OfferTerm term in prices.OfferTerms)
                {
                    WriteTerm(writer, term);
                }

                writer.Write(EndMarker);
            }

            return stream.ToArray();
        }

        /// <summary>The header of a file; null when the file is of another format or version, or of a source this version does not know.</summary>
        /// <exception cref="IOException">The file ends inside the header.</exception>
        public static Header? ReadHeader(byte[] content)
        {
            using var reader = new BinaryReader(new MemoryStream(content, writable: false), Utf8);
            return ReadHeader(reader);
        }

        /// <inheritdoc cref="ReadHeader(byte[])"/>
        public static Header? ReadHeader(Stream file)
        {
            using var reader = new BinaryReader(file, Utf8, leaveOpen: true);
            return ReadHeader(reader);
        }

        /// <summary>The prices of a file whose <see cref="ReadHeader(byte[])"/> was not null.</summary>
        /// <exception cref="InvalidDataException">The file is cut short or corrupt.</exception>
        public static PriceList Read(byte[] content)
        {
            using var reader = new BinaryReader(new MemoryStream(content, writable: false), Utf8);
            try
            {
                Header header = ReadHeader(reader) ?? throw new InvalidDataException("The file is not a price list of this version.");
                string currency = reader.ReadString();
                string locale = reader.ReadString();
                bool isTaxIncluded = reader.ReadBoolean();
                string?[] strings = StringTable.Read(reader);
                var meters = new Meter[header.MeterCount];
                for (int i = 0; i < meters.Length; i++)
                {
                    meters[i] = ReadMeter(reader, strings);
                }

                var terms = new OfferTerm[Count(reader)];
                for (int i = 0; i < terms.Length; i++)
                {
                    terms[i] = ReadTerm(reader);
                }

                if (reader.ReadInt32() != EndMarker)
                {
                    throw new InvalidDataException("The file does not end where its content does.");
                }

                return new PriceList(header.Key, header.Origin, isTaxIncluded, meters, terms, header.RetrievedAt, currency, locale);
            }
            catch (Exception e) when (e is EndOfStreamException || e is IndexOutOfRangeException || e is ArgumentException || e is DecoderFallbackException || e is OverflowException)
            {
                throw new InvalidDataException("The cached price list is cut short or corrupt.", e);
            }
        }

        private static Header? ReadHeader(BinaryReader reader)
        {
            if (reader.BaseStream.Length < 8 || reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
            {
                return null;
            }

            try
            {
                string source = reader.ReadString();
                string origin = reader.ReadString();
                string id = reader.ReadString();
                DateTimeOffset retrievedAt = ReadDate(reader);
                int meterCount = Count(reader);
                PriceKey? key = PriceKey.FromId(source, id);
                return key is null ? null : new Header(key, PriceOrigin.Parse(origin), retrievedAt, meterCount);
            }
            catch (Exception e) when (e is ArgumentException || e is OverflowException)
            {
                throw new InvalidDataException("The cached price list's header is corrupt.", e);
            }
        }

        private static void WriteMeter(BinaryWriter writer, Meter meter, StringTable strings)
        {
            writer.Write(meter.MeterId);
            writer.Write(strings.IndexOf(meter.MeterName));
            writer.Write(strings.IndexOf(meter.MeterCategory));
            writer.Write(strings.IndexOf(meter.MeterSubCategory));
            writer.Write(strings.IndexOf(meter.MeterRegion));
            writer.Write(strings.IndexOf(meter.Unit));
            writer.Write(strings.IndexOf(meter.MeterStatus));
            writer.Write(meter.MeterRates.Count);
            foreach (MeterRate rate in meter.MeterRates)
            {
                writer.Write(rate.StartQuantity);
                writer.Write(rate.UnitPrice);
            }

            writer.Write(meter.IncludedQuantity);
            WriteDate(writer, meter.EffectiveDate);
            writer.Write(meter.MeterTags.Count);
            foreach (string tag in meter.MeterTags)
            {
                writer.Write(strings.IndexOf(tag));
            }
        }

        private static Meter ReadMeter(BinaryReader reader, string?[] strings)
        {
            string meterId = reader.ReadString();
            string? name = strings[reader.ReadInt32()];
            string? category = strings[reader.ReadInt32()];
            string? subCategory = strings[reader.ReadInt32()];
            string? region = strings[reader.ReadInt32()];
            string? unit = strings[reader.ReadInt32()];
            string? status = strings[reader.ReadInt32()];
            var rates = new MeterRate[Count(reader)];
            for (int i = 0; i < rates.Length; i++)
            {
                rates[i] = new MeterRate(reader.ReadDecimal(), reader.ReadDecimal());
            }

            decimal included = reader.ReadDecimal();
            DateTimeOffset effective = ReadDate(reader);
            int tagCount = Count(reader);
            string[] tags = tagCount == 0 ? Array.Empty<string>() : new string[tagCount];
            for (int i = 0; i < tags.Length; i++)
            {
                tags[i] = strings[reader.ReadInt32()] ?? string.Empty;
            }

            return new Meter(meterId, name!, category!, subCategory!, region!, unit!, rates, included, effective, status, tags);
        }

        private static void WriteTerm(BinaryWriter writer, OfferTerm term)
        {
            TermKind kind = term switch
            {
                MonetaryCreditTerm _ => TermKind.MonetaryCredit,
                MonetaryCommitmentTerm _ => TermKind.MonetaryCommitment,
                RecurringChargeTerm _ => TermKind.RecurringCharge,
                _ => TermKind.Other,
            };
            writer.Write((byte)kind);
            writer.Write(term.Name);
            WriteDate(writer, term.EffectiveDate);
            writer.Write(term.ExcludedMeterIds.Count);
            foreach (string meterId in term.ExcludedMeterIds)
            {
                writer.Write(meterId);
            }

            switch (term)
            {
                case MonetaryCreditTerm credit:
                    writer.Write(credit.Credit);
                    break;
                case MonetaryCommitmentTerm commitment:
                    writer.Write(commitment.TieredDiscount.Count);
                    foreach (DiscountTier tier in commitment.TieredDiscount)
                    {
                        writer.Write(tier.SpendThreshold);
                        writer.Write(tier.DiscountPercent);
                    }

                    break;
                case RecurringChargeTerm charge:
                    writer.Write(charge.RecurringCharge);
                    break;
            }
        }

        private static OfferTerm ReadTerm(BinaryReader reader)
        {
            var kind = (TermKind)reader.ReadByte();
            string name = reader.ReadString();
            DateTimeOffset effective = ReadDate(reader);
            var excluded = new string[Count(reader)];
            for (int i = 0; i < excluded.Length; i++)
            {
                excluded[i] = reader.ReadString();
            }

            switch (kind)
            {
                case TermKind.MonetaryCredit:
                    return new MonetaryCreditTerm(effective, reader.ReadDecimal(), excluded);
                case TermKind.MonetaryCommitment:
                    var tiers = new DiscountTier[Count(reader)];
                    for (int i = 0; i < tiers.Length; i++)
                    {
                        tiers[i] = new DiscountTier(reader.ReadDecimal(), reader.ReadDecimal());
                    }

                    return new MonetaryCommitmentTerm(effective, tiers, excluded);
                case TermKind.RecurringCharge:
                    return new RecurringChargeTerm(effective, reader.ReadDecimal(), excluded);
                case TermKind.Other:
                    return new OfferTerm(name, effective, excluded);
                default:
                    throw new InvalidDataException($"Unknown offer term kind {(byte)kind}.");
            }
        }

        private static void WriteDate(BinaryWriter writer, DateTimeOffset value)
        {
            writer.Write(value.UtcTicks);
            writer.Write((short)value.Offset.TotalMinutes);
        }

        private static DateTimeOffset ReadDate(BinaryReader reader)
        {
            long utcTicks = reader.ReadInt64();
            var offset = TimeSpan.FromMinutes(reader.ReadInt16());
            return new DateTimeOffset(utcTicks + offset.Ticks, offset);
        }

        /// <summary>A count, checked so that a corrupt file cannot ask for a huge allocation.</summary>
        private static int Count(BinaryReader reader)
        {
            int count = reader.ReadInt32();
            if (count < 0 || count > reader.BaseStream.Length - reader.BaseStream.Position)
            {
                throw new InvalidDataException($"A count of {count} does not fit the file.");
            }

            return count;
        }

        private enum TermKind : byte
        {
            Other = 0,
            MonetaryCredit = 1,
            MonetaryCommitment = 2,
            RecurringCharge = 3,
        }

        /// <summary>The fields of a file that say what it holds.</summary>
        public sealed class Header
        {
            public Header(PriceKey key, PriceOrigin origin, DateTimeOffset retrievedAt, int meterCount)
            {
                Key = key;
                Origin = origin;
                RetrievedAt = retrievedAt;
                MeterCount = meterCount;
            }

            public PriceKey Key { get; }
            public PriceOrigin Origin { get; }
            public DateTimeOffset RetrievedAt { get; }
            public int MeterCount { get; }
        }

        /// <summary>Distinct strings numbered in first-seen order; index 0 is null.</summary>
        private sealed class StringTable
        {
            private readonly Dictionary<string, int> _indexes = new Dictionary<string, int>(StringComparer.Ordinal);
            private readonly List<string> _values = new List<string>();

            public void Add(params string?[] values)
            {
                foreach (string? value in values)
                {
                    if (value is not null && !_indexes.ContainsKey(value))
                    {
                        _values.Add(value);
                        _indexes.Add(value, _values.Count);
                    }
                }
            }

            public int IndexOf(string? value) => value is null ? 0 : _indexes[value];

            public void Write(BinaryWriter writer)
            {
                writer.Write(_values.Count);
                foreach (string value in _values)
                {
                    writer.Write(value);
                }
            }

            public static string?[] Read(BinaryReader reader)
            {
                var values = new string?[Count(reader) + 1];
                for (int i = 1; i < values.Length; i++)
                {
                    values[i] = reader.ReadString();
                }

                return values;
            }
        }
    }
}
