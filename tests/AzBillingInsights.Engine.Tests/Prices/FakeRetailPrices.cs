using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core.Pipeline;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    /// <summary>A Retail Prices client whose transport answers from a function, recording each request's URI.</summary>
    internal sealed class FakeRetailPrices : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, HttpResponseMessage> _answer;

        public FakeRetailPrices(Func<HttpRequestMessage, HttpResponseMessage> answer, Uri? baseAddress = null)
        {
            _answer = answer;
            var options = new ArmClientOptions { Transport = new HttpClientTransport(new HttpClient(this)) };
            options.Retry.MaxRetries = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(1);
            Client = new RetailPricesClient(baseAddress ?? RetailPricesEndpoint.Public, options);
        }

        public RetailPricesClient Client { get; }

        public List<Uri> Requests { get; } = new List<Uri>();

        public static HttpResponseMessage Body(byte[] body) =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add(request.RequestUri!);
            }

            return Task.FromResult(_answer(request));
        }
    }
}
