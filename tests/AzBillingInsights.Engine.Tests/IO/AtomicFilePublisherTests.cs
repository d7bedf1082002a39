using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.IO;

namespace AzBillingInsights.Engine.Tests.IO
{
    public sealed class AtomicFilePublisherTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "azbi-atomic-" + Guid.NewGuid().ToString("N"));

        [Fact]
        public void Text_is_written_whole_as_utf8_without_bom_and_leaves_nothing_else()
        {
            string path = Path.Combine(_folder, "sub", "report.html");

            string written = AtomicFilePublisher.WriteText(path, overwrite: true, w => w.Write("<p>é</p>"), CancellationToken.None);

            Assert.Equal(path, written);
            Assert.Equal(new byte[] { 0x3C, 0x70, 0x3E, 0xC3, 0xA9 }, File.ReadAllBytes(path)[..5]);
            Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!));
        }

        [Fact]
        public void A_failing_writer_leaves_the_old_file_and_no_temporary()
        {
            Directory.CreateDirectory(_folder);
            string path = Path.Combine(_folder, "report.html");
            File.WriteAllText(path, "old");

            Assert.Throws<InvalidOperationException>(() => AtomicFilePublisher.WriteText(path, true, w => { w.Write("half"); throw new InvalidOperationException("boom"); }, CancellationToken.None));

            Assert.Equal("old", File.ReadAllText(path));
            Assert.Single(Directory.GetFileSystemEntries(_folder));
        }

        [Fact]
        public void A_cancelled_write_leaves_nothing()
        {
            string path = Path.Combine(_folder, "report.html");
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();

            Assert.Throws<OperationCanceledException>(() => AtomicFilePublisher.WriteText(path, true, w => w.Write("x"), cancellation.Token));

            Assert.Empty(Directory.GetFileSystemEntries(_folder));
        }

        [Fact]
        public void An_existing_file_is_replaced_only_when_overwrite_is_allowed()
        {
            Directory.CreateDirectory(_folder);
            string path = Path.Combine(_folder, "report.html");
            File.WriteAllText(path, "old");

            Assert.Throws<IOException>(() => AtomicFilePublisher.WriteText(path, overwrite: false, w => w.Write("new"), CancellationToken.None));
            Assert.Equal("old", File.ReadAllText(path));

            AtomicFilePublisher.WriteText(path, overwrite: true, w => w.Write("new"), CancellationToken.None);
            Assert.Equal("new", File.ReadAllText(path));
        }

        [Fact]
        public async Task A_stream_is_published_with_what_the_writer_put_in_it()
        {
            string path = Path.Combine(_folder, "invoice.pdf");

            long length = await AtomicFilePublisher.WriteAsync(path, overwrite: false, async (stream, token) =>
            {
                await stream.WriteAsync(new byte[] { 1, 2, 3 }, token);
                return stream.Length;
            }, CancellationToken.None);

            Assert.Equal(3, length);
            Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFileSystemEntries(_folder));
        }

        [Fact]
        public void A_file_that_is_never_published_leaves_nothing()
        {
            string path = Path.Combine(_folder, "card.json");

            using (AtomicFilePublisher file = AtomicFilePublisher.Create(path, overwrite: true))
            {
                file.Stream.WriteByte(42);
            }

            Assert.Empty(Directory.GetFileSystemEntries(_folder));
        }

        [Fact]
        public void A_destination_created_by_another_writer_meanwhile_wins_when_overwrite_is_not_allowed()
        {
            string path = Path.Combine(_folder, "report.html");
            using AtomicFilePublisher file = AtomicFilePublisher.Create(path, overwrite: false);
            file.Stream.WriteByte((byte)'a');
            File.WriteAllText(path, "theirs");

            IOException e = Assert.Throws<IOException>(() => file.Publish());
            file.Dispose();

            Assert.Contains("already exists", e.Message);
            Assert.Equal("theirs", File.ReadAllText(path));
            Assert.Single(Directory.GetFileSystemEntries(_folder));
        }

        [Fact]
        public void A_destination_created_by_another_writer_meanwhile_is_replaced_when_overwrite_is_allowed()
        {
            string path = Path.Combine(_folder, "card.json");
            using AtomicFilePublisher file = AtomicFilePublisher.Create(path, overwrite: true);
            file.Stream.WriteByte((byte)'a');
            File.WriteAllText(path, "theirs");

            file.Publish();

            Assert.Equal("a", File.ReadAllText(path));
            Assert.Single(Directory.GetFileSystemEntries(_folder));
        }

        public void Dispose()
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
    }
}
