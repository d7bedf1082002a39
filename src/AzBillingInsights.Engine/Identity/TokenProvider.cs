using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>
    /// The process's one ARM token: every runspace asks here, concurrent askers wait for the same request,
    /// and the token is renewed five minutes before it expires so a long download never carries a stale one.
    /// </summary>
    public sealed class TokenProvider
    {
        private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

        private readonly TokenCredential _credential;
        private readonly TokenRequestContext _request;
        private readonly Func<DateTimeOffset> _clock;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private AccessToken? _current;

        internal TokenProvider(TokenCredential credential, string scope, Func<DateTimeOffset>? clock = null)
        {
            _credential = credential;
            _request = new TokenRequestContext(new[] { scope });
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>How many tokens were requested from the credential in this process.</summary>
        public int TokenRequests { get; private set; }

        public DateTimeOffset? ExpiresOn => _current?.ExpiresOn;

        /// <summary>The current token, renewed first when it is near expiry or <paramref name="renew"/> is set.</summary>
        internal async ValueTask<AccessToken> GetTokenAsync(bool renew, CancellationToken cancellationToken)
        {
            AccessToken? current = _current;
            if (!renew && IsFresh(current))
            {
                return current!.Value;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another caller may have renewed it while this one waited; a forced renewal also counts then.
                if (IsFresh(_current) && (!renew || !_current.Equals(current)))
                {
                    return _current!.Value;
                }

                TokenRequests++;
                AccessToken token = await _credential.GetTokenAsync(_request, cancellationToken).ConfigureAwait(false);
                _current = token;
                return token;
            }
            finally
            {
                _gate.Release();
            }
        }

        private bool IsFresh(AccessToken? token) => token.HasValue && token.Value.ExpiresOn - _clock() > RenewBefore;
    }
}
