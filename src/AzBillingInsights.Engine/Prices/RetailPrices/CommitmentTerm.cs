using System;
using System.Globalization;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>A savings-plan or reservation term as the service spells it (<c>1 Year</c>, <c>3 Years</c>, <c>5 Years</c>).</summary>
    public static class CommitmentTerm
    {
        /// <summary>Hours in a year of a commitment: Azure prices a commitment month as 730 hours, so a year as 8,760.</summary>
        public const decimal HoursPerYear = 8760m;

        /// <summary>The whole years of <paramref name="term"/>, or null when it is not "N Year(s)".</summary>
        public static int? YearsOf(string? term)
        {
            if (string.IsNullOrWhiteSpace(term))
            {
                return null;
            }

            string[] parts = term!.Trim().Split(' ');
            return parts.Length == 2 && parts[1].StartsWith("Year", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int years) && years > 0
                ? years
                : (int?)null;
        }
    }
}
