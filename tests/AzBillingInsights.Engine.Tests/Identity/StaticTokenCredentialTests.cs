using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Engine.Tests.Identity
{
    public sealed class StaticTokenCredentialTests
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        private static readonly TokenRequestContext Request = new TokenRequestContext(new[] { "https://management.azure.com/.default" });

        [Theory]
        [InlineData("System.Security.SecureString", "SecureString was turned into text")]
        [InlineData("not-a-token", "not a JWT")]
        [InlineData("x.y.z", "not a JWT")]
        [InlineData("e30.WzFd.sig", "not a JWT")] // a JSON array is not a claims set
        public void Refuses_what_is_not_a_jwt(string token, string message)
        {
            var e = Assert.Throws<InvalidAccessTokenException>(() => StaticTokenCredential.FromCallersToken(token, null, () => Now));
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
            if (token != "System.Security.SecureString")
            {
                Assert.DoesNotContain(token, e.Message, StringComparison.Ordinal); // a token is never echoed
            }
        }

        [Fact]
        public void Refuses_a_token_that_has_expired()
        {
            var e = Assert.Throws<AccessTokenExpiredException>(() => StaticTokenCredential.FromCallersToken(Jwt(Now.AddMinutes(-1)), null, () => Now));
            Assert.Equal(Now.AddMinutes(-1), e.ExpiredOn);
        }

        [Fact]
        public async Task The_given_expiry_wins_over_the_claim_and_ends_the_token()
        {
            DateTimeOffset clock = Now;
            StaticTokenCredential credential = StaticTokenCredential.FromCallersToken("Bearer " + Jwt(Now.AddHours(1)), Now.AddMinutes(10), () => clock);

            AccessToken token = await credential.GetTokenAsync(Request, CancellationToken.None);
            Assert.Equal(Now.AddMinutes(10), token.ExpiresOn);
            Assert.False(token.Token.StartsWith("Bearer", StringComparison.Ordinal));

            clock = Now.AddMinutes(10);
            await Assert.ThrowsAsync<AccessTokenExpiredException>(() => credential.GetTokenAsync(Request, CancellationToken.None).AsTask());
        }

        [Fact]
        public void Takes_the_expiry_from_the_claim_when_none_is_given()
        {
            StaticTokenCredential credential = StaticTokenCredential.FromCallersToken(Jwt(Now.AddMinutes(42)), null, () => Now);
            Assert.Equal(Now.AddMinutes(42), credential.GetToken(Request, CancellationToken.None).ExpiresOn);
        }

        private static string Jwt(DateTimeOffset expiresOn) =>
            "e30." + Base64Url($"{{\"exp\":{expiresOn.ToUnixTimeSeconds()}}}") + ".sig";

        private static string Base64Url(string text) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
