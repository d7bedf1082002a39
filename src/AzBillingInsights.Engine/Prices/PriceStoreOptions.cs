using System;
using System.IO;
using System.Runtime.InteropServices;

namespace AzBillingInsights.Engine.Prices
{
    /// <summary>Settings of a <see cref="PriceStore"/>.</summary>
    public sealed class PriceStoreOptions
    {
        /// <summary>How long prices are served from the caches after they were read. Default one day.</summary>
        public TimeSpan Expiry { get; set; } = TimeSpan.FromDays(1);

        /// <summary>Folder of the disk cache; null keeps prices in memory only.</summary>
        public string? DiskCacheDirectory { get; set; }

        /// <summary>The store's notion of now; tests move it.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>Names a cache folder of the module's own, for tests and for runbooks with a writable share.</summary>
        public const string CachePathVariable = "AZBILLINGINSIGHTS_CACHE_PATH";

        /// <summary>
        /// $AZBILLINGINSIGHTS_CACHE_PATH/ratecards when that variable is set; otherwise the user's cache folder: %LOCALAPPDATA%\AzBillingInsights\ratecards on Windows,
        /// $XDG_CACHE_HOME/AzBillingInsights/ratecards or ~/.cache/AzBillingInsights/ratecards elsewhere,
        /// and the temp folder when the profile has none (some automation sandboxes).
        /// </summary>
        public static string DefaultDiskCacheDirectory
        {
            get
            {
                string? configured = Environment.GetEnvironmentVariable(CachePathVariable);
                string root;
                if (!string.IsNullOrWhiteSpace(configured))
                {
                    return Path.Combine(Path.GetFullPath(configured), "ratecards");
                }

                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                }
                else
                {
                    string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
                    string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                    root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg!
                        : string.IsNullOrEmpty(home) ? string.Empty
                        : Path.Combine(home, ".cache");
                }

                if (string.IsNullOrEmpty(root))
                {
                    root = Path.GetTempPath();
                }

                return Path.Combine(root, "AzBillingInsights", "ratecards");
            }
        }
    }
}
