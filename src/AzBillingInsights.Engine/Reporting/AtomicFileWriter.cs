using System;
using System.IO;
using System.Text;
using System.Threading;

namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>
    /// Writes a text file all at once or not at all: the content goes to a hidden temporary file beside the
    /// destination, which is renamed into place only when complete. A failure or a cancellation while writing
    /// deletes the temporary file and leaves any existing destination untouched.
    /// </summary>
    public static class AtomicFileWriter
    {
        private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>Writes <paramref name="destinationPath"/> with what <paramref name="write"/> produces; returns the full path.</summary>
        /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
        public static string Write(string destinationPath, bool overwrite, Action<TextWriter> write, CancellationToken cancellationToken)
        {
            if (write is null)
            {
                throw new ArgumentNullException(nameof(write));
            }

            string destination = Path.GetFullPath(destinationPath);
            if (!overwrite && File.Exists(destination))
            {
                throw new IOException($"The file '{destination}' already exists.");
            }

            string folder = Path.GetDirectoryName(destination)!;
            Directory.CreateDirectory(folder);
            string temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                using (var writer = new StreamWriter(file, Utf8WithoutBom))
                {
                    write(writer);
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Flush();
                    file.Flush(flushToDisk: true);
                }

                if (File.Exists(destination))
                {
                    if (!overwrite)
                    {
                        throw new IOException($"The file '{destination}' already exists.");
                    }

                    File.Replace(temporary, destination, destinationBackupFileName: null);
                }
                else
                {
                    File.Move(temporary, destination);
                }

                return destination;
            }
            finally
            {
                DeleteQuietly(temporary);
            }
        }

        private static void DeleteQuietly(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // Best effort: a leftover hidden .tmp beside the report is harmless.
            }
        }
    }
}
