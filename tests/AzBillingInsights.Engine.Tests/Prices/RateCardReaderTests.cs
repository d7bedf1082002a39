using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public class RateCardReaderTests
    {
        private static readonly RateCardKey ChinaKey = new RateCardKey("MS-MC-AZR-0033P", "CNY", "en-US", "CN");
        private static readonly RateCardKey UsKey = new RateCardKey("MS-AZR-0003P", "USD", "en-US", "US");
        private static readonly DateTimeOffset Retrieved = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);

        private static PriceList Read(byte[] body, RateCardKey? key = null) =>
            RateCardReader.Read(new MemoryStream(body), key ?? UsKey, TestOrigin.Azure, Retrieved);

        private static byte[] ReferenceExampleBody()
        {
            // The reference file keeps the spec's wrapper; the wire body is responses.200.body.
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(FixtureFiles.PathOf("ratecard-get-response.json")));
            return Encoding.UTF8.GetBytes(doc.RootElement.GetProperty("responses").GetProperty("200").GetProperty("body").GetRawText());
        }

        [Fact]
        public void Reads_the_reference_example_meter_with_ordered_tiers_and_no_status()
        {
            PriceList card = Read(ReferenceExampleBody());

            Meter meter = Assert.Single(card.Meters);
            Assert.Equal("1d7518e5-bc2f-4a93-9057-1b3047856645", meter.MeterId);
            Assert.Equal("Test Meter", meter.MeterName);
            Assert.Equal("Test Category", meter.MeterCategory);
            Assert.Equal("Test Subcategory", meter.MeterSubCategory);
            Assert.Equal("US West", meter.MeterRegion);
            Assert.Equal("Hours", meter.Unit);
            Assert.Equal(new[] { (0m, 1.99m), (100m, 0.99m) }, meter.MeterRates.Select(r => (r.StartQuantity, r.UnitPrice)));
            Assert.Equal(0m, meter.IncludedQuantity);
            Assert.Equal(new DateTimeOffset(2017, 9, 1, 0, 0, 0, TimeSpan.Zero), meter.EffectiveDate);
            Assert.Null(meter.MeterStatus); // 2015-06-01-preview has no MeterStatus
            Assert.Equal(new[] { "Third Party" }, meter.MeterTags);
            Assert.Empty(card.OfferTerms);
            // The example has no Currency: the key's currency stands in.
            Assert.Equal("USD", card.Currency);
            Assert.Same(meter, card.FindMeter("1D7518E5-BC2F-4A93-9057-1B3047856645"));
        }

        [Fact]
        public void Reads_the_real_China_card_with_its_counts_and_a_tiered_meter()
        {
            using FileStream file = File.OpenRead(FixtureFiles.PathOf("ratecard-azurechina-MS-MC-AZR-0033P-CNY-en-US-2018.json"));
            PriceList card = RateCardReader.Read(file, ChinaKey, TestOrigin.Azure, Retrieved);

            Assert.Equal(3265, card.Meters.Count);
            Assert.Equal("CNY", card.Currency);
            Assert.Equal("en-US", card.Locale);
            Assert.False(card.IsTaxIncluded);
            Assert.Equal("MS-MC-AZR-0033P", card.Offer);
            Assert.Equal(Retrieved, card.RetrievedAt);
            Assert.Equal(165, card.Meters.Count(m => m.MeterRates.Count > 1));
            Assert.Equal(35, card.Meters.Count(m => m.IncludedQuantity > 0));
            Assert.Equal(14, card.Meters.Count(m => m.IsDeprecated));
            Assert.Equal(714, card.Meters.Count(m => m.MeterRegion.Length == 0));

            // Tier keys spelled "1024.0000000000" are decimals like "1024".
            Meter grs = card.FindMeter("619c9db6-fd26-43e3-a0b3-96bab3129f98")!;
            Assert.Equal("GRS Data Stored", grs.MeterName);
            Assert.Equal(
                new[] { (0m, 0.953046m), (1024m, 0.7952m), (51200m, 0.7133m), (512000m, 0.6373m), (1024000m, 0.5964m), (5120000m, 0.5964m) },
                grs.MeterRates.Select(r => (r.StartQuantity, r.UnitPrice)));

            Meter hotReads = card.FindMeter("af9346ec-340c-4034-91c1-8f64a7653381")!;
            Assert.Equal(50000m, hotReads.IncludedQuantity);
            Assert.Equal("Active", hotReads.MeterStatus);
        }

        [Fact]
        public void Reads_identically_when_the_stream_delivers_a_few_bytes_at_a_time()
        {
            byte[] body = File.ReadAllBytes(FixtureFiles.PathOf("ratecard-azurechina-MS-MC-AZR-0033P-CNY-en-US-2018.json"));
            PriceList whole = Read(body, ChinaKey);
            PriceList trickled = RateCardReader.Read(new TrickleStream(body, 7), ChinaKey, TestOrigin.Azure, Retrieved);

            Assert.Equal(whole.Meters.Select(Describe), trickled.Meters.Select(Describe));
        }

        private static string Describe(Meter m) =>
            $"{m.MeterId}|{m.MeterName}|{m.MeterCategory}|{m.MeterSubCategory}|{m.MeterRegion}|{m.Unit}|{m.IncludedQuantity}|{m.EffectiveDate:O}|{m.MeterStatus}|"
            + string.Join(";", m.MeterRates.Select(r => $"{r.StartQuantity}={r.UnitPrice}"));

        [Fact]
        public void Reads_a_token_larger_than_the_read_buffer()
        {
            string longName = new string('x', 300_000);
            PriceList card = Read(Encoding.UTF8.GetBytes("{\"Meters\":[{\"MeterId\":\"m\",\"MeterName\":\"" + longName + "\",\"MeterRates\":{\"0\":1}}]}"));

            Assert.Equal(longName, card.Meters[0].MeterName);
        }

        [Fact]
        public void Skips_a_leading_byte_order_mark()
        {
            byte[] body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(ReferenceExampleBody()).ToArray();

            PriceList card = RateCardReader.Read(new TrickleStream(body, 1), UsKey, TestOrigin.Azure, Retrieved);

            Assert.Single(card.Meters);
        }

        [Fact]
        public void Parses_prices_as_exact_decimals()
        {
            PriceList card = Read(Encoding.UTF8.GetBytes(
                "{\"Meters\":[{\"MeterId\":\"m\",\"MeterRates\":{\"0\":0.1234567890123456789,\"1E2\":1.5e-3},\"IncludedQuantity\":\"2.5\"}]}"));

            Meter meter = card.Meters[0];
            Assert.Equal(0.1234567890123456789m, meter.MeterRates[0].UnitPrice);
            Assert.Equal(100m, meter.MeterRates[1].StartQuantity);
            Assert.Equal(0.0015m, meter.MeterRates[1].UnitPrice);
            Assert.Equal(2.5m, meter.IncludedQuantity);
        }

        [Fact]
        public void Tolerates_unknown_fields_of_every_shape()
        {
            PriceList card = Read(Encoding.UTF8.GetBytes(
                "{\"Future\":{\"a\":[1,{\"b\":null}],\"c\":\"d\"},\"RatingDate\":\"2020-01-01\",\"Meters\":[{\"New\":[[]],\"MeterId\":\"m\",\"MeterN\\u0061me\":\"esc\\\"aped\",\"MeterRates\":{\"0\":1}}],\"Extra\":true}"));

            Assert.Equal("esc\"aped", card.Meters[0].MeterName);
            Assert.Equal(1m, card.Meters[0].MeterRates[0].UnitPrice);
        }

        [Fact]
        public void Reads_every_kind_of_offer_term()
        {
            const string terms = "[{\"Credit\":150.0,\"EffectiveDate\":\"2013-12-23T00:00:00Z\",\"ExcludedMeterIds\":[\"x1\",\"x2\"],\"Name\":\"Monetary Credit\"},"
                + "{\"EffectiveDate\":\"2014-01-01T00:00:00Z\",\"ExcludedMeterIds\":[],\"Name\":\"Monetary Commitment\",\"TieredDiscount\":{\"1000\":10.0,\"0\":5}},"
                + "{\"EffectiveDate\":\"2014-01-01T00:00:00Z\",\"Name\":\"Recurring Charge\",\"RecurringCharge\":10},"
                + "{\"EffectiveDate\":\"2014-01-01T00:00:00Z\",\"Name\":\"Something New\"}]";
            PriceList card = Read(Encoding.UTF8.GetBytes("{\"OfferTerms\":" + terms + ",\"Meters\":[]}"));

            var credit = Assert.IsType<MonetaryCreditTerm>(card.OfferTerms[0]);
            Assert.Equal(150m, credit.Credit);
            Assert.Equal(new[] { "x1", "x2" }, credit.ExcludedMeterIds);
            Assert.Equal(new DateTimeOffset(2013, 12, 23, 0, 0, 0, TimeSpan.Zero), credit.EffectiveDate);
            var commitment = Assert.IsType<MonetaryCommitmentTerm>(card.OfferTerms[1]);
            Assert.Equal(new[] { (0m, 5m), (1000m, 10m) }, commitment.TieredDiscount.Select(t => (t.SpendThreshold, t.DiscountPercent)));
            Assert.Equal(10m, Assert.IsType<RecurringChargeTerm>(card.OfferTerms[2]).RecurringCharge);
            Assert.Equal("Something New", card.OfferTerms[3].Name);
        }

        [Fact]
        public void A_truncated_body_is_a_format_error()
        {
            byte[] body = GeneratedRateCard.Body(50);
            byte[] truncated = body.Take(body.Length / 2).ToArray();

            var error = Assert.Throws<RateCardFormatException>(() => Read(truncated));
            Assert.Contains("ends before the document is complete", error.Message);
        }

        [Theory]
        [InlineData("{\"Meters\":[{\"MeterId\":\"m\",\"MeterRates\":{\"0\":1.0.0}}]}")]
        [InlineData("{\"Meters\":[{\"MeterId\":\"m\" \"MeterName\":\"x\"}]}")]
        [InlineData("[1,2,3]")]
        [InlineData("{\"Meters\":{}}")]
        [InlineData("{\"Meters\":[{\"MeterName\":\"no id\"}]}")]
        [InlineData("{\"Meters\":[{\"MeterId\":\"m\",\"MeterRates\":{\"0\":\"cheap\"}}]}")]
        [InlineData("")]
        [InlineData("\u0000\u0001garbage")]
        public void A_corrupt_body_is_a_format_error(string body)
        {
            Assert.Throws<RateCardFormatException>(() => Read(Encoding.UTF8.GetBytes(body)));
        }

        [Fact]
        public void The_services_invalid_query_answer_is_reported_with_its_message()
        {
            var error = Assert.Throws<RateCardFormatException>(() => Read(Encoding.UTF8.GetBytes(
                "{\"Message\":\"Invalid query specified. Please specify valid values for OfferDurableId, Currency, Locale and RegionInfo.\"}")));

            Assert.Contains("Invalid query specified", error.Message);
        }

        [Fact]
        public void Parses_a_generated_20000_meter_card_quickly()
        {
            byte[] body = GeneratedRateCard.Body(20000);
            Read(body); // warm up the JIT

            var watch = Stopwatch.StartNew();
            PriceList card = Read(body);
            watch.Stop();

            Assert.Equal(20000, card.Meters.Count);
            Meter tiered = card.FindMeter(GeneratedRateCard.MeterIdOf(19990))!;
            Assert.Equal(new[] { 0m, 100m, 1000m }, tiered.MeterRates.Select(r => r.StartQuantity));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
        }
    }
}
