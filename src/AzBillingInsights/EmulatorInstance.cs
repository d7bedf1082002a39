using System;
using AzBillingInsights.Engine.Emulator;

namespace AzBillingInsights
{
    /// <summary>A running emulator, as Start-AzBillingEmulator returns it and Stop-AzBillingEmulator takes it.</summary>
    public sealed class EmulatorInstance
    {
        internal EmulatorInstance(EmulatorEndpoints endpoints)
        {
            Endpoint = endpoints.Endpoint;
            IdentityEndpoint = endpoints.IdentityEndpoint;
            IdentityHeader = endpoints.IdentityHeader;
            SubscriptionIds = new string[endpoints.SubscriptionIds.Count];
            for (int i = 0; i < SubscriptionIds.Length; i++)
            {
                SubscriptionIds[i] = endpoints.SubscriptionIds[i];
            }

            ProcessId = endpoints.ProcessId;
            Now = endpoints.Now?.UtcDateTime;
        }

        /// <summary>The emulated ARM endpoint, for Connect-AzBillingInsights -ArmEndpoint.</summary>
        public Uri Endpoint { get; }
        /// <summary>The emulated managed-identity endpoint, for IDENTITY_ENDPOINT.</summary>
        public Uri IdentityEndpoint { get; }
        /// <summary>The value for IDENTITY_HEADER. It guards only this local emulator.</summary>
        public string IdentityHeader { get; }
        public string[] SubscriptionIds { get; }
        public int ProcessId { get; }
        /// <summary>The instant the emulator's billing clock is pinned to (-Now), in UTC; null when it follows the real clock.</summary>
        public DateTime? Now { get; }
    }
}
