using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.IO
{
    /// <summary>
    /// A file that appears at its destination whole or not at all. The content goes to a hidden temporary file in
    /// the destination's own folder (so the final rename never crosses volumes); <see cref="Publish"/> flushes it to
    /// disk and renames it into place. Disposing without publishing (an exception, a cancellation, a failed check of
    /// the content) deletes the temporary file and leaves any existing destination untouched.
    /// </summary>
    public sealed class AtomicFilePublisher : IDisposable
    {
        private const int BufferSize = 64 * 1024;
        private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        private readonly string _temporaryPath;
        private readonly bool _overwrite;
        private bool _published;

        private AtomicFilePublisher(string destinationPath, string temporaryPath, FileStream stream, bool overwrite)
        {
            DestinationPath = destinationPath;
            _temporaryPath = temporaryPath;
            Stream = stream;
            _overwrite = overwrite;
        }

        /// <summary>The full path the file is published to.</summary>
        public string DestinationPath { get; }

        /// <summary>The temporary file, open for reading and writing, so the content can be checked before it is published.</summary>
        public FileStream Stream { get; }

        /// <summary>Starts a file for <paramref name="destinationPath"/>, creating its folder when missing.</summary>
        /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or the folder cannot be written.</exception>
        public static AtomicFilePublisher Create(string destinationPath, bool overwrite, bool useAsync = false)
        {
            string destination = Path.GetFullPath(destinationPath);
            if (!overwrite && File.Exists(destination))
            {
                throw AlreadyExists(destination, inner: null);
            }

            string folder = Path.GetDirectoryName(destination)!;
            Directory.CreateDirectory(folder);
            string temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize, useAsync);
            return new AtomicFilePublisher(destination, temporary, stream, overwrite);
        }

        /// <summary>Writes <paramref name="destinationPath"/> as UTF-8 text (no BOM) with what <paramref name="write"/> produces; returns the full path.</summary>
        /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
        public static string WriteText(string destinationPath, bool overwrite, Action<TextWriter> write, CancellationToken cancellationToken)
        {
            if (write is null)
            {
                throw new ArgumentNullException(nameof(write));
            }

            using AtomicFilePublisher file = Create(destinationPath, overwrite);
            using (var writer = new StreamWriter(file.Stream, Utf8WithoutBom, BufferSize, leaveOpen: true))
            {
                write(writer);
            }

            cancellationToken.ThrowIfCancellationRequested();
            file.Publish();
            return file.DestinationPath;
        }

        /// <summary>Writes <paramref name="destinationPath"/> with what <paramref name="write"/> puts in the stream; returns what it returns.</summary>
        /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
        public static async Task<T> WriteAsync<T>(string destinationPath, bool overwrite, Func<FileStream, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
        {
            if (write is null)
            {
                throw new ArgumentNullException(nameof(write));
            }

            using AtomicFilePublisher file = Create(destinationPath, overwrite, useAsync: true);
            T result = await write(file.Stream, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            file.Publish();
            return result;
        }

        /// <summary>
        /// Replaces the cache file <paramref name="destinationPath"/> with <paramref name="content"/>, whole or not at all,
        /// but not flushed to disk first: a cache needs readers never to see half a file, not durability (a file torn by
        /// a crash reads as corrupt and is fetched again), and a flush would slow the read that waits for this write.
        /// </summary>
        public static void ReplaceCacheFile(string destinationPath, byte[] content)
        {
            using AtomicFilePublisher file = Create(destinationPath, overwrite: true);
            file.Stream.Write(content);
            file.Publish(flushToDisk: false);
        }

        /// <summary>Flushes the content to disk and renames it into place.</summary>
        /// <exception cref="IOException">Another writer created the destination meanwhile and overwriting was not allowed.</exception>
        public void Publish() => Publish(flushToDisk: true);

        /// <summary>Renames the content into place, first flushed to disk when <paramref name="flushToDisk"/> (a cache file need not be; see <see cref="ReplaceCacheFile(string, byte[])"/>).</summary>
        /// <exception cref="IOException">Another writer created the destination meanwhile and overwriting was not allowed.</exception>
        public void Publish(bool flushToDisk)
        {
            if (_published)
            {
                throw new InvalidOperationException($"'{DestinationPath}' is already published.");
            }

            Stream.Flush(flushToDisk);
            Stream.Dispose();
            MoveIntoPlace();
            _published = true;
        }

        public void Dispose()
        {
            Stream.Dispose();
            if (!_published)
            {
                DeleteQuietly(_temporaryPath);
            }
        }

        /// <summary>
        /// A rename, atomic on one volume. Without overwrite, a destination that appeared since <see cref="Create"/> wins
        /// and this file is dropped; with it, the last writer wins.
        /// </summary>
        private void MoveIntoPlace()
        {
            try
            {
                File.Move(_temporaryPath, DestinationPath, _overwrite);
            }
            catch (IOException e) when (!_overwrite && File.Exists(DestinationPath))
            {
                throw AlreadyExists(DestinationPath, e);
            }
        }

        private static IOException AlreadyExists(string destination, Exception? inner) =>
            new IOException($"The file '{destination}' already exists.", inner);

        private static void DeleteQuietly(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // A leftover temporary file is hidden and harmless; the error that matters is already on its way.
            }
        }
    }
}
