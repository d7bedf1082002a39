using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace AzBillingInsights.Engine.Tests.Prices
{
    /// <summary>Writes synthetic RateCard bodies in the wire format: compact, keys alphabetical.</summary>
    internal static class GeneratedRateCard
    {
        public static readonly string[] Regions = { "US East", "US West", "EU North", "EU West", "" };

        /// <summary>Meter i has id MeterIdOf(i); every 10th meter is tiered (0, 100, 1000), every 7th has included quantity 5.</summary>
        public static byte[] Body(int meterCount, string offerTermsJson = "[]")
        {
            var sb = new StringBuilder(meterCount * 330);
            sb.Append("{\"OfferTerms\":").Append(offerTermsJson).Append(",\"Meters\":[");
            for (int i = 0; i < meterCount; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                string rates = i % 10 == 0
                    ? "{\"0\":0.5,\"100\":0.25,\"1000.0000000000\":0.125}"
                    : "{\"0\":" + (0.001m * (i % 997 + 1)).ToString(CultureInfo.InvariantCulture) + "}";
                sb.Append("{\"EffectiveDate\":\"2018-06-01T00:00:00Z\",\"IncludedQuantity\":")
                  .Append(i % 7 == 0 ? "5.0" : "0.0")
                  .Append(",\"MeterCategory\":\"Category ").Append(i % 40)
                  .Append("\",\"MeterId\":\"").Append(MeterIdOf(i))
                  .Append("\",\"MeterName\":\"Meter ").Append(i / Regions.Length)
                  .Append("\",\"MeterRates\":").Append(rates)
                  .Append(",\"MeterRegion\":\"").Append(Regions[i % Regions.Length])
                  .Append("\",\"MeterStatus\":\"").Append(i % 100 == 3 ? "Deprecated" : "Active")
                  .Append("\",\"MeterSubCategory\":\"Sub ").Append(i % 13)
                  .Append("\",\"MeterTags\":[],\"Unit\":\"1 Hour\"}");
            }

            sb.Append("],\"Currency\":\"USD\",\"Locale\":\"en-US\",\"IsTaxIncluded\":false}");
            return Encoding.UTF8.GetBytes(sb.ToString());
        }

        public static string MeterIdOf(int i) => new Guid(i, 0x1234, 0x5678, 0, 0, 0, 0, 0, 0, 0, 1).ToString();

        public static MemoryStream Stream(int meterCount) => new MemoryStream(Body(meterCount));
    }

    /// <summary>A stream that hands out at most a few bytes per read, to exercise buffer refills at every boundary.</summary>
    internal sealed class TrickleStream : Stream
    {
        private readonly Stream _inner;
        private readonly int _chunk;

        public TrickleStream(byte[] data, int chunk)
        {
            _inner = new MemoryStream(data);
            _chunk = chunk;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, _chunk));
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
