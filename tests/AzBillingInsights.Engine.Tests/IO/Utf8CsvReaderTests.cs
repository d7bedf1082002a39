using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.IO;
using AzBillingInsights.Engine.Tests.Prices;
using Sylvan.Data.Csv;

namespace AzBillingInsights.Engine.Tests.IO
{
    /// <summary>
    /// The byte-level CSV reader: cell for cell what an independent reader (Sylvan.Data.Csv) reads from the real
    /// exports, whatever sizes the stream hands its bytes over in, and a clear refusal of what it cannot read.
    /// </summary>
    public sealed class Utf8CsvReaderTests
    {
        /// <summary>Quoted commas, doubled quotes, a line break inside quotes, CRLF and LF, an empty last cell, no final line break.</summary>
        private const string Tricky =
            "a,b,c\r\n"
            + "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
            + "2,\"two\nlines\",\r\n"
            + "3,\"\"\"\",\"\"\n"
            + "4,plain,\"ends \"\"quoted\"\"\"";

        public static IEnumerable<object[]> CostFixtures() =>
            Directory.GetFiles(FixtureFiles.PathOf("costs"), "*.csv").Select(path => new object[] { Path.GetFileName(path) });

        [Theory]
        [MemberData(nameof(CostFixtures))]
        public async Task RealExports_ReadCellForCellAsAnIndependentReaderDoes(string name)
        {
            byte[] bytes = File.ReadAllBytes(FixtureFiles.PathOf(Path.Combine("costs", name)));

            List<string[]> ours = await ReadAllAsync(new MemoryStream(bytes));

            Assert.Equal(await ReadWithSylvanAsync(bytes), ours);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(7)]
        [InlineData(31)]
        [InlineData(33)]
        public async Task BytesHandedOverInAnySizes_ReadTheSameRecords(int bytesPerRead)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(Tricky);

            List<string[]> trickled = await ReadAllAsync(new TrickleStream(bytes, bytesPerRead));

            Assert.Equal(new[]
            {
                new[] { "a", "b", "c" },
                new[] { "1", "x, y", "say \"hi\"" },
                new[] { "2", "two\nlines", "" },
                new[] { "3", "\"", "" },
                new[] { "4", "plain", "ends \"quoted\"" },
            }, trickled);
            Assert.Equal(await ReadWithSylvanAsync(bytes), trickled);
        }

        [Fact]
        public async Task ARecordLongerThanTheBuffer_IsReadWhole()
        {
            string longCell = new string('x', 700_000) + "\"\"," + new string('y', 300_000);
            string csv = $"id,cell\r\n1,\"{longCell}\"\r\n2,short\r\n";

            List<string[]> records = await ReadAllAsync(new TrickleStream(Encoding.UTF8.GetBytes(csv), 100_000));

            Assert.Equal(new string('x', 700_000) + "\"," + new string('y', 300_000), records[1][1]);
            Assert.Equal(new[] { "2", "short" }, records[2]);
        }

        [Fact]
        public async Task NonAsciiText_IsDecodedAsUtf8_AndTheByteOrderMarkSkipped()
        {
            byte[] bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Währung,Kosten\r\nEUR,\"1,5 €\"\r\n")).ToArray();

            List<string[]> records = await ReadAllAsync(new MemoryStream(bytes));

            Assert.Equal(new[] { new[] { "Währung", "Kosten" }, new[] { "EUR", "1,5 €" } }, records);
        }

        [Fact]
        public async Task Utf16_IsRefusedWithWhatToDo()
        {
            byte[] bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b\r\n1,2\r\n")).ToArray();

            var e = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(new MemoryStream(bytes)));

            Assert.Contains("UTF-16", e.Message);
            Assert.Contains("UTF-8", e.Message);
        }

        [Fact]
        public async Task AStreamEndingInsideQuotes_IsReportedCutOff()
        {
            byte[] bytes = Encoding.UTF8.GetBytes("a,b\r\n1,\"never closed\r\n2,3\r\n");

            var e = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAllAsync(new MemoryStream(bytes)));

            Assert.Contains("cut off", e.Message);
        }

        [Fact]
        public async Task IsSameAsPrevious_ComparesACellsBytesWithTheRecordBefore()
        {
            using var reader = new Utf8CsvReader(new TrickleStream(Encoding.UTF8.GetBytes("a,b\n1,x\n1,\"x\"\n2\n"), 3));
            var same = new List<bool[]>();
            while (await reader.ReadAsync(CancellationToken.None))
            {
                same.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.IsSameAsPrevious).ToArray());
            }

            // "x" and "\"x\"" are one text written two ways; only equal bytes count as unchanged.
            Assert.Equal(new[] { new[] { false, false }, new[] { false, false }, new[] { true, false }, new[] { false } }, same);
            Assert.Equal(4, reader.RecordNumber);
        }

        [Fact]
        public async Task ARecordCopy_KeepsItsTextAfterTheReaderMovesOn()
        {
            using var reader = new Utf8CsvReader(new TrickleStream(Encoding.UTF8.GetBytes("a,\"b,c\"\n1,2\n"), 2));
            await reader.ReadAsync(CancellationToken.None);
            CsvRecord first = reader.ToRecord(reader.FieldCount);
            while (await reader.ReadAsync(CancellationToken.None))
            {
            }

            Assert.Equal(new[] { "a", "b,c" }, Enumerable.Range(0, first.FieldCount).Select(first.Text));
        }

        private static async Task<List<string[]>> ReadAllAsync(Stream stream)
        {
            using var reader = new Utf8CsvReader(stream);
            var records = new List<string[]>();
            while (await reader.ReadAsync(CancellationToken.None))
            {
                records.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.Text).ToArray());
            }

            return records;
        }

        private static async Task<List<string[]>> ReadWithSylvanAsync(byte[] bytes)
        {
            using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            using CsvDataReader reader = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = false });
            var records = new List<string[]>();
            while (await reader.ReadAsync())
            {
                records.Add(Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString).ToArray());
            }

            return records;
        }

        /// <summary>A stream that hands over at most a few bytes a read, as a network may.</summary>
        private sealed class TrickleStream : MemoryStream
        {
            private readonly int _bytesPerRead;

            internal TrickleStream(byte[] bytes, int bytesPerRead)
                : base(bytes) => _bytesPerRead = bytesPerRead;

            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _bytesPerRead));

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
                base.ReadAsync(buffer.Slice(0, Math.Min(buffer.Length, _bytesPerRead)), cancellationToken);
        }
    }
}
