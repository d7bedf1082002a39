using System.Collections.Generic;
using System.Linq;

namespace AzBillingInsights
{
    /// <summary>
    /// Service names exactly as the Retail Prices API spells them (its filter values are case-sensitive), from real
    /// answers of the API with their service family as the description.
    /// </summary>
    public sealed class RetailServiceNameCompleter : KnownValueCompleter
    {
        private static readonly KeyValuePair<string, string>[] Services = new[]
        {
            ("API Management", "Developer Tools"), ("Application Gateway", "Networking"), ("Application Insights", "Management and Governance"),
            ("Azure API for FHIR", "Other"), ("Azure App Service", "Compute"), ("Azure Cognitive Search", "Web"), ("Azure Container Apps", "Compute"),
            ("Azure Cosmos DB", "Databases"), ("Azure Data Factory", "Analytics"), ("Azure Database for MySQL", "Databases"),
            ("Azure Database for PostgreSQL", "Databases"), ("Azure DevOps", "Developer Tools"), ("Azure Firewall", "Networking"),
            ("Azure Front Door Service", "Networking"), ("Azure Kubernetes Service", "Compute"), ("Azure Machine Learning", "AI + Machine Learning"),
            ("Azure Monitor", "Management and Governance"), ("Azure Synapse Analytics", "Analytics"), ("Backup", "Storage"),
            ("Bandwidth", "Networking"), ("Container Instances", "Containers"), ("Container Registry", "Containers"),
            ("Content Delivery Network", "Networking"), ("Digital Twins", "Internet of Things"), ("Event Grid", "Internet of Things"),
            ("Event Hubs", "Internet of Things"), ("ExpressRoute", "Networking"), ("Foundry Models", "AI + Machine Learning"),
            ("Foundry Tools", "AI + Machine Learning"), ("Functions", "Compute"), ("IoT Central", "Internet of Things"), ("IoT Hub", "Internet of Things"),
            ("Key Vault", "Security"), ("Log Analytics", "Management and Governance"), ("Logic Apps", "Integration"),
            ("Microsoft Defender for Cloud", "Security"), ("Microsoft Fabric", "Data"), ("Microsoft Purview", "Security"),
            ("Network Watcher", "Networking"), ("Notification Hubs", "Internet of Things"), ("Redis Cache", "Databases"),
            ("SQL Database", "Databases"), ("Service Bus", "Integration"), ("SignalR", "Analytics"), ("Storage", "Storage"),
            ("Stream Analytics", "Analytics"), ("VPN Gateway", "Networking"), ("Virtual Machines", "Compute"), ("Virtual Network", "Networking"),
        }.Select(s => Value(s.Item1, s.Item2)).ToArray();

        protected override IReadOnlyList<KeyValuePair<string, string>> Values => Services;
    }

    /// <summary>ARM region names (armRegionName) with the display name Retail Prices gives as location.</summary>
    public sealed class ArmRegionNameCompleter : KnownValueCompleter
    {
        private static readonly KeyValuePair<string, string>[] Regions = new[]
        {
            ("eastus", "US East"), ("eastus2", "US East 2"), ("centralus", "US Central"), ("northcentralus", "US North Central"),
            ("southcentralus", "US South Central"), ("westcentralus", "US West Central"), ("westus", "US West"), ("westus2", "US West 2"),
            ("westus3", "US West 3"), ("canadacentral", "CA Central"), ("canadaeast", "CA East"), ("brazilsouth", "BR South"),
            ("northeurope", "EU North"), ("westeurope", "EU West"), ("uksouth", "UK South"), ("ukwest", "UK West"),
            ("francecentral", "FR Central"), ("germanywestcentral", "DE West Central"), ("switzerlandnorth", "CH North"), ("norwayeast", "NO East"),
            ("swedencentral", "SE Central"), ("polandcentral", "PL Central"), ("italynorth", "IT North"), ("eastasia", "AP East"),
            ("southeastasia", "AP Southeast"), ("japaneast", "JA East"), ("japanwest", "JA West"), ("koreacentral", "KR Central"),
            ("koreasouth", "KR South"), ("australiaeast", "AU East"), ("australiasoutheast", "AU Southeast"), ("australiacentral", "AU Central"),
            ("centralindia", "IN Central"), ("southindia", "IN South"), ("westindia", "IN West"), ("uaenorth", "AE North"),
            ("southafricanorth", "ZA North"), ("qatarcentral", "QA Central"), ("israelcentral", "IL Central"), ("mexicocentral", "MX Central"),
        }.Select(r => Value(r.Item1, r.Item2)).ToArray();

        protected override IReadOnlyList<KeyValuePair<string, string>> Values => Regions;
    }
}
