using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AzBillingInsights.Engine.Costs
{
    /// <summary>
    /// Reads a cost CSV's header: which schema wrote it and where each <see cref="CostColumn"/> is. Names match
    /// case-insensitively (EA writes PascalCase, MCA camelCase, and both appear mixed in real exports), and a
    /// localized header such as <c>Abonnement-GUID (SubscriptionGuid)</c> is read by the name in parentheses.
    /// </summary>
    internal sealed class CostColumnMap
    {
        /// <summary>Each field's names across the EA, MCA and legacy layouts, the preferred first.</summary>
        private static readonly Dictionary<CostColumn, string[]> Names = new Dictionary<CostColumn, string[]>
        {
            [CostColumn.Date] = new[] { "Date", "UsageDateTime", "UsageDate" },
            [CostColumn.BillingAccountId] = new[] { "BillingAccountId" },
            [CostColumn.BillingAccountName] = new[] { "BillingAccountName" },
            [CostColumn.BillingProfileId] = new[] { "BillingProfileId" },
            [CostColumn.BillingProfileName] = new[] { "BillingProfileName" },
            [CostColumn.InvoiceSectionId] = new[] { "InvoiceSectionId" },
            [CostColumn.InvoiceSectionName] = new[] { "InvoiceSectionName", "InvoiceSection" },
            [CostColumn.InvoiceId] = new[] { "InvoiceId" },
            [CostColumn.BillingPeriodStartDate] = new[] { "BillingPeriodStartDate" },
            [CostColumn.BillingPeriodEndDate] = new[] { "BillingPeriodEndDate" },
            [CostColumn.SubscriptionId] = new[] { "SubscriptionId", "SubscriptionGuid" },
            [CostColumn.SubscriptionName] = new[] { "SubscriptionName" },
            [CostColumn.ResourceGroup] = new[] { "ResourceGroup", "ResourceGroupName" },
            [CostColumn.ResourceId] = new[] { "ResourceId", "InstanceId", "InstanceName" },
            [CostColumn.ResourceName] = new[] { "ResourceName" },
            [CostColumn.ResourceLocation] = new[] { "ResourceLocation", "Location" },
            [CostColumn.MeterId] = new[] { "MeterId" },
            [CostColumn.MeterName] = new[] { "MeterName" },
            [CostColumn.MeterCategory] = new[] { "MeterCategory" },
            [CostColumn.MeterSubCategory] = new[] { "MeterSubCategory" },
            [CostColumn.MeterRegion] = new[] { "MeterRegion" },
            [CostColumn.ProductName] = new[] { "ProductName", "Product" },
            [CostColumn.Quantity] = new[] { "Quantity", "UsageQuantity" },
            [CostColumn.UnitOfMeasure] = new[] { "UnitOfMeasure" },
            [CostColumn.EffectivePrice] = new[] { "EffectivePrice" },
            [CostColumn.UnitPrice] = new[] { "UnitPrice", "ResourceRate" },
            [CostColumn.PayGPrice] = new[] { "PayGPrice" },
            [CostColumn.Cost] = new[] { "CostInBillingCurrency", "Cost", "PreTaxCost" },
            [CostColumn.CostInUsd] = new[] { "CostInUsd" },
            [CostColumn.PayGCost] = new[] { "PaygCostInBillingCurrency" },
            [CostColumn.Currency] = new[] { "BillingCurrency", "BillingCurrencyCode", "Currency" },
            [CostColumn.ChargeType] = new[] { "ChargeType" },
            [CostColumn.Frequency] = new[] { "Frequency" },
            [CostColumn.PricingModel] = new[] { "PricingModel" },
            [CostColumn.ReservationId] = new[] { "ReservationId" },
            [CostColumn.ReservationName] = new[] { "ReservationName" },
            [CostColumn.BenefitId] = new[] { "BenefitId" },
            [CostColumn.BenefitName] = new[] { "BenefitName" },
            [CostColumn.Tags] = new[] { "Tags" },
            [CostColumn.AdditionalInfo] = new[] { "AdditionalInfo" },
        };

        /// <summary>Columns only MCA writes; EA exports carry billing profile and invoice section too, so those do not count.</summary>
        private static readonly string[] McaMarkers = { "CostInUsd", "PaygCostInBillingCurrency", "PricingCurrency", "ExchangeRatePricingToBilling", "InvoiceId" };

        private static readonly Regex LocalizedName = new Regex(@"\((?<name>[A-Za-z0-9]+)\)\s*$", RegexOptions.CultureInvariant);

        private readonly int[] _ordinals;

        private CostColumnMap(CostDetailsSchema schema, IReadOnlyList<string> header, Dictionary<string, int> byName)
        {
            Schema = schema;
            Header = header;
            ByName = byName;
            _ordinals = new int[Names.Count];
            foreach (KeyValuePair<CostColumn, string[]> field in Names)
            {
                _ordinals[(int)field.Key] = -1;
                foreach (string name in field.Value)
                {
                    if (byName.TryGetValue(name, out int ordinal))
                    {
                        _ordinals[(int)field.Key] = ordinal;
                        break;
                    }
                }
            }
        }

        public CostDetailsSchema Schema { get; }

        /// <summary>The header as written (byte-order mark removed), in column order.</summary>
        public IReadOnlyList<string> Header { get; }

        /// <summary>Column position by name, case-insensitive; localized headers under both spellings.</summary>
        public IReadOnlyDictionary<string, int> ByName { get; }

        /// <summary>Where <paramref name="column"/> is, or -1 when this layout has no such column.</summary>
        public int this[CostColumn column] => _ordinals[(int)column];

        /// <exception cref="CostDetailsFormatException">The header has no date or no cost column.</exception>
        public static CostColumnMap FromHeader(IReadOnlyList<string> rawHeader)
        {
            var header = rawHeader.Select((name, i) => i == 0 ? name.TrimStart('\uFEFF') : name).ToList();
            var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < header.Count; i++)
            {
                string name = header[i].Trim();
                Add(byName, name, i);
                Match localized = LocalizedName.Match(name);
                if (localized.Success)
                {
                    Add(byName, localized.Groups["name"].Value, i);
                }
            }

            bool Has(string name) => byName.ContainsKey(name);
            if (!Names[CostColumn.Date].Any(Has) || !Names[CostColumn.Cost].Any(Has))
            {
                throw new CostDetailsFormatException(
                    "The CSV is not a cost-details report: its header has no date column (Date, UsageDateTime) or no cost column "
                    + $"(CostInBillingCurrency, Cost, PreTaxCost). It starts: {string.Join(",", header.Take(8))}.");
            }

            CostDetailsSchema schema = McaMarkers.Any(Has) ? CostDetailsSchema.MicrosoftCustomerAgreement
                : Has("PreTaxCost") ? CostDetailsSchema.PayAsYouGoLegacy
                : CostDetailsSchema.EnterpriseAgreement;
            return new CostColumnMap(schema, header, byName);
        }

        /// <summary>The first spelling wins when a header repeats a name.</summary>
        private static void Add(Dictionary<string, int> byName, string name, int ordinal)
        {
            if (!byName.ContainsKey(name))
            {
                byName.Add(name, ordinal);
            }
        }
    }
}
