using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Identity;

namespace AzBillingInsights.Engine.Prices.RateCardApi
{
    /// <summary>
    /// Fetches the raw body of a rate card (reference §2): the RateCard call with its four-clause $filter, then
    /// the blob its 302 points to, fetched without the Authorization header. Hand <see cref="OpenAsync"/> to
    /// <see cref="PriceStore.GetAsync"/>, which parses and caches the body.
    /// </summary>
    public sealed class RateCardDownloader
    {
        public const string ApiVersion = "2016-08-31-preview";

        // The swagger's MS-AZR-0003P shape, widened to the sovereign clouds' MS-MC-AZR-0033P; "p" is accepted by the service.
        private static readonly Regex OfferPattern = new Regex(@"^MS-(?:[A-Z]{2,4}-){1,2}\d{4}P(?:-\d{4}P)*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex CurrencyPattern = new Regex("^[A-Z]{3}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex LocalePattern = new Regex("^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex RegionPattern = new Regex("^[A-Z]{2}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private readonly ArmClient _arm;

        public RateCardDownloader(ArmClient arm) => _arm = arm ?? throw new ArgumentNullException(nameof(arm));

        /// <summary>The $filter exactly as the reference writes it, before URL encoding.</summary>
        public static string BuildFilter(RateCardKey key) =>
            $"OfferDurableId eq '{key.OfferDurableId}' and Currency eq '{key.Currency}' and Locale eq '{key.Locale}' and RegionInfo eq '{key.RegionInfo}'";

        /// <summary>The RateCard call under the ARM endpoint, query encoded.</summary>
        public static string BuildRelativeUri(string subscriptionId, RateCardKey key) =>
            $"subscriptions/{Uri.EscapeDataString(subscriptionId)}/providers/Microsoft.Commerce/RateCard?api-version={ApiVersion}&$filter={Uri.EscapeDataString(BuildFilter(key))}";

        /// <summary>Checks the four values' shapes before any call, so a typo fails at once with the rule it broke.</summary>
        /// <exception cref="ArgumentException">A value cannot be valid.</exception>
        public static void Validate(RateCardKey key)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            Require(OfferPattern, key.OfferDurableId, "OfferDurableId", "an offer id such as MS-AZR-0003P (MS-AZR-, four digits, P)");
            Require(CurrencyPattern, key.Currency, "Currency", "a three-letter ISO currency code such as USD");
            Require(LocalePattern, key.Locale, "Locale", "a culture name such as en-US");
            Require(RegionPattern, key.RegionInfo, "RegionInfo", "a two-letter ISO country code such as US");
        }

        /// <summary>
        /// Opens the body of the card for <paramref name="key"/>; the caller disposes the stream. Fits
        /// <see cref="PriceStore.GetAsync"/>'s download delegate: <c>(k, ct) =&gt; downloader.OpenAsync(subscriptionId, k, ct)</c>.
        /// </summary>
        /// <exception cref="ArgumentException">A value of <paramref name="key"/> cannot be valid.</exception>
        /// <exception cref="ArmRequestException">RateCard refused the call; a 400 names the four values sent.</exception>
        /// <exception cref="DownloadLinkException">The blob refused the redirect's link.</exception>
        public async Task<Stream> OpenAsync(string subscriptionId, RateCardKey key, CancellationToken cancellationToken)
        {
            Validate(key);
            string values = $"OfferDurableId '{key.OfferDurableId}', Currency '{key.Currency}', Locale '{key.Locale}', RegionInfo '{key.RegionInfo}'";
            string operation = $"reading the rate card for {values} with subscription {subscriptionId}";
            Uri request = _arm.BuildUri(BuildRelativeUri(subscriptionId, key));
            Uri link;
            using (Response answer = await GetRateCardAsync(request, operation, values, cancellationToken).ConfigureAwait(false))
            {
                if (answer.Status < 300)
                {
                    // Older services answered with the body itself; it is already buffered.
                    return answer.Content.ToStream();
                }

                if (!answer.Headers.TryGetValue("Location", out string? location) || string.IsNullOrEmpty(location))
                {
                    throw new ArmRequestException(answer.Status, null, "The RateCard API redirected without a Location header.", answer.ClientRequestId, operation);
                }

                link = new Uri(request, location);
            }

            // The signed link is a credential too: same transport rule as the token.
            ArmEndpointPolicy.EnsureAllowed(link);
            Response blob = await _arm.PresignedUrls.OpenAsync(link, $"downloading the rate card for {values}", cancellationToken).ConfigureAwait(false);
            // Disposing the content stream releases the connection; the response holds nothing else.
            return blob.ContentStream ?? throw new InvalidOperationException($"The rate card download for {values} returned no body.");
        }

        private async Task<Response> GetRateCardAsync(Uri request, string operation, string values, CancellationToken cancellationToken)
        {
            try
            {
                return await _arm.GetWithoutRedirectAsync(request, operation, cancellationToken).ConfigureAwait(false);
            }
            catch (ArmRequestException e) when (e.Status == 400 && e.ErrorCode is null)
            {
                // RateCard's own {"Message": ...} body: say which values it refused and what valid ones look like.
                throw new ArmRequestException(
                    e.Status,
                    "InvalidRateCardFilter",
                    $"{e.Message} The values sent were {values}. Use an offer id the subscription can buy (for example MS-AZR-0003P for Pay-As-You-Go), a currency that offer is sold in, a locale such as en-US and the two-letter country of the purchase.",
                    e.RequestId,
                    e.Operation);
            }
        }

        private static void Require(Regex pattern, string value, string name, string expected)
        {
            if (!pattern.IsMatch(value))
            {
                throw new ArgumentException($"{name} '{value}' is not valid: expected {expected}.", name);
            }
        }
    }
}
