using System;
using System.Threading;

namespace AzBillingInsights.Engine
{
    /// <summary>
    /// The process's session state, shared by every runspace (ForEach-Object -Parallel included): one connection,
    /// hence one credential and one token cache. Swapped atomically on connect and disconnect.
    /// </summary>
    public static class BillingSession
    {
        private static BillingConnection? _current;

        public static BillingConnection? Current => Volatile.Read(ref _current);

        /// <summary>A new connection forgets the finished cost reports: their links are read without a token, so another identity must not reuse them.</summary>
        public static void Set(BillingConnection connection)
        {
            Volatile.Write(ref _current, connection);
            Costs.FinishedCostReports.Clear();
        }

        public static void Clear()
        {
            Volatile.Write(ref _current, null);
            Costs.FinishedCostReports.Clear();
        }

        /// <summary>The connection, or a clear error telling the user to connect first.</summary>
        public static BillingConnection Require() =>
            Current ?? throw new NotConnectedException();
    }

    public sealed class NotConnectedException : InvalidOperationException
    {
        public NotConnectedException()
            : base("Not connected. Run Connect-AzBillingInsights first (for example Connect-AzBillingInsights -Identity in a runbook, or -ArmEndpoint with the emulator).")
        {
        }
    }
}
