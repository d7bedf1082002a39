using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Identity;
using AzBillingInsights.Engine.IO;

namespace AzBillingInsights.Engine.Invoices
{
    /// <summary>
    /// Saves an invoice's PDF through an <see cref="AtomicFilePublisher"/>: the file is published only once complete
    /// and recognisably a PDF, so a failure or Ctrl+C leaves no partial file. A download link that has expired (or is
    /// about to) is replaced by reading the invoice again.
    /// </summary>
    public sealed class InvoiceDownloader
    {
        private const int CopyBufferSize = 81920;
        private static readonly byte[] PdfHeader = Encoding.ASCII.GetBytes("%PDF-");
        private static readonly byte[] PdfEnd = Encoding.ASCII.GetBytes("%%EOF");
        // A link this close to expiry may die mid-download: fetch a fresh one first.
        private static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(1);

        private readonly ArmClient _arm;
        private readonly InvoiceClient _invoices;
        private readonly Func<DateTimeOffset> _clock;

        public InvoiceDownloader(ArmClient arm)
            : this(arm, () => DateTimeOffset.UtcNow)
        {
        }

        internal InvoiceDownloader(ArmClient arm, Func<DateTimeOffset> clock)
        {
            _arm = arm ?? throw new ArgumentNullException(nameof(arm));
            _invoices = new InvoiceClient(arm);
            _clock = clock;
        }

        /// <summary>Writes the PDF of <paramref name="invoice"/> to <paramref name="destinationPath"/> and returns its size in bytes.</summary>
        /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or the body was cut off.</exception>
        /// <exception cref="InvalidDataException">What arrived is not a whole PDF.</exception>
        /// <exception cref="DownloadLinkException">The link was refused even after a refresh.</exception>
        public async Task<long> SaveAsync(InvoiceRecord invoice, string destinationPath, bool overwrite, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
        {
            if (invoice is null)
            {
                throw new ArgumentNullException(nameof(invoice));
            }

            using AtomicFilePublisher file = AtomicFilePublisher.Create(destinationPath, overwrite, useAsync: true);
            using Response response = await OpenAsync(invoice, cancellationToken).ConfigureAwait(false);
            Stream body = response.ContentStream ?? throw new InvalidDataException($"The download of invoice '{invoice.Name}' returned no body.");
            long length = await CopyAsync(body, file.Stream, response.Headers.ContentLength, progress, cancellationToken).ConfigureAwait(false);
            EnsurePdf(file.Stream, invoice.Name);
            file.Publish();
            return length;
        }

        private async Task<Response> OpenAsync(InvoiceRecord invoice, CancellationToken cancellationToken)
        {
            bool refreshed = false;
            if (invoice.DownloadUrl is null || invoice.DownloadUrlExpiry is null || invoice.DownloadUrlExpiry.Value - ExpiryMargin <= _clock())
            {
                invoice = await _invoices.GetAsync(invoice.SubscriptionId, invoice.Name, cancellationToken).ConfigureAwait(false);
                refreshed = true;
            }

            while (true)
            {
                Uri link = invoice.DownloadUrl ?? throw new InvalidDataException($"Invoice '{invoice.Name}' has no download URL.");
                ArmEndpointPolicy.EnsureAllowed(link);
                try
                {
                    return await _arm.PresignedUrls.OpenAsync(link, $"downloading invoice '{invoice.Name}'", cancellationToken).ConfigureAwait(false);
                }
                catch (DownloadLinkException e) when (e.IsLinkRejected && !refreshed)
                {
                    // Expired between listing and now (or clocks disagree): one fresh link, then give up.
                    invoice = await _invoices.GetAsync(invoice.SubscriptionId, invoice.Name, cancellationToken).ConfigureAwait(false);
                    refreshed = true;
                }
            }
        }

        private static async Task<long> CopyAsync(Stream body, Stream file, long? total, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
        {
            byte[] buffer = new byte[CopyBufferSize];
            long copied = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await file.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                copied += read;
                progress?.Report(new DownloadProgress(copied, total));
            }

            return copied;
        }

        /// <summary>A PDF starts with %PDF- and ends with %%EOF (within the last kilobyte); anything else is a cut-off or an error page.</summary>
        private static void EnsurePdf(FileStream file, string invoiceName)
        {
            byte[] head = new byte[PdfHeader.Length];
            file.Position = 0;
            int headLength = file.Read(head, 0, head.Length);
            int tailLength = (int)Math.Min(1024, file.Length);
            byte[] tail = new byte[tailLength];
            file.Position = file.Length - tailLength;
            tailLength = file.Read(tail, 0, tailLength);
            if (headLength != PdfHeader.Length || !StartsWith(head, PdfHeader) || IndexOf(tail, tailLength, PdfEnd) < 0)
            {
                throw new InvalidDataException($"The download of invoice '{invoiceName}' is not a complete PDF ({file.Length} bytes); nothing was saved. Run the command again.");
            }
        }

        private static bool StartsWith(byte[] data, byte[] prefix)
        {
            for (int i = 0; i < prefix.Length; i++)
            {
                if (data[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int IndexOf(byte[] data, int length, byte[] pattern)
        {
            for (int i = 0; i + pattern.Length <= length; i++)
            {
                int j = 0;
                while (j < pattern.Length && data[i + j] == pattern[j])
                {
                    j++;
                }

                if (j == pattern.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>How far a download has got; <see cref="TotalBytes"/> is null when the server did not say.</summary>
    public readonly struct DownloadProgress
    {
        public DownloadProgress(long bytesRead, long? totalBytes)
        {
            BytesRead = bytesRead;
            TotalBytes = totalBytes;
        }

        public long BytesRead { get; }
        public long? TotalBytes { get; }
    }
}
