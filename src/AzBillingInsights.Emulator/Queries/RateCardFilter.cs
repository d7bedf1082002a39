using System.Text.RegularExpressions;

namespace AzBillingInsights.Emulator;

/// <summary>What a rate card is cut by; <see cref="BlobName"/> round-trips it through the blob path.</summary>
internal sealed record RateCardKey(Offer Offer, string Currency, string Locale, string RegionInfo, string ApiVersion)
{
    public bool IncludesMeterStatus => ApiVersion == RateCardEndpoints.ApiVersionWithStatus;

    public string BlobName => $"{Offer.DurableId}_{Currency}_{Locale}_{RegionInfo}_{ApiVersion}.json";

    public static RateCardKey? FromBlobName(string name)
    {
        string[] parts = name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5].Split('_') : [];
        return parts.Length == 5 && RateCardFilter.Validate(parts[0], parts[1], parts[2], parts[3], parts[4]) is { } key ? key : null;
    }
}

/// <summary>
/// Parses the RateCard <c>$filter</c>: exactly the four clauses OfferDurableId, Currency, Locale and
/// RegionInfo, each <c>Name eq 'value'</c>, joined by <c>and</c>, in any order (docs/design.md, "RateCard API").
/// </summary>
internal static partial class RateCardFilter
{
    public const string InvalidQueryMessage = "Invalid query specified. Please specify valid values for OfferDurableId, Currency, Locale and RegionInfo.";

    private static readonly string[] ClauseNames = ["OfferDurableId", "Currency", "Locale", "RegionInfo"];

    public static RateCardKey? Parse(string? filter, string apiVersion)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return null;
        }
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string clause in And().Split(filter.Trim()))
        {
            Match match = Clause().Match(clause.Trim());
            if (!match.Success || !ClauseNames.Contains(match.Groups[1].Value, StringComparer.OrdinalIgnoreCase) || !values.TryAdd(match.Groups[1].Value, match.Groups[2].Value))
            {
                return null;
            }
        }
        return values.Count == ClauseNames.Length
            ? Validate(values["OfferDurableId"], values["Currency"], values["Locale"], values["RegionInfo"], apiVersion)
            : null;
    }

    /// <summary>Only known offers and currencies, locale en-US and a two-letter region make a rate card.</summary>
    public static RateCardKey? Validate(string offerId, string currency, string locale, string regionInfo, string apiVersion)
    {
        Offer? offer = OfferPattern().IsMatch(offerId) ? OfferCatalog.Find(offerId) : null;
        if (offer is null || !CurrencyTable.IsKnown(currency) || !locale.Equals("en-US", StringComparison.OrdinalIgnoreCase) || !Region().IsMatch(regionInfo)
            || !RateCardEndpoints.ApiVersions.Contains(apiVersion))
        {
            return null;
        }
        return new RateCardKey(offer, currency.ToUpperInvariant(), "en-US", regionInfo.ToUpperInvariant(), apiVersion);
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex And();

    [GeneratedRegex(@"^(\w+)\s+eq\s+'([^']*)'$", RegexOptions.IgnoreCase)]
    private static partial Regex Clause();

    [GeneratedRegex(@"^MS-AZR-\d{4}P(-\d{4}P)*$", RegexOptions.IgnoreCase)]
    private static partial Regex OfferPattern();

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex Region();
}
