using System.Globalization;
using System.Text;

namespace AzBillingInsights.Emulator.Tests;

public sealed class RateCardTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string PaygFilter = "OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'";

    private string Sub => emulator.SubscriptionIds[0];

    private string CardPath(string filter, string apiVersion = "2016-08-31-preview") =>
        $"subscriptions/{Sub}/providers/Microsoft.Commerce/RateCard?api-version={apiVersion}&%24filter={Uri.EscapeDataString(filter)}";

    /// <summary>GETs the RateCard, checks the 302, then follows Location without the bearer token, as a client must.</summary>
    private async Task<(byte[] Raw, JsonElement Card)> FetchAsync(string filter, string apiVersion = "2016-08-31-preview")
    {
        using HttpResponseMessage redirect = await emulator.GetAsync(CardPath(filter, apiVersion));
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Uri location = redirect.Headers.Location!;
        Assert.True(location.IsAbsoluteUri);
        Assert.StartsWith(emulator.Endpoint + "_blob/ratecards/", location.ToString());
        Assert.Contains("sig=", location.Query);
        Assert.Contains("se=", location.Query);
        using HttpResponseMessage blob = await emulator.GetAsync(location.ToString(), token: "");
        Assert.Equal(HttpStatusCode.OK, blob.StatusCode);
        byte[] raw = await blob.Content.ReadAsByteArrayAsync();
        using JsonDocument doc = JsonDocument.Parse(raw.AsMemory(3));
        return (raw, doc.RootElement.Clone());
    }

    [Fact]
    public async Task PayAsYouGoCardIsLargeRealisticAndStartsWithABom()
    {
        (byte[] raw, JsonElement card) = await FetchAsync(PaygFilter);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, raw[..3]);
        Assert.Equal(["OfferTerms", "Meters", "Currency", "Locale", "IsTaxIncluded"], card.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, card.GetProperty("OfferTerms").GetArrayLength());
        Assert.Equal("USD", card.GetProperty("Currency").GetString());
        Assert.Equal("en-US", card.GetProperty("Locale").GetString());
        Assert.False(card.GetProperty("IsTaxIncluded").GetBoolean());
        JsonElement[] meters = card.GetProperty("Meters").EnumerateArray().ToArray();
        Assert.True(meters.Length >= 20_000, $"{meters.Length} meters");
        Assert.All(meters.Take(200), m => Assert.Equal(
            ["EffectiveDate", "IncludedQuantity", "MeterCategory", "MeterId", "MeterName", "MeterRates", "MeterRegion", "MeterStatus", "MeterSubCategory", "MeterTags", "Unit"],
            m.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(meters, m => m.GetProperty("MeterRates").EnumerateObject().Count() > 3);
        Assert.Contains(meters, m => m.GetProperty("IncludedQuantity").GetDecimal() > 0);
        Assert.Contains(meters, m => m.GetProperty("MeterRates").EnumerateObject().Any(r => r.Name.EndsWith(".0000000000", StringComparison.Ordinal)));
        Assert.Contains(meters, m => m.GetProperty("MeterStatus").GetString() == "Deprecated");
        Assert.Contains(meters, m => m.GetProperty("MeterTags").EnumerateArray().Any(t => t.GetString() == "Third Party"));
        Assert.Contains(meters, m => m.GetProperty("Unit").GetString() == "10,000s");
        Assert.Contains(meters, m => m.GetProperty("MeterRegion").GetString() == "");
        Assert.True(meters.Select(m => m.GetProperty("MeterRegion").GetString()).Distinct().Count() >= 40);
        Assert.Equal(meters.Length, meters.Select(m => m.GetProperty("MeterId").GetString()).Distinct().Count());
        Assert.True(meters.Select(m => m.GetProperty("MeterCategory").GetString()).Distinct().Count() >= 10);
    }

    [Fact]
    public async Task EveryMeterInTheUsageIsOnTheCard()
    {
        (_, JsonElement card) = await FetchAsync(PaygFilter);
        var ids = card.GetProperty("Meters").EnumerateArray().Select(m => m.GetProperty("MeterId").GetString()).ToHashSet();
        foreach (string sub in emulator.SubscriptionIds)
        {
            List<JsonElement> rows = await emulator.DrainAsync(EmulatorFixture.UsagePath(sub, emulator.Day(3), emulator.Day(2)));
            Assert.All(rows, r => Assert.Contains(r.GetProperty("properties").GetProperty("meterId").GetString(), ids));
        }
    }

    [Fact]
    public async Task OldApiVersionOmitsMeterStatus()
    {
        (_, JsonElement card) = await FetchAsync(PaygFilter, "2015-06-01-preview");
        Assert.All(card.GetProperty("Meters").EnumerateArray().Take(500), m => Assert.False(m.TryGetProperty("MeterStatus", out _)));
    }

    [Fact]
    public async Task OffersCarryTheirTerms()
    {
        (_, JsonElement credit) = await FetchAsync("OfferDurableId eq 'MS-AZR-0059P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'");
        JsonElement term = credit.GetProperty("OfferTerms").EnumerateArray().Single();
        Assert.Equal(["Credit", "EffectiveDate", "ExcludedMeterIds", "Name"], term.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Monetary Credit", term.GetProperty("Name").GetString());
        Assert.Equal(50m, term.GetProperty("Credit").GetDecimal());
        Assert.NotEqual(0, term.GetProperty("ExcludedMeterIds").GetArrayLength());

        (_, JsonElement commitment) = await FetchAsync("OfferDurableId eq 'MS-AZR-0026P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'");
        JsonElement[] terms = commitment.GetProperty("OfferTerms").EnumerateArray().ToArray();
        JsonElement discount = terms.Single(t => t.GetProperty("Name").GetString() == "Monetary Commitment");
        Assert.Equal(["EffectiveDate", "ExcludedMeterIds", "Name", "TieredDiscount"], discount.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["0", "1000", "5000"], discount.GetProperty("TieredDiscount").EnumerateObject().Select(p => p.Name));
        JsonElement recurring = terms.Single(t => t.GetProperty("Name").GetString() == "Recurring Charge");
        Assert.Equal(100, recurring.GetProperty("RecurringCharge").GetInt32());
    }

    [Fact]
    public async Task CurrenciesUseOneConversionTable()
    {
        (_, JsonElement usd) = await FetchAsync(PaygFilter);
        (_, JsonElement eur) = await FetchAsync("OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'EUR' and Locale eq 'en-US' and RegionInfo eq 'DE'");
        (_, JsonElement jpy) = await FetchAsync("OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'JPY' and Locale eq 'en-US' and RegionInfo eq 'JP'");
        Assert.Equal("EUR", eur.GetProperty("Currency").GetString());
        JsonElement[] u = usd.GetProperty("Meters").EnumerateArray().Take(300).ToArray();
        JsonElement[] e = eur.GetProperty("Meters").EnumerateArray().Take(300).ToArray();
        JsonElement[] j = jpy.GetProperty("Meters").EnumerateArray().Take(300).ToArray();
        for (int i = 0; i < u.Length; i++)
        {
            decimal dollars = u[i].GetProperty("MeterRates").GetProperty("0").GetDecimal();
            Assert.Equal(Math.Round(dollars * 0.92m, 6, MidpointRounding.AwayFromZero), e[i].GetProperty("MeterRates").GetProperty("0").GetDecimal());
            Assert.Equal(Math.Round(dollars * 151.5m, 6, MidpointRounding.AwayFromZero), j[i].GetProperty("MeterRates").GetProperty("0").GetDecimal());
        }
    }

    [Theory]
    [InlineData("RegionInfo eq 'US' and Locale eq 'en-US' and Currency eq 'USD' and OfferDurableId eq 'MS-AZR-0003p'")]
    [InlineData("offerdurableid eq 'MS-AZR-0003P' AND currency EQ 'usd' and locale eq 'en-us' and regioninfo eq 'us'")]
    public async Task FilterClausesMayComeInAnyOrderAndCase(string filter)
    {
        using HttpResponseMessage response = await emulator.GetAsync(CardPath(filter));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    [Fact]
    public async Task FilterSpellingsSeenInClientsAreAccepted()
    {
        string plus = "OfferDurableId+eq+'MS-AZR-0003P'+and+Currency+eq+'USD'+and+Locale+eq+'en-US'+and+RegionInfo+eq+'US'";
        using HttpResponseMessage response = await emulator.GetAsync($"subscriptions/{Sub}/providers/Microsoft.Commerce/RateCard?api-version=2016-08-31-preview&$filter={plus}");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'en-US'")]
    [InlineData("OfferDurableId eq 'MS-AZR-0003P' or Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'")]
    [InlineData("OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'XYZ' and Locale eq 'en-US' and RegionInfo eq 'US'")]
    [InlineData("OfferDurableId eq 'MS-AZR-9999P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'")]
    [InlineData("OfferDurableId eq 'PAYG' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'")]
    [InlineData("OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'xx-XX' and RegionInfo eq 'US'")]
    [InlineData("OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'USA'")]
    [InlineData("OfferDurableId ne 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'")]
    public async Task BadFiltersGetThePlainMessageBody(string filter)
    {
        using HttpResponseMessage response = await emulator.GetAsync(CardPath(filter));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement body = await EmulatorFixture.JsonAsync(response);
        Assert.Equal(["Message"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Invalid query specified. Please specify valid values for OfferDurableId, Currency, Locale and RegionInfo.", body.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task UnsupportedApiVersionIsRefused()
    {
        using HttpResponseMessage response = await emulator.GetAsync(CardPath(PaygFilter, "2020-01-01"));
        await EmulatorFixture.AssertArmErrorAsync(response, HttpStatusCode.BadRequest, "NoRegisteredProviderFound");
    }

    [Fact]
    public async Task BlobRefusesABearerHeaderLikeStorage()
    {
        using HttpResponseMessage redirect = await emulator.GetAsync(CardPath(PaygFilter));
        using HttpResponseMessage blob = await emulator.GetAsync(redirect.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, blob.StatusCode);
        string xml = Encoding.UTF8.GetString(await blob.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("<?xml", xml);
        Assert.Contains("<Code>InvalidAuthenticationInfo</Code>", xml);
        Assert.Contains("Authentication information is not given in the correct format. Check the value of Authorization header.", xml);
        Assert.Equal("InvalidAuthenticationInfo", blob.Headers.GetValues("x-ms-error-code").Single());
    }

    [Fact]
    public async Task BlobRefusesATamperedOrMissingSignature()
    {
        using HttpResponseMessage redirect = await emulator.GetAsync(CardPath(PaygFilter));
        string location = redirect.Headers.Location!.ToString();
        using HttpResponseMessage tampered = await emulator.GetAsync(location.Replace("USD", "EUR", StringComparison.Ordinal), token: "");
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Contains("Signature did not match", await tampered.Content.ReadAsStringAsync());
        using HttpResponseMessage unsigned = await emulator.GetAsync(location[..location.IndexOf('?', StringComparison.Ordinal)], token: "");
        Assert.Equal(HttpStatusCode.NotFound, unsigned.StatusCode);
    }

    [Fact]
    public async Task RepeatedDownloadsServeTheCachedBytes()
    {
        (byte[] first, _) = await FetchAsync(PaygFilter);
        (byte[] second, _) = await FetchAsync(PaygFilter);
        Assert.Equal(first.Length, second.Length);
        Assert.True(first.AsSpan().SequenceEqual(second));
        Assert.True(first.Length > 5_000_000, first.Length.ToString(CultureInfo.InvariantCulture));
    }
}
