using System.Globalization;
using System.Text.RegularExpressions;

namespace AzBillingInsights.Emulator;

/// <summary>
/// The invoice and billing-period <c>$filter</c>: clauses <c>{field} eq|lt|gt|le|ge yyyy-MM-dd</c> joined by
/// <c>and</c> (docs/design.md, "Invoice API"). The end-date field is documented; the start-date field is accepted too because the
/// spec's own example filters on it.
/// </summary>
internal sealed partial class DateFilter
{
    private readonly List<(bool OnEnd, string Op, DateTime Date)> clauses = [];

    public static DateFilter Parse(string? filter, string startField, string endField)
    {
        var result = new DateFilter();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return result;
        }
        foreach (string clause in And().Split(filter.Trim()))
        {
            Match m = Clause().Match(clause.Trim());
            bool onEnd = m.Success && m.Groups[1].Value.Equals(endField, StringComparison.OrdinalIgnoreCase);
            bool onStart = m.Success && m.Groups[1].Value.Equals(startField, StringComparison.OrdinalIgnoreCase);
            if (!(onEnd || onStart) || !DateTime.TryParseExact(m.Groups[3].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTime date))
            {
                throw new ArmException(400, "BadRequest",
                    $"The $filter '{filter}' is not supported. Use {endField} with eq, lt, gt, le or ge and a yyyy-MM-dd date, joined by 'and', e.g. '{endField} ge 2017-01-01'.",
                    "$filter");
            }
            result.clauses.Add((onEnd, m.Groups[2].Value.ToLowerInvariant(), date));
        }
        return result;
    }

    public bool Matches(DateTime start, DateTime end) => clauses.All(c =>
    {
        DateTime value = c.OnEnd ? end : start;
        return c.Op switch
        {
            "eq" => value == c.Date,
            "lt" => value < c.Date,
            "gt" => value > c.Date,
            "le" => value <= c.Date,
            _ => value >= c.Date,
        };
    });

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex And();

    [GeneratedRegex(@"^(\w+)\s+(eq|lt|gt|le|ge)\s+'?(\d{4}-\d{2}-\d{2})'?$", RegexOptions.IgnoreCase)]
    private static partial Regex Clause();
}
