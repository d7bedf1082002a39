using System.Globalization;
using System.Text.RegularExpressions;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Parses reported times as forgivingly as the real service (docs/design.md, "Usage API"): ISO 8601 with an offset, an offset
/// whose '+' arrived as a space, a redundant trailing 'Z' after an offset, a stray trailing comma,
/// "date time" with a space, the basic form 20181001T00:00:00Z, and en-US forms such as
/// "5/1/2015 12:00:00 AM" and "06/01/2017" (the invariant culture reads month-first like en-US).
/// Values without an offset are UTC.
/// </summary>
internal static partial class ReportedTimeParser
{
    private static readonly string[] BasicForms = ["yyyyMMdd'T'HH:mm:ssK", "yyyyMMdd'T'HHmmssK", "yyyyMMdd'T'HH:mm:ss", "yyyyMMdd"];

    public static bool TryParse(string? raw, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }
        string text = raw.Trim().TrimEnd(',').Trim();
        text = SpaceForPlus().Replace(text, "+$1");
        text = OffsetThenZ().Replace(text, "$1");
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (DateTimeOffset.TryParseExact(text, BasicForms, CultureInfo.InvariantCulture, styles, out DateTimeOffset basic)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out basic))
        {
            utc = basic.UtcDateTime;
            return true;
        }
        return false;
    }

    /// <summary>"…T18:53:11 00:00": an unencoded '+' decoded to a space.</summary>
    [GeneratedRegex(@"(?<=\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$")]
    private static partial Regex SpaceForPlus();

    /// <summary>"…+00:00Z": an offset followed by a redundant Z, as in the documented example.</summary>
    [GeneratedRegex(@"([+-]\d{2}:?\d{2})Z$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetThenZ();
}
