using System;
using System.Text;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Engine.Tests.Identity
{
    public sealed class JwtClaimsTests
    {
        [Fact]
        public void Reads_account_tenant_and_expiry()
        {
            JwtClaims? claims = JwtClaims.TryRead(Jwt("{\"upn\":\"alice@contoso.com\",\"tid\":\"t1\",\"exp\":1700000000,\"aud\":\"https://management.azure.com/\"}"));
            Assert.NotNull(claims);
            Assert.Equal("alice@contoso.com", claims!.Account);
            Assert.Equal("t1", claims.TenantId);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), claims.ExpiresOn);
        }

        [Fact]
        public void Falls_back_to_the_application_id_for_service_principals() =>
            Assert.Equal("app-1", JwtClaims.TryRead(Jwt("{\"appid\":\"app-1\",\"oid\":\"o\"}"))!.Account);

        [Theory]
        [InlineData("opaque")]
        [InlineData("a.!!!.c")]
        [InlineData("a.bm90IGpzb24.c")]
        public void Returns_null_for_tokens_that_are_not_jwts(string token) => Assert.Null(JwtClaims.TryRead(token));

        private static string Jwt(string payload) =>
            "e30." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".sig";
    }
}
