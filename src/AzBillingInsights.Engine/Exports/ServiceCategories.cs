using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Exports
{
    /// <summary>FOCUS ServiceCategory of an Azure meter category; Other where no FOCUS category fits.</summary>
    internal static class ServiceCategories
    {
        private static readonly Dictionary<string, string> ByMeterCategory = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Virtual Machines"] = "Compute",
            ["Virtual Machines Licenses"] = "Compute",
            ["Cloud Services"] = "Compute",
            ["Container Instances"] = "Compute",
            ["Azure Kubernetes Service"] = "Compute",
            ["Functions"] = "Compute",
            ["Batch"] = "Compute",
            ["Azure App Service"] = "Web",
            ["App Service"] = "Web",
            ["Storage"] = "Storage",
            ["Backup"] = "Storage",
            ["Data Box"] = "Storage",
            ["Networking"] = "Networking",
            ["Bandwidth"] = "Networking",
            ["Virtual Network"] = "Networking",
            ["Load Balancer"] = "Networking",
            ["VPN Gateway"] = "Networking",
            ["Application Gateway"] = "Networking",
            ["ExpressRoute"] = "Networking",
            ["Azure DNS"] = "Networking",
            ["Content Delivery Network"] = "Networking",
            ["Azure Front Door Service"] = "Networking",
            ["Azure Firewall"] = "Networking",
            ["SQL Database"] = "Databases",
            ["SQL Managed Instance"] = "Databases",
            ["Azure Cosmos DB"] = "Databases",
            ["Azure Database for MySQL"] = "Databases",
            ["Azure Database for PostgreSQL"] = "Databases",
            ["Redis Cache"] = "Databases",
            ["Azure Synapse Analytics"] = "Analytics",
            ["HDInsight"] = "Analytics",
            ["Azure Data Factory"] = "Analytics",
            ["Azure Data Factory v2"] = "Analytics",
            ["Stream Analytics"] = "Analytics",
            ["Azure Databricks"] = "Analytics",
            ["Azure Monitor"] = "Management and Governance",
            ["Log Analytics"] = "Management and Governance",
            ["Insight and Analytics"] = "Management and Governance",
            ["Automation"] = "Management and Governance",
            ["Key Vault"] = "Security",
            ["Microsoft Defender for Cloud"] = "Security",
            ["Security Center"] = "Security",
            ["Sentinel"] = "Security",
            ["Service Bus"] = "Integration",
            ["Event Hubs"] = "Integration",
            ["Event Grid"] = "Integration",
            ["Logic Apps"] = "Integration",
            ["API Management"] = "Integration",
            ["IoT Hub"] = "Internet of Things",
            ["IoT Central"] = "Internet of Things",
            ["Cognitive Services"] = "AI and Machine Learning",
            ["Azure Machine Learning"] = "AI and Machine Learning",
            ["Machine Learning Studio"] = "AI and Machine Learning",
            ["Azure DevOps"] = "Developer Tools",
            ["Visual Studio"] = "Developer Tools",
            ["Media Services"] = "Media",
            ["Azure Active Directory"] = "Identity",
            ["Microsoft Entra ID"] = "Identity",
        };

        public static string Of(string? meterCategory) =>
            meterCategory is not null && ByMeterCategory.TryGetValue(meterCategory, out string? category) ? category : "Other";
    }
}
