using System.IO;
using System.Linq;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    /// <summary>The real Retail Prices bodies copied from shared/reference/data/retail-prices.</summary>
    internal static class RetailPriceFixtures
    {
        public const string VirtualMachinesPage = "page1-virtual-machines-eastus2.json";
        public const string StoragePage = "page1-storage-eastus2.json";
        public const string CognitiveSearchPage = "single-page-azure-cognitive-search-eastus2.json";
        public const string CosmosDbPage = "single-page-azure-cosmos-db-eastus2.json";
        public const string EmptyResult = "empty-result-azure-openai-eastus2.json";
        /// <summary>eastus2-by-service/virtual_network.json: every pay-as-you-go Virtual Network price in eastus2, all pages merged.</summary>
        public const string VirtualNetworkService = "by-service-virtual-network-eastus2.json";

        public static byte[] Bytes(string name) => File.ReadAllBytes(FixtureFiles.PathOf(Path.Combine("retail-prices", name)));

        public static RetailPricePage Parse(string name) => new RetailPricePageParser().Parse(Bytes(name));

        /// <summary>The page's prices with their tiers folded, as a one-page read yields them.</summary>
        public static RetailPrice[] Folded(string name)
        {
            var folder = new RetailPriceFolder();
            return folder.Fold(Parse(name).Prices).Concat(folder.Finish()).ToArray();
        }
    }
}
