using System;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>Writes FOCUS rows to one file in a format; <see cref="CompleteAsync"/> finishes the file.</summary>
    internal interface IFocusFileWriter : IAsyncDisposable
    {
        long RowCount { get; }

        ValueTask WriteAsync(FocusRow row, CancellationToken cancellationToken);

        Task CompleteAsync(CancellationToken cancellationToken);
    }
}
