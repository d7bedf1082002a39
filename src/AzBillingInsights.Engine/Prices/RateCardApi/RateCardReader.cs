using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Engine.Prices.RateCardApi
{
    /// <summary>
    /// Reads a RateCard response body (reference §2.3) token by token from a stream: the body can be tens
    /// of megabytes, so no document object model is built. Unknown fields are skipped.
    /// </summary>
    public static class RateCardReader
    {
        private static readonly byte[] MetersName = Encoding.UTF8.GetBytes("Meters");
        private static readonly byte[] OfferTermsName = Encoding.UTF8.GetBytes("OfferTerms");
        private static readonly byte[] CurrencyName = Encoding.UTF8.GetBytes("Currency");
        private static readonly byte[] LocaleName = Encoding.UTF8.GetBytes("Locale");
        private static readonly byte[] IsTaxIncludedName = Encoding.UTF8.GetBytes("IsTaxIncluded");
        private static readonly byte[] MessageName = Encoding.UTF8.GetBytes("Message");

        private static readonly byte[] EffectiveDateName = Encoding.UTF8.GetBytes("EffectiveDate");

        private static readonly byte[] NameName = Encoding.UTF8.GetBytes("Name");
        private static readonly byte[] CreditName = Encoding.UTF8.GetBytes("Credit");
        private static readonly byte[] TieredDiscountName = Encoding.UTF8.GetBytes("TieredDiscount");
        private static readonly byte[] ExcludedMeterIdsName = Encoding.UTF8.GetBytes("ExcludedMeterIds");
        private static readonly byte[] RecurringChargeName = Encoding.UTF8.GetBytes("RecurringCharge");

        /// <summary>
        /// Reads the card for <paramref name="key"/>, served by <paramref name="origin"/>, from <paramref name="body"/> (a
        /// leading UTF-8 byte-order mark is skipped). <paramref name="onMeterRead"/>, when given, gets each meter as it is
        /// read, in body order. Throws <see cref="RateCardFormatException"/> for a truncated or corrupt body, or for a
        /// body that is not a rate card (for example the service's {"Message": ...} answer).
        /// </summary>
        public static PriceList Read(Stream body, RateCardKey key, PriceOrigin origin, DateTimeOffset retrievedAt, Action<Meter>? onMeterRead = null)
        {
            if (body is null)
            {
                throw new ArgumentNullException(nameof(body));
            }

            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            if (origin is null)
            {
                throw new ArgumentNullException(nameof(origin));
            }

            var json = new ChunkedJsonReader(body);
            if (!json.Read())
            {
                throw new RateCardFormatException("The body is empty", json.Position);
            }

            if (json.TokenType != JsonTokenType.StartObject)
            {
                throw json.Unexpected("a JSON object");
            }

            List<Meter>? meters = null;
            List<OfferTerm>? offerTerms = null;
            string? currency = null;
            string? locale = null;
            string? serviceMessage = null;
            bool isTaxIncluded = false;

            while (NextProperty(json))
            {
                if (json.NameIs(MetersName))
                {
                    json.ReadRequired();
                    ExpectStart(json, JsonTokenType.StartArray, "the Meters array");
                    meters = new MeterParser().ReadAll(json, onMeterRead);
                }
                else if (json.NameIs(OfferTermsName))
                {
                    json.ReadRequired();
                    offerTerms = ReadOfferTerms(json);
                }
                else if (json.NameIs(CurrencyName))
                {
                    json.ReadRequired();
                    currency = json.GetString();
                }
                else if (json.NameIs(LocaleName))
                {
                    json.ReadRequired();
                    locale = json.GetString();
                }
                else if (json.NameIs(IsTaxIncludedName))
                {
                    json.ReadRequired();
                    isTaxIncluded = json.GetBoolean();
                }
                else if (json.NameIs(MessageName))
                {
                    json.ReadRequired();
                    serviceMessage = json.TokenType == JsonTokenType.String ? json.GetString() : null;
                    json.Skip();
                }
                else
                {
                    json.Skip();
                }
            }

            if (meters is null)
            {
                string why = serviceMessage is null
                    ? "The body has no Meters array, so it is not a rate card"
                    : $"The body is not a rate card; the service said: {serviceMessage}";
                throw new RateCardFormatException(why, json.Position);
            }

            return new PriceList(key, origin, isTaxIncluded, meters, (IReadOnlyList<OfferTerm>?)offerTerms ?? Array.Empty<OfferTerm>(), retrievedAt, currency, locale);
        }

        /// <summary>Advances to the next property name of the current object; false at its end.</summary>
        private static bool NextProperty(ChunkedJsonReader json)
        {
            json.ReadRequired();
            if (json.TokenType == JsonTokenType.EndObject)
            {
                return false;
            }

            if (json.TokenType != JsonTokenType.PropertyName)
            {
                throw json.Unexpected("a property name");
            }

            return true;
        }

        private static void ExpectStart(ChunkedJsonReader json, JsonTokenType start, string what)
        {
            if (json.TokenType != start)
            {
                throw json.Unexpected(what);
            }
        }

        private static IReadOnlyList<string> ReadStrings(ChunkedJsonReader json)
        {
            if (json.TokenType == JsonTokenType.Null)
            {
                return Array.Empty<string>();
            }

            ExpectStart(json, JsonTokenType.StartArray, "an array of strings");
            List<string>? values = null;
            json.ReadRequired();
            while (json.TokenType != JsonTokenType.EndArray)
            {
                string? value = json.GetString();
                if (value is not null)
                {
                    (values ??= new List<string>()).Add(value);
                }

                json.ReadRequired();
            }

            return values is null ? Array.Empty<string>() : values.ToArray();
        }

        private static List<OfferTerm> ReadOfferTerms(ChunkedJsonReader json)
        {
            var terms = new List<OfferTerm>();
            if (json.TokenType == JsonTokenType.Null)
            {
                return terms;
            }

            ExpectStart(json, JsonTokenType.StartArray, "the OfferTerms array");
            json.ReadRequired();
            while (json.TokenType != JsonTokenType.EndArray)
            {
                ExpectStart(json, JsonTokenType.StartObject, "an offer term object");
                terms.Add(ReadOfferTerm(json));
                json.ReadRequired();
            }

            return terms;
        }

        private static OfferTerm ReadOfferTerm(ChunkedJsonReader json)
        {
            // Real bodies order keys alphabetically, so Name comes after the fields it governs.
            string? name = null;
            DateTimeOffset effective = default;
            decimal credit = 0m, recurringCharge = 0m;
            IReadOnlyList<DiscountTier> discount = Array.Empty<DiscountTier>();
            IReadOnlyList<string> excluded = Array.Empty<string>();

            while (NextProperty(json))
            {
                if (json.NameIs(NameName))
                {
                    json.ReadRequired();
                    name = json.GetString();
                }
                else if (json.NameIs(EffectiveDateName))
                {
                    json.ReadRequired();
                    effective = json.GetDateTimeOffset();
                }
                else if (json.NameIs(CreditName))
                {
                    json.ReadRequired();
                    credit = json.GetDecimal();
                }
                else if (json.NameIs(RecurringChargeName))
                {
                    json.ReadRequired();
                    recurringCharge = json.GetDecimal();
                }
                else if (json.NameIs(ExcludedMeterIdsName))
                {
                    json.ReadRequired();
                    excluded = ReadStrings(json);
                }
                else if (json.NameIs(TieredDiscountName))
                {
                    json.ReadRequired();
                    discount = ReadTieredDiscount(json);
                }
                else
                {
                    json.Skip();
                }
            }

            switch (name)
            {
                case OfferTerm.MonetaryCreditName:
                    return new MonetaryCreditTerm(effective, credit, excluded);
                case OfferTerm.MonetaryCommitmentName:
                    return new MonetaryCommitmentTerm(effective, discount, excluded);
                case OfferTerm.RecurringChargeName:
                    return new RecurringChargeTerm(effective, recurringCharge, excluded);
                default:
                    return new OfferTerm(name ?? string.Empty, effective, excluded);
            }
        }

        private static IReadOnlyList<DiscountTier> ReadTieredDiscount(ChunkedJsonReader json)
        {
            if (json.TokenType == JsonTokenType.Null)
            {
                return Array.Empty<DiscountTier>();
            }

            ExpectStart(json, JsonTokenType.StartObject, "the TieredDiscount object");
            var tiers = new List<DiscountTier>();
            while (NextProperty(json))
            {
                decimal threshold = json.GetDecimal();
                json.ReadRequired();
                tiers.Add(new DiscountTier(threshold, json.GetDecimal()));
            }

            tiers.Sort((a, b) => a.SpendThreshold.CompareTo(b.SpendThreshold));
            return tiers.ToArray();
        }
    }
}
