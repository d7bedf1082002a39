using AzBillingInsights.Engine.Prices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    /// <summary>Origins for tests that need prices to have come from somewhere.</summary>
    internal static class TestOrigin
    {
        public static readonly PriceOrigin Azure = PriceOrigin.Parse("https://management.azure.com/");
    }
}
