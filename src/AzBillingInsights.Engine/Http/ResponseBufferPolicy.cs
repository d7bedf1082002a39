using System;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AzBillingInsights.Engine.Http
{
    /// <summary>
    /// Buffers the body of a request that brought its own <see cref="ResponseBuffer"/> into that buffer. It runs
    /// inside the retry loop, as Azure.Core's own buffering does, so a body cut off or stalled half-way (each read is
    /// bounded by the network timeout) is retried the same way.
    /// </summary>
    internal sealed class ResponseBufferPolicy : HttpPipelinePolicy
    {
        /// <summary>Has <paramref name="message"/>'s body read into <paramref name="buffer"/> instead of a new stream.</summary>
        internal static void Use(HttpMessage message, ResponseBuffer buffer)
        {
            message.BufferResponse = false;
            message.SetProperty(typeof(ResponseBuffer), buffer);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            if (BufferOf(message) is ResponseBuffer buffer && message.Response.ContentStream is { } body)
            {
                message.Response.ContentStream = buffer.FillAsync(body, message.Response.Headers.ContentLength, async: false, message.CancellationToken)
                    .GetAwaiter().GetResult();
            }
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            if (BufferOf(message) is ResponseBuffer buffer && message.Response.ContentStream is { } body)
            {
                message.Response.ContentStream = await buffer.FillAsync(body, message.Response.Headers.ContentLength, async: true, message.CancellationToken)
                    .ConfigureAwait(false);
            }
        }

        private static ResponseBuffer? BufferOf(HttpMessage message) =>
            message.TryGetProperty(typeof(ResponseBuffer), out object? buffer) ? buffer as ResponseBuffer : null;
    }
}
