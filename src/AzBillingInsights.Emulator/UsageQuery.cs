using System.Buffers.Binary;
using System.Globalization;

namespace AzBillingInsights.Emulator;

/// <summary>Where a page starts: a bucket (hours from data start) and an item (stream or meter group) within it.</summary>
internal readonly record struct UsagePosition(int BucketStart, int Item);

/// <summary>A validated UsageAggregates query.</summary>
internal sealed record UsageQuery(Subscription Subscription, DateTime ReportedStart, DateTime ReportedEnd, bool Daily, bool ShowDetails, UsagePosition? Resume)
{
    public int BucketHours => Daily ? 24 : 1;

    /// <summary>The id/name every row of the response carries, from the reported-start bucket (§1.2).</summary>
    public string RowName => $"{(Daily ? "Daily" : "Hourly")}_BRSDT_{ReportedStart.ToString("yyyyMMdd_HHmm", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Validates the query string of a UsageAggregates call and names the broken rule in the error
/// (codes per the Azure Stack table in §1.5; public Azure's wording is unconfirmed).
/// </summary>
internal static class UsageQueryParser
{
    public static UsageQuery Parse(IQueryCollection query, Subscription subscription, EmulatorClock clock)
    {
        string granularityText = query["aggregationGranularity"].FirstOrDefault() ?? "Daily";
        bool daily = granularityText.Equals("Daily", StringComparison.OrdinalIgnoreCase);
        if (!daily && !granularityText.Equals("Hourly", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArmException(400, "InvalidAggregationGranularity",
                $"The aggregationGranularity '{granularityText}' is not valid. Allowed values are 'Daily' and 'Hourly'.", "aggregationGranularity");
        }
        DateTime start = RequireTime(query, "reportedStartTime", daily);
        DateTime end = RequireTime(query, "reportedEndTime", daily);
        if (start >= end)
        {
            throw new ArmException(400, "InvalidProperty",
                $"reportedStartTime '{Iso(start)}' must be earlier than reportedEndTime '{Iso(end)}'.", "reportedStartTime");
        }
        DateTime now = EmulatorClock.UtcNow.UtcDateTime;
        if (end > now)
        {
            throw new ArmException(400, "RequestEndTimeIsInFuture",
                $"reportedEndTime '{Iso(end)}' is in the future; the current UTC time is '{Iso(now)}'. Use an end time at or before the current hour.", "reportedEndTime");
        }
        string showDetailsText = query["showDetails"].FirstOrDefault() ?? "true";
        if (!bool.TryParse(showDetailsText, out bool showDetails))
        {
            throw new ArmException(400, "InvalidProperty", $"showDetails '{showDetailsText}' is not a boolean; use true or false.", "showDetails");
        }
        UsagePosition? resume = null;
        if (query["continuationToken"].FirstOrDefault() is { Length: > 0 } token)
        {
            resume = ContinuationToken.Parse(token, daily, showDetails, clock)
                ?? throw new ArmException(400, "InvalidProperty", "The continuationToken is not valid for this query; follow nextLink as returned.", "continuationToken");
        }
        return new UsageQuery(subscription, start, end, daily, showDetails, resume);
    }

    private static DateTime RequireTime(IQueryCollection query, string name, bool daily)
    {
        string? raw = query[name].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(raw))
        {
            throw new ArmException(400, "InvalidProperty", $"The query parameter '{name}' is required.", name);
        }
        if (!ReportedTimeParser.TryParse(raw, out DateTime value))
        {
            throw new ArmException(400, "InvalidProperty",
                $"The value '{raw}' of '{name}' is not a valid date-time. Use ISO 8601 with an offset, e.g. 2015-03-01T00:00:00+00:00.", name);
        }
        if (value.Ticks % TimeSpan.TicksPerHour != 0)
        {
            throw new ArmException(400, "InvalidProperty",
                $"The value '{Iso(value)}' of '{name}' must be a whole UTC hour (minutes and seconds zero).", name);
        }
        if (daily && value.TimeOfDay != TimeSpan.Zero)
        {
            throw new ArmException(400, "InvalidProperty",
                $"The value '{Iso(value)}' of '{name}' must be UTC midnight (rounded to days) when aggregationGranularity is 'Daily'.", name);
        }
        return value;
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
}

/// <summary>
/// The opaque continuation token: standard Base64 of ten bytes (version, granularity and detail flags, the next
/// row's bucket in hours since 1970 UTC, its item), so it always ends in "==", as real tokens do. It records the
/// bucket in absolute time, so it stays meaningful for the life of the process.
/// </summary>
internal static class ContinuationToken
{
    private const byte Version = 2;

    public static string Create(UsagePosition position, bool daily, bool showDetails, EmulatorClock clock)
    {
        Span<byte> bytes = stackalloc byte[10];
        bytes[0] = Version;
        bytes[1] = (byte)((daily ? 1 : 0) | (showDetails ? 2 : 0));
        BinaryPrimitives.WriteInt32BigEndian(bytes[2..], (int)((clock.ToTime(position.BucketStart) - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerHour));
        BinaryPrimitives.WriteInt32BigEndian(bytes[6..], position.Item);
        return Convert.ToBase64String(bytes);
    }

    public static UsagePosition? Parse(string token, bool daily, bool showDetails, EmulatorClock clock)
    {
        Span<byte> bytes = stackalloc byte[16];
        // A "+" that reached the query unencoded arrives as a space.
        if (!Convert.TryFromBase64String(token.Replace(' ', '+'), bytes, out int length) || length != 10 || bytes[0] != Version
            || bytes[1] != (byte)((daily ? 1 : 0) | (showDetails ? 2 : 0)))
        {
            return null;
        }
        int item = BinaryPrimitives.ReadInt32BigEndian(bytes[6..]);
        DateTime bucket = DateTime.UnixEpoch.AddHours(BinaryPrimitives.ReadInt32BigEndian(bytes[2..]));
        int hour = clock.ToHour(bucket);
        return item < 0 || (daily && hour % 24 != 0) ? null : new UsagePosition(hour, item);
    }
}
