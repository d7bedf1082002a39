using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AzBillingInsights
{
    /// <summary>
    /// Whether a culture is one the system defines. .NET on ICU (PowerShell 7 on Linux and macOS, and on Windows with ICU)
    /// builds a culture for any well-formed name, such as xx-Nonsense, with made-up data, so a typo would format a
    /// report silently wrong; .NET Framework (Windows PowerShell 5.1) refuses such names already. The cmdlet assembly
    /// targets netstandard2.0, which lacks GetCultureInfo(name, predefinedOnly), so the test is membership in the
    /// system's own list of cultures: the same answer as predefinedOnly on .NET 5+, and the same rule on 5.1.
    /// </summary>
    internal static class PredefinedCultures
    {
        private static readonly Lazy<HashSet<string>> Names = new Lazy<HashSet<string>>(
            () => new HashSet<string>(CultureInfo.GetCultures(CultureTypes.AllCultures).Select(c => c.Name), StringComparer.OrdinalIgnoreCase));

        /// <summary>True for the invariant culture and for every culture in the system's list (an alternate sort order such as de-DE_phoneb included).</summary>
        public static bool Contains(CultureInfo culture)
        {
            if (culture is null)
            {
                throw new ArgumentNullException(nameof(culture));
            }

            string name = culture.Name;
            int sortSuffix = name.IndexOf('_');
            return name.Length == 0 || Names.Value.Contains(sortSuffix > 0 ? name.Substring(0, sortSuffix) : name);
        }
    }
}
