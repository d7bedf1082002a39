using System.Runtime.CompilerServices;

namespace AzBillingInsights.Engine
{
    internal static class JitHints
    {
        /// <summary>
        /// MethodImplOptions.AggressiveOptimization, for the per-row and per-meter methods of the parsers. They are compiled fully optimized at once instead of going
        /// through the JIT's tiers (and dynamic PGO's instrumented code) while a fresh process reads its first
        /// month or card, which is most of a runbook's life. Measured in paired fresh-process runs: a month of
        /// hourly rows reads about 10 % faster.
        /// </summary>
        internal const MethodImplOptions HotPath = MethodImplOptions.AggressiveOptimization;
    }
}
