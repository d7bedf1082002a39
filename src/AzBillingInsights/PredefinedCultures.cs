using System;
using System.Globalization;

namespace AzBillingInsights
{
    /// <summary>
    /// Whether a culture is one the system defines. .NET on ICU (PowerShell 7 on Linux and macOS, and on Windows with ICU)
    /// builds a culture for any well-formed name, such as xx-Nonsense, with made-up data, so a typo would format a
    /// report silently wrong.
    /// </summary>
    internal static class PredefinedCultures
    {
        /// <summary>True for the invariant culture and for every culture the system defines (an alternate sort order such as de-DE_phoneb included).</summary>
        public static bool Contains(CultureInfo culture)
        {
            ArgumentNullException.ThrowIfNull(culture);
            string name = culture.Name;
            int sortSuffix = name.IndexOf('_');
            try
            {
                _ = CultureInfo.GetCultureInfo(sortSuffix > 0 ? name.Substring(0, sortSuffix) : name, predefinedOnly: true);
                return true;
            }
            catch (CultureNotFoundException)
            {
                return false;
            }
        }
    }
}
