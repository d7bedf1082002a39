using System.IO;
using System.Runtime.CompilerServices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    /// <summary>Finds files in the test project's Fixtures folder from the source tree, so no copy step is needed.</summary>
    internal static class FixtureFiles
    {
        public static string PathOf(string name, [CallerFilePath] string callerFile = "")
        {
            string testsRoot = Path.GetDirectoryName(Path.GetDirectoryName(callerFile))!;
            return Path.Combine(testsRoot, "Fixtures", name);
        }
    }
}
