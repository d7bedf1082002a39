using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using AzBillingInsights.Engine.Costs;

namespace AzBillingInsights.Engine.Tests.Costs
{
    /// <summary>
    /// The cost CSV's numbers (the plain-layout fast path must give what decimal.Parse gives, digits and scale alike),
    /// dates, and tags and additional info read from a cell's bytes.
    /// </summary>
    public sealed class CostFieldParserTests
    {
        [Theory]
        [InlineData("0")]
        [InlineData("0.00")]
        [InlineData("17.4416")]
        [InlineData("0.573479808")]
        [InlineData("-3.50")]
        [InlineData("007.250")]
        [InlineData("1234567890123456789")]
        [InlineData("-0.000000000000000001")]
        public void PlainNumbers_TakeTheFastPathAndEqualDecimalParseBitForBit(string text)
        {
            Assert.True(CostFieldParser.TryParsePlainDecimal(text.AsSpan(), out _));

            AssertSameAsDecimalParse(text);
        }

        [Theory]
        [InlineData("12345678901234567890.5")]
        [InlineData("1.5E-3")]
        [InlineData("-0")]
        [InlineData("-0.00")]
        [InlineData(".5")]
        [InlineData("5.")]
        [InlineData("+1.25")]
        [InlineData(" 2.5 ")]
        [InlineData("79228162514264337593543950335")]
        public void OtherLayouts_FallBackToDecimalParseWithTheSameResult(string text)
        {
            Assert.False(CostFieldParser.TryParsePlainDecimal(text.AsSpan(), out _));

            AssertSameAsDecimalParse(text);
        }

        [Theory]
        [InlineData("")]
        [InlineData("-")]
        [InlineData("1.2.3")]
        [InlineData("1,5")]
        [InlineData("abc")]
        public void NonNumbers_AreRefused(string text)
        {
            Assert.Throws<FormatException>(() => CostFieldParser.ParseDecimal(text));
        }

        [Fact]
        public void ManyGeneratedPlainNumbers_EqualDecimalParseBitForBit()
        {
            var random = new Random(18);
            for (int i = 0; i < 20_000; i++)
            {
                int whole = random.Next(0, 12);
                int fraction = random.Next(0, 19 - whole + 1);
                string text = (random.Next(4) == 0 ? "-" : string.Empty) + Digits(random, Math.Max(1, whole))
                    + (fraction > 0 ? "." + Digits(random, fraction) : string.Empty);

                AssertSameAsDecimalParse(text);
            }
        }

        [Theory]
        [InlineData("11/01/2026")]
        [InlineData("11/1/2026")]
        [InlineData("2026-11-01")]
        [InlineData("2026-11-01T00:00:00Z")]
        [InlineData("2026-11-01T00:00:00.0000000Z")]
        [InlineData("2026-11-01T00:00:00.000Z")]
        [InlineData("2026-11-01T00:00:00.0000000")]
        [InlineData("2026-11-01T01:00:00+01:00")]
        [InlineData(" 2026-11-01 ")]
        public void DatesInExportAndIsoLayouts_AreTheUtcDay(string text)
        {
            DateTime date = CostFieldParser.ParseDate(text);

            Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), date);
            Assert.Equal(DateTimeKind.Utc, date.Kind);
        }

        [Theory]
        [InlineData("")]
        [InlineData("2026")]
        [InlineData("November 1")]
        [InlineData("1 Nov 2026")]
        [InlineData("2026-13-01")]
        [InlineData("13/01/2026")]
        public void NonDates_AreRefusedNamingTheText(string text)
        {
            FormatException e = Assert.Throws<FormatException>(() => CostFieldParser.ParseDate(text));

            Assert.Contains($"'{text}'", e.Message);
        }

        [Theory]
        [InlineData("\"\"\"env\"\": \"\"prod\"\",\"\"team\"\": \"\"a \\\"\"b\\\"\"\"\"\"")]
        [InlineData("\"{\"\"ENV\"\":\"\"prod\"\",\"\"team\"\":\"\"a \\\"\"b\\\"\"\"\"}\"")]
        [InlineData("\" {\"\"env\"\": \"\"stale\"\", \"\"Env\"\": \"\"prod\"\", \"\"team\"\": \"\"a \\\"\"b\\\"\"\"\"}\r\n\"")]
        public void TagCells_WithOrWithoutBracesOrQuotes_BecomeACaseInsensitiveMap(string cell)
        {
            IReadOnlyDictionary<string, string> tags = CostFieldParser.ParseObject(Encoding.UTF8.GetBytes(cell));

            Assert.Equal(2, tags.Count);
            Assert.Equal("prod", tags["env"]);
            Assert.Equal("a \"b\"", tags["TEAM"]);
        }

        [Fact]
        public void AdditionalInfoValues_KeepNumbersAndNestedJsonAsTextAndNullAsEmpty()
        {
            IReadOnlyDictionary<string, string> info = CostFieldParser.ParseObject(
                Encoding.UTF8.GetBytes("{\"VCPUs\":2,\"AHB\":true,\"VMName\":null,\"VMProperties\":{\"a\": [1, 2]},\"Name\":\"vm-é\"}"));

            Assert.Equal("2", info["vcpus"]);
            Assert.Equal("true", info["AHB"]);
            Assert.Equal(string.Empty, info["VMName"]);
            Assert.Equal("{\"a\": [1, 2]}", info["VMProperties"]);
            Assert.Equal("vm-é", info["Name"]);
        }

        [Theory]
        [InlineData("")]
        [InlineData("\"\"")]
        [InlineData("{}")]
        [InlineData("NULL")]
        [InlineData("\" null \"")]
        public void EmptyCells_HaveNoEntries(string cell)
        {
            Assert.Empty(CostFieldParser.ParseObject(Encoding.UTF8.GetBytes(cell)));
        }

        [Theory]
        [InlineData("\"\"\"env\"\": prod\"", "\"env\": prod")]
        [InlineData("{\"env\": \"prod\"} trailing", "{\"env\": \"prod\"} trailing")]
        [InlineData("{\"env\": \"prod\"", "{\"env\": \"prod\"")]
        [InlineData("[1, 2]", "[1, 2]")]
        public void CellsThatAreNoJsonObject_AreRefusedNamingTheText(string cell, string text)
        {
            FormatException e = Assert.Throws<FormatException>(() => CostFieldParser.ParseObject(Encoding.UTF8.GetBytes(cell)));

            Assert.StartsWith($"'{text}' is not a JSON object", e.Message);
        }

        private static string Digits(Random random, int count)
        {
            var digits = new char[count];
            for (int i = 0; i < count; i++)
            {
                digits[i] = (char)('0' + random.Next(10));
            }

            return new string(digits);
        }

        private static void AssertSameAsDecimalParse(string text)
        {
            decimal expected = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            decimal actual = CostFieldParser.ParseDecimal(text);

            Assert.Equal(decimal.GetBits(expected), decimal.GetBits(actual));
        }
    }
}
