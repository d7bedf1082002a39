namespace AzBillingInsights.Emulator;

/// <summary>
/// The OData subset the Retail Prices API takes in <c>$filter</c>: <c>field eq 'value'</c> conditions joined by
/// <c>and</c>, on the documented fields. Values compare case-sensitively, as with api-version 2023-01-01-preview;
/// field names and keywords are read without regard to case.
/// </summary>
internal sealed class RetailPriceFilter
{
    public static readonly string[] Fields =
    [
        "armRegionName", "location", "meterId", "meterName", "productId", "skuId", "productName", "skuName",
        "serviceName", "serviceId", "serviceFamily", "priceType", "armSkuName",
    ];

    private readonly List<(string Field, string Value)> conditions;

    private RetailPriceFilter(List<(string, string)> conditions) => this.conditions = conditions;

    public static readonly RetailPriceFilter All = new([]);

    public bool Matches(RetailItem item)
    {
        foreach ((string field, string value) in conditions)
        {
            if (!string.Equals(item.Field(field), value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Parses <paramref name="filter"/>; null with <paramref name="error"/> set when it is not the supported subset.</summary>
    public static RetailPriceFilter? Parse(string? filter, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(filter))
        {
            return All;
        }
        var conditions = new List<(string, string)>();
        int at = 0;
        string text = filter.Trim();
        while (true)
        {
            SkipSpaces(text, ref at);
            bool grouped = at < text.Length && text[at] == '(';
            if (grouped)
            {
                at++;
            }
            int fieldStart = at;
            while (at < text.Length && char.IsLetter(text[at]))
            {
                at++;
            }
            string field = text[fieldStart..at];
            string? known = Fields.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase));
            SkipSpaces(text, ref at);
            if (known is null || !Keyword(text, ref at, "eq"))
            {
                error = known is null ? $"Unknown or unsupported filter field '{field}'." : $"Only 'eq' comparisons are supported (after '{field}').";
                return null;
            }
            SkipSpaces(text, ref at);
            if (!ReadString(text, ref at, out string value))
            {
                error = $"The value compared with '{field}' is not a quoted string.";
                return null;
            }
            conditions.Add((known, value));
            SkipSpaces(text, ref at);
            if (grouped && (at >= text.Length || text[at++] != ')'))
            {
                error = "Unbalanced parentheses.";
                return null;
            }
            SkipSpaces(text, ref at);
            if (at == text.Length)
            {
                return new RetailPriceFilter(conditions);
            }
            if (!Keyword(text, ref at, "and"))
            {
                error = $"Conditions are joined with 'and' only (at position {at}).";
                return null;
            }
        }
    }

    private static void SkipSpaces(string text, ref int at)
    {
        while (at < text.Length && text[at] == ' ')
        {
            at++;
        }
    }

    private static bool Keyword(string text, ref int at, string keyword)
    {
        if (at + keyword.Length <= text.Length && string.Compare(text, at, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (at + keyword.Length == text.Length || text[at + keyword.Length] is ' ' or '\'' or '('))
        {
            at += keyword.Length;
            return true;
        }
        return false;
    }

    /// <summary>An OData string literal: single quotes, a quote inside doubled.</summary>
    private static bool ReadString(string text, ref int at, out string value)
    {
        value = "";
        if (at >= text.Length || text[at] != '\'')
        {
            return false;
        }
        var builder = new System.Text.StringBuilder();
        for (at++; at < text.Length; at++)
        {
            if (text[at] == '\'')
            {
                if (at + 1 < text.Length && text[at + 1] == '\'')
                {
                    builder.Append('\'');
                    at++;
                    continue;
                }
                at++;
                value = builder.ToString();
                return true;
            }
            builder.Append(text[at]);
        }
        return false;
    }
}
