using System;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Engine.Http
{
    /// <summary>
    /// Adds the bearer token, but only to requests for the ARM host it was issued for and only over https
    /// (or http to loopback). Azure.Core's own bearer policy refuses http outright, which rules out the local
    /// emulator. After a 401 the token is renewed once and the request sent again: a token can expire
    /// between our freshness check and ARM's.
    /// </summary>
    internal sealed class ArmBearerTokenPolicy : HttpPipelinePolicy
    {
        private readonly TokenProvider _tokens;
        private readonly Uri _armEndpoint;

        internal ArmBearerTokenPolicy(TokenProvider tokens, Uri armEndpoint)
        {
            _tokens = tokens;
            _armEndpoint = armEndpoint;
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, async: true);

        private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
        {
            Uri target = message.Request.Uri.ToUri();
            if (!IsArmHost(target))
            {
                throw new InsecureEndpointException(
                    $"Refusing to send the ARM token to '{target.GetLeftPart(UriPartial.Authority)}': it is not the connected ARM endpoint '{_armEndpoint.GetLeftPart(UriPartial.Authority)}'.");
            }

            ArmEndpointPolicy.EnsureAllowed(target);
            await AuthorizeAsync(message, renew: false).ConfigureAwait(false);
            await SendAsync(message, pipeline, async).ConfigureAwait(false);
            if (message.Response.Status == 401)
            {
                await AuthorizeAsync(message, renew: true).ConfigureAwait(false);
                await SendAsync(message, pipeline, async).ConfigureAwait(false);
            }
        }

        private async ValueTask AuthorizeAsync(HttpMessage message, bool renew)
        {
            AccessToken token = await _tokens.GetTokenAsync(renew, message.CancellationToken).ConfigureAwait(false);
            message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token.Token);
        }

        private static async ValueTask SendAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
        {
            if (async)
            {
                await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            }
            else
            {
                ProcessNext(message, pipeline);
            }
        }

        private bool IsArmHost(Uri target) =>
            Uri.Compare(target, _armEndpoint, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }
}
