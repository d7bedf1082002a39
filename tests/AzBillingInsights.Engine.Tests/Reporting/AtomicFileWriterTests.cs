using System;
using System.IO;
using System.Threading;
using AzBillingInsights.Engine.Reporting;

namespace AzBillingInsights.Engine.Tests.Reporting
{
    public sealed class AtomicFileWriterTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "azbi-atomic-" + Guid.NewGuid().ToString("N"));

        [Fact]
        public void WritesTheWholeFileAndLeavesNothingElse()
        {
            string path = Path.Combine(_folder, "sub", "report.html");

            string written = AtomicFileWriter.Write(path, overwrite: true, w => w.Write("<p>é</p>"), CancellationToken.None);

            Assert.Equal(path, written);
            Assert.Equal(new byte[] { 0x3C, 0x70, 0x3E, 0xC3, 0xA9 }, File.ReadAllBytes(path)[..5]);
            Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!));
        }

        [Fact]
        public void LeavesTheOldFileAndNoTemporaryWhenWritingFails()
        {
            Directory.CreateDirectory(_folder);
            string path = Path.Combine(_folder, "report.html");
            File.WriteAllText(path, "old");

            Assert.Throws<InvalidOperationException>(() => AtomicFileWriter.Write(path, true, w => { w.Write("half"); throw new InvalidOperationException("boom"); }, CancellationToken.None));

            Assert.Equal("old", File.ReadAllText(path));
            Assert.Single(Directory.GetFileSystemEntries(_folder));
        }

        [Fact]
        public void LeavesNothingWhenCancelled()
        {
            string path = Path.Combine(_folder, "report.html");
            using var cancellation = new CancellationTokenSource();
            cancellation.Cancel();

            Assert.Throws<OperationCanceledException>(() => AtomicFileWriter.Write(path, true, w => w.Write("x"), cancellation.Token));

            Assert.Empty(Directory.GetFileSystemEntries(_folder));
        }

        [Fact]
        public void ReplacesAnExistingFileOnlyWhenAllowed()
        {
            Directory.CreateDirectory(_folder);
            string path = Path.Combine(_folder, "report.html");
            File.WriteAllText(path, "old");

            Assert.Throws<IOException>(() => AtomicFileWriter.Write(path, overwrite: false, w => w.Write("new"), CancellationToken.None));
            Assert.Equal("old", File.ReadAllText(path));

            AtomicFileWriter.Write(path, overwrite: true, w => w.Write("new"), CancellationToken.None);
            Assert.Equal("new", File.ReadAllText(path));
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
