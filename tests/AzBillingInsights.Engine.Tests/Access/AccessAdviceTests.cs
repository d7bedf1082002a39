using System;
using AzBillingInsights.Engine.Access;
using AzBillingInsights.Engine.Http;

namespace AzBillingInsights.Engine.Tests.Access
{
    public sealed class AccessAdviceTests
    {
        private const string Subscription = "11111111-2222-3333-4444-555555555555";

        [Theory]
        [InlineData(403, "AuthorizationFailed", AccessStatus.NotOptedIn, "Reader, Billing Reader, Contributor or Owner on subscription " + Subscription)]
        [InlineData(403, "InvoiceAccessNotEnabled", AccessStatus.NotOptedIn, "Access to invoice")]
        [InlineData(401, "Unauthorized", AccessStatus.NotOptedIn, "Account Administrator")]
        [InlineData(400, "UnsupportedSubscriptionType", AccessStatus.NotSupported, "Partner Center")]
        [InlineData(401, "ExpiredAuthenticationToken", AccessStatus.TokenRejected, "Connect again")]
        [InlineData(401, "InvalidAuthenticationTokenAudience", AccessStatus.TokenRejected, "Connect again")]
        [InlineData(404, "SubscriptionNotFound", AccessStatus.NotFound, "Check the subscription id")]
        [InlineData(429, "SubscriptionRequestsThrottled", AccessStatus.Failed, "throttled")]
        [InlineData(0, ArmRequestException.ConnectionFailedCode, AccessStatus.Failed, "Unknown")]
        public void Names_the_status_and_what_grants_the_read(int status, string code, AccessStatus expected, string grant)
        {
            var refused = new ArmRequestException(status, code, "what the service said", "req-1", "checking");
            AccessCheck check = AccessAdvice.From(BillingApi.Invoices, Subscription, refused);

            Assert.Equal(expected, check.Status);
            Assert.Contains(grant, check.Grant);
            Assert.Equal($"{code}: what the service said", check.Reason);
            Assert.Equal("req-1", check.RequestId);
        }

        [Theory]
        [InlineData(BillingApi.Usage, "Microsoft.Commerce/UsageAggregates/read")]
        [InlineData(BillingApi.RateCard, "Microsoft.Commerce/RateCard/read")]
        [InlineData(BillingApi.BillingPeriods, "Microsoft.Billing/billingPeriods/read")]
        public void A_missing_role_names_the_api_s_read_action(BillingApi api, string action)
        {
            AccessCheck check = AccessAdvice.From(api, Subscription, new ArmRequestException(403, "AuthorizationFailed", "no", null, "checking"));
            Assert.Equal(AccessStatus.NoRole, check.Status);
            Assert.Contains(action, check.Grant);
            Assert.DoesNotContain("opt-in", check.Grant);
        }

        [Fact]
        public void A_bodiless_refusal_says_so()
        {
            AccessCheck check = AccessAdvice.From(BillingApi.Invoices, Subscription, new ArmRequestException(401, null, "", "req-2", "checking"));
            Assert.Equal("HTTP 401 without an explanation", check.Reason);
        }
    

        [Theory]
        [InlineData(0, "ConnectionFailed", "Failed", "let this machine reach http://127.0.0.1:9/")]
        [InlineData(429, "TooManyRequests", "Failed", "throttled")]
        [InlineData(404, null, "NotFound", "is a Retail Prices API")]
        public void A_failed_Retail_Prices_check_is_about_the_endpoint_never_a_role(int status, string? code, string expected, string grant)
        {
            AccessCheck check = AccessAdvice.FromRetailPrices(new Uri("http://127.0.0.1:9/"), new ArmRequestException(status, code, "what happened", null, "checking"));

            Assert.Equal(BillingApi.RetailPrices, check.Api);
            Assert.Equal(expected, check.Status.ToString());
            Assert.Contains("http://127.0.0.1:9/", check.Reason);
            Assert.Contains(grant, check.Grant);
            Assert.DoesNotContain("Reader", check.Grant);
        }
    }
}
