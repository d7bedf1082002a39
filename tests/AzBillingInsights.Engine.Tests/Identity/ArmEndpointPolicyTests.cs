using System;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Engine.Tests.Identity
{
    public sealed class ArmEndpointPolicyTests
    {
        [Theory]
        [InlineData("https://management.azure.com/")]
        [InlineData("http://127.0.0.1:5000/")]
        [InlineData("http://127.0.0.2:5000/")]
        [InlineData("http://localhost:5000/")]
        [InlineData("http://[::1]:5000/")]
        public void Allows_https_and_loopback_http(string endpoint) =>
            ArmEndpointPolicy.EnsureAllowed(new Uri(endpoint));

        [Theory]
        [InlineData("http://management.azure.com/")]
        [InlineData("http://10.0.0.4/")]
        [InlineData("ftp://127.0.0.1/")]
        public void Refuses_anything_else(string endpoint) =>
            Assert.Throws<InsecureEndpointException>(() => ArmEndpointPolicy.EnsureAllowed(new Uri(endpoint)));

        [Fact]
        public void A_custom_endpoint_keeps_the_clouds_audience() =>
            Assert.Equal(
                "https://management.azure.com/",
                CloudEnvironment.Get(CloudName.AzureCloud).WithArmEndpoint(new Uri("http://127.0.0.1:1")).Audience);
    }
}
