using System;
using System.IO;
using System.Linq;
using System.Threading;
using Azure;

namespace AzBillingInsights.Engine.Http
{
    /// <summary>
    /// Recognises a call that got no answer at all after Azure.Core's retries: a dropped connection or a network
    /// timeout. Azure.Core reports these as <see cref="RequestFailedException"/> with status 0 (several of them in an
    /// <see cref="AggregateException"/> once retries run out), or as a timeout's cancellation nobody asked for.
    /// </summary>
    public static class TransportFailure
    {
        public static bool Matches(Exception exception, CancellationToken cancellationToken) => exception switch
        {
            AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(e => Matches(e, cancellationToken)),
            RequestFailedException failed => failed.Status == 0,
            IOException _ => true,
            OperationCanceledException _ => !cancellationToken.IsCancellationRequested,
            _ => false,
        };

        /// <summary>What went wrong on the last try, e.g. "Connection reset by peer", without Azure.Core's retry advice.</summary>
        public static string Describe(Exception exception)
        {
            Exception last = exception is AggregateException all && all.InnerExceptions.Count > 0 ? all.InnerExceptions[all.InnerExceptions.Count - 1] : exception;
            while (last.InnerException is not null)
            {
                last = last.InnerException;
            }

            return last is OperationCanceledException ? "no answer within the network timeout" : last.Message;
        }
    }
}
