using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Engine.Tests.Identity
{
    public sealed class TokenProviderTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

        [Fact]
        public async Task Concurrent_callers_share_one_token_request()
        {
            var credential = new CountingCredential(Now.AddHours(1), delay: TimeSpan.FromMilliseconds(100));
            var provider = new TokenProvider(credential, "https://management.azure.com/.default", () => Now);

            Task<AccessToken>[] callers = new Task<AccessToken>[8];
            for (int i = 0; i < callers.Length; i++)
            {
                callers[i] = provider.GetTokenAsync(renew: false, CancellationToken.None).AsTask();
            }

            await Task.WhenAll(callers);
            Assert.Equal(1, credential.Requests);
        }

        [Fact]
        public async Task A_token_near_expiry_is_renewed_before_use()
        {
            DateTimeOffset clock = Now;
            var credential = new CountingCredential(Now.AddMinutes(30));
            var provider = new TokenProvider(credential, "scope", () => clock);

            await provider.GetTokenAsync(false, CancellationToken.None);
            clock = Now.AddMinutes(20);
            await provider.GetTokenAsync(false, CancellationToken.None);
            Assert.Equal(1, credential.Requests);

            clock = Now.AddMinutes(26); // inside the five-minute renewal window
            await provider.GetTokenAsync(false, CancellationToken.None);
            Assert.Equal(2, credential.Requests);
        }

        [Fact]
        public async Task Renew_forces_a_new_request_even_for_a_fresh_token()
        {
            var credential = new CountingCredential(Now.AddHours(1));
            var provider = new TokenProvider(credential, "scope", () => Now);

            await provider.GetTokenAsync(false, CancellationToken.None);
            await provider.GetTokenAsync(true, CancellationToken.None);
            Assert.Equal(2, credential.Requests);
        }

        private sealed class CountingCredential : TokenCredential
        {
            private readonly DateTimeOffset _expiresOn;
            private readonly TimeSpan _delay;
            private int _requests;

            internal CountingCredential(DateTimeOffset expiresOn, TimeSpan delay = default)
            {
                _expiresOn = expiresOn;
                _delay = delay;
            }

            internal int Requests => _requests;

            public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
                GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

            public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            {
                int request = Interlocked.Increment(ref _requests);
                await Task.Delay(_delay, cancellationToken);
                return new AccessToken("token-" + request, _expiresOn);
            }
        }
    }
}
