using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Invoices;

namespace AzBillingInsights.Commands
{
    [Cmdlet(VerbsData.Save, "AzInvoice", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveAzInvoiceCommand : AsyncPSCmdlet
    {
        private const string InputObjectSet = "InputObject";
        private const string NameSet = "Name";
        private const int ProgressActivityId = 0x5A63;

        /// <summary>An invoice from Get-AzInvoice; its download link is used while it is valid.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public Invoice? InputObject { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        /// <summary>A folder (the file is named after the invoice, NAME.pdf) or a file name.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrites an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override async Task ProcessRecordAsync(AsyncPipeline pipeline, CancellationToken cancellationToken)
        {
            if (InputObject is null && !SubscriptionIdArgument.AcceptForThisInput(SubscriptionId, pipeline.WriteError))
            {
                return;
            }

            BillingConnection connection = BillingSession.Require();
            InvoiceRecord invoice;
            try
            {
                invoice = InputObject?.Record
                    ?? await new InvoiceClient(connection.Arm).GetAsync(connection.ResolveSubscription(SubscriptionId), Name!, cancellationToken).ConfigureAwait(false);
            }
            catch (ArmRequestException e)
            {
                pipeline.WriteError(ErrorFactory.FromException(e, Name));
                return;
            }

            string destination = Destination(invoice.Name);
            if (!Force && File.Exists(destination))
            {
                pipeline.WriteError(ErrorFactory.Create(
                    new IOException($"The file '{destination}' already exists."), "FileExists", ErrorCategory.ResourceExists, destination, "Use -Force to overwrite it, or give another -Path."));
                return;
            }

            if (!await pipeline.ShouldProcessAsync(destination, $"Save the PDF of invoice {invoice.Name} of subscription {invoice.SubscriptionId}").ConfigureAwait(false))
            {
                return;
            }

            var progress = new DownloadProgressWriter(pipeline, new ProgressRecord(ProgressActivityId, $"Saving invoice {invoice.Name}", "Downloading"));
            try
            {
                long bytes = await new InvoiceDownloader(connection.Arm).SaveAsync(invoice, destination, Force, progress, cancellationToken).ConfigureAwait(false);
                pipeline.WriteVerbose($"Saved invoice {invoice.Name} ({bytes:N0} bytes) to {destination}.");
                pipeline.WriteObject(new FileInfo(destination));
            }
            catch (Exception e) when (e is ArmRequestException || e is DownloadLinkException || e is InvalidDataException || e is IOException)
            {
                pipeline.WriteError(ErrorFactory.FromException(e, invoice.Name));
            }
            finally
            {
                progress.Complete();
            }
        }

        /// <summary>A folder (existing, or written with a trailing separator) gets NAME.pdf inside it; anything else is the file name.</summary>
        private string Destination(string invoiceName)
        {
            // The pipeline thread is blocked waiting for this work, so reading session state here cannot race with it.
            string resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            bool isFolder = Directory.Exists(resolved) || Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal);
            return isFolder ? System.IO.Path.Combine(resolved, invoiceName + ".pdf") : resolved;
        }

        /// <summary>Download progress, at most every 250 ms, with a Completed record at the end.</summary>
        private sealed class DownloadProgressWriter : IProgress<DownloadProgress>
        {
            private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
            private readonly AsyncPipeline _pipeline;
            private readonly ProgressRecord _record;
            private readonly Stopwatch _clock = Stopwatch.StartNew();
            private TimeSpan _last = TimeSpan.Zero;
            private bool _shown;

            public DownloadProgressWriter(AsyncPipeline pipeline, ProgressRecord record)
            {
                _pipeline = pipeline;
                _record = record;
            }

            public void Report(DownloadProgress value)
            {
                if (_clock.Elapsed - _last < Interval)
                {
                    return;
                }

                _last = _clock.Elapsed;
                _shown = true;
                _record.StatusDescription = value.TotalBytes is long total ? $"{value.BytesRead:N0} of {total:N0} bytes" : $"{value.BytesRead:N0} bytes";
                _record.PercentComplete = value.TotalBytes is long all && all > 0 ? (int)Math.Min(100, value.BytesRead * 100 / all) : -1;
                _pipeline.WriteProgress(_record);
            }

            public void Complete()
            {
                if (_shown)
                {
                    _record.RecordType = ProgressRecordType.Completed;
                    _pipeline.WriteProgress(_record);
                }
            }
        }
    }
}
