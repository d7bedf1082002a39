using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using AzBillingInsights.Engine.Http;
using Xunit;

namespace AzBillingInsights.Engine.Tests.Http
{
    public class ResponseBufferTests
    {
        private static readonly Uri Page = new Uri(FakeArm.Endpoint, "page");

        [Fact]
        public async Task Pages_larger_than_the_buffer_arrive_whole_and_later_pages_reuse_its_memory()
        {
            byte[] big = Body(300_000, seed: 1);
            byte[] small = Body(70_000, seed: 2);
            var bodies = new[] { big, small };
            int call = 0;
            var arm = new FakeArm(_ => FakeArm.Bytes(bodies[call++]));
            var buffer = new ResponseBuffer();

            byte[]? firstArray;
            using (Response first = await arm.Client.GetAsync(Page, "test", CancellationToken.None, buffer))
            {
                Assert.Equal(big, first.Content.ToArray());
                firstArray = ArrayOf(first);
            }

            using Response second = await arm.Client.GetAsync(Page, "test", CancellationToken.None, buffer);
            Assert.Equal(small, second.Content.ToArray());
            Assert.Same(firstArray, ArrayOf(second));
        }

        [Fact]
        public async Task A_body_cut_off_half_way_is_fetched_again_by_the_pipeline()
        {
            byte[] body = Body(200_000, seed: 3);
            int attempts = 0;
            var arm = new FakeArm(_ => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StreamContent(new CutOffStream(body, cutAfter: ++attempts == 1 ? 100_000 : body.Length)),
            });

            using Response response = await arm.Client.GetAsync(Page, "test", CancellationToken.None, new ResponseBuffer());

            Assert.Equal(body, response.Content.ToArray());
            Assert.Equal(2, arm.Requests.Count);
        }

        private static byte[] Body(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        private static byte[]? ArrayOf(Response response) =>
            ((MemoryStream)response.ContentStream!).TryGetBuffer(out ArraySegment<byte> segment) ? segment.Array : null;

        /// <summary>A body whose connection drops after <c>cutAfter</c> bytes.</summary>
        private sealed class CutOffStream : MemoryStream
        {
            private readonly int _cutAfter;

            public CutOffStream(byte[] body, int cutAfter) : base(body) => _cutAfter = cutAfter;

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (Position >= _cutAfter && Position < Length)
                {
                    throw new IOException("The connection was reset.");
                }

                return base.Read(buffer, offset, (int)Math.Min(count, _cutAfter - Position));
            }

            // MemoryStream's span overloads would bypass the cut.
            public override int Read(Span<byte> buffer)
            {
                byte[] bytes = new byte[buffer.Length];
                int read = Read(bytes, 0, bytes.Length);
                bytes.AsSpan(0, read).CopyTo(buffer);
                return read;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.FromResult(Read(buffer, offset, count));

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
                new ValueTask<int>(Read(buffer.Span));
        }
    }
}
