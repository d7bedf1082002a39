using System;
using System.Globalization;

namespace AzBillingInsights.Engine
{
    /// <summary>
    /// The module's one billing "now": what "today", "an end time in the future" and the default windows are measured
    /// against. It is the real clock unless <see cref="Variable"/> pins an instant, so a test (or a script driving an
    /// emulator started with <c>-Now</c>) makes the module agree with the emulator whatever day it runs on. Clocks that
    /// measure real elapsed time or that a server checks (token and SAS expiry, cache age, retry pacing) never follow it.
    /// Engine classes take "now" as an argument (or, for options, default to this); cmdlets read it here. Timers and
    /// elapsed time are the system's: only the wall-clock reading is pinned.
    /// </summary>
    public sealed class BillingClock : TimeProvider
    {
        /// <summary>An ISO 8601 instant with Z or an offset, e.g. 2026-02-29T23:30:00Z.</summary>
        public const string Variable = "AZBILLINGINSIGHTS_NOW";

        private readonly Func<string?> _pinned;

        /// <param name="pinned">Reads the pinned instant's text (null or empty: not pinned).</param>
        internal BillingClock(Func<string?> pinned) => _pinned = pinned;

        /// <summary>The module's clock, pinned by <see cref="Variable"/>: what cmdlets hand to the engine as "now".</summary>
        public static BillingClock Instance { get; } = new BillingClock(() => Environment.GetEnvironmentVariable(Variable));

        /// <summary>The pinned instant when one is set (read on every call), else the real clock.</summary>
        /// <exception cref="InvalidOperationException">The variable is set to something that is not an instant.</exception>
        public override DateTimeOffset GetUtcNow()
        {
            string? pinned = _pinned();
            if (string.IsNullOrWhiteSpace(pinned))
            {
                return System.GetUtcNow();
            }

            return TryParseInstant(pinned, out DateTimeOffset instant)
                ? instant
                : throw new InvalidOperationException($"The environment variable {Variable} is '{pinned}', which is not an ISO 8601 date and time with Z or an offset (e.g. 2026-02-29T23:30:00Z). Set it to one, or remove it to use the real clock.");
        }

        /// <summary>An ISO 8601 date and time that names its zone (Z or ±hh:mm): a local time would be another instant on every machine.</summary>
        public static bool TryParseInstant(string text, out DateTimeOffset instant)
        {
            instant = default;
            string trimmed = text.Trim();
            bool zoned = trimmed.EndsWith("Z", StringComparison.OrdinalIgnoreCase)
                || (trimmed.Length > 6 && (trimmed[trimmed.Length - 6] == '+' || trimmed[trimmed.Length - 6] == '-') && trimmed[trimmed.Length - 3] == ':');
            if (!zoned || !DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset parsed))
            {
                return false;
            }

            instant = parsed.ToUniversalTime();
            return true;
        }
    }
}
