using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// Reads a whole Retail Prices page with <see cref="Utf8JsonReader"/>, no object model, into one
    /// <see cref="RetailPrice"/> per item. A page is parsed completely before any of it is used, so a body cut off
    /// mid-page is an error and nothing of it is kept. One parser serves one read: the names a read repeats thousands
    /// of times (service, region, product) are decoded once and shared.
    /// </summary>
    public sealed class RetailPricePageParser
    {
        private static readonly Utf8ValueCache<string>.Factory DecodeString = utf8 => Encoding.UTF8.GetString(utf8.ToArray());
        private static readonly Utf8ValueCache<UnitOfMeasure>.Factory DecodeUnit = utf8 => UnitOfMeasure.Parse(Encoding.UTF8.GetString(utf8.ToArray()));
        private static readonly IReadOnlyList<SavingsPlanPrice> NoSavingsPlans = Array.Empty<SavingsPlanPrice>();

        private readonly Utf8ValueCache<string> _strings = new Utf8ValueCache<string>(capacity: 1 << 14);
        private readonly Utf8ValueCache<UnitOfMeasure> _units = new Utf8ValueCache<UnitOfMeasure>(capacity: 256);

        /// <exception cref="RetailPricesFormatException">The page is not a complete Retail Prices envelope.</exception>
        public RetailPricePage Parse(ReadOnlySpan<byte> json)
        {
            try
            {
                return ParseEnvelope(json);
            }
            catch (Exception e) when (e is JsonException || e is FormatException || e is InvalidOperationException)
            {
                throw new RetailPricesFormatException($"The Retail Prices page is not valid JSON: {e.Message}", e);
            }
        }

        [MethodImpl(JitHints.HotPath)]
        private RetailPricePage ParseEnvelope(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            List<RetailPrice>? items = null;
            string? nextPageLink = null;
            string billingCurrency = string.Empty;
            int? count = null;

            Expect(ref reader, JsonTokenType.StartObject);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("Items"u8))
                {
                    Expect(ref reader, JsonTokenType.StartArray);
                    items = new List<RetailPrice>(1000);
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    {
                        items.Add(ReadItem(ref reader));
                    }
                }
                else if (reader.ValueTextEquals("NextPageLink"u8))
                {
                    reader.Read();
                    nextPageLink = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    nextPageLink = string.IsNullOrEmpty(nextPageLink) ? null : nextPageLink;
                }
                else if (reader.ValueTextEquals("BillingCurrency"u8))
                {
                    reader.Read();
                    billingCurrency = reader.TokenType == JsonTokenType.String ? String(ref reader) : string.Empty;
                }
                else if (reader.ValueTextEquals("Count"u8))
                {
                    reader.Read();
                    count = reader.GetInt32();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new RetailPricesFormatException("The Retail Prices page does not end where its envelope does.");
            }

            if (items is null)
            {
                throw new RetailPricesFormatException("The Retail Prices page has no Items.");
            }

            if (count is int stated && stated != items.Count)
            {
                throw new RetailPricesFormatException($"The Retail Prices page says Count {stated} but holds {items.Count} items.");
            }

            return new RetailPricePage(items, nextPageLink, billingCurrency);
        }

        [MethodImpl(JitHints.HotPath)]
        private RetailPrice ReadItem(ref Utf8JsonReader reader)
        {
            var identity = new RetailPriceIdentity();
            decimal tierMinimum = 0m, unitPrice = 0m, retailPrice = 0m;
            bool hasUnitPrice = false;
            IReadOnlyList<SavingsPlanPrice> savingsPlans = NoSavingsPlans;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadOnlySpan<byte> name = reader.ValueSpan; // a slice of the page: still valid after the next Read
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                switch (name.Length > 0 ? name[0] : (byte)0)
                {
                    case (byte)'a' when name.SequenceEqual("armRegionName"u8): identity.ArmRegionName = String(ref reader); break;
                    case (byte)'a' when name.SequenceEqual("armSkuName"u8): identity.ArmSkuName = String(ref reader); break;
                    case (byte)'c' when name.SequenceEqual("currencyCode"u8): identity.CurrencyCode = String(ref reader); break;
                    case (byte)'e' when name.SequenceEqual("effectiveStartDate"u8): identity.EffectiveStartDate = Date(ref reader); break;
                    case (byte)'e' when name.SequenceEqual("effectiveEndDate"u8): identity.EffectiveEndDate = Date(ref reader); break;
                    case (byte)'i' when name.SequenceEqual("isPrimaryMeterRegion"u8): identity.IsPrimaryMeterRegion = reader.GetBoolean(); break;
                    case (byte)'l' when name.SequenceEqual("location"u8): identity.Location = String(ref reader); break;
                    case (byte)'m' when name.SequenceEqual("meterId"u8): identity.MeterId = String(ref reader); break;
                    case (byte)'m' when name.SequenceEqual("meterName"u8): identity.MeterName = String(ref reader); break;
                    case (byte)'p' when name.SequenceEqual("productId"u8): identity.ProductId = String(ref reader); break;
                    case (byte)'p' when name.SequenceEqual("productName"u8): identity.ProductName = String(ref reader); break;
                    case (byte)'r' when name.SequenceEqual("retailPrice"u8): retailPrice = reader.GetDecimal(); break;
                    case (byte)'r' when name.SequenceEqual("reservationTerm"u8): identity.ReservationTerm = String(ref reader); break;
                    case (byte)'s' when name.SequenceEqual("skuId"u8): identity.SkuId = String(ref reader); break;
                    case (byte)'s' when name.SequenceEqual("skuName"u8): identity.SkuName = String(ref reader); break;
                    case (byte)'s' when name.SequenceEqual("serviceId"u8): identity.ServiceId = String(ref reader); break;
                    case (byte)'s' when name.SequenceEqual("serviceName"u8): identity.ServiceName = String(ref reader); break;
                    case (byte)'s' when name.SequenceEqual("serviceFamily"u8): identity.ServiceFamily = String(ref reader); break;
                    case (byte)'s' when name.SequenceEqual("savingsPlan"u8): savingsPlans = ReadSavingsPlans(ref reader); break;
                    case (byte)'t' when name.SequenceEqual("tierMinimumUnits"u8): tierMinimum = reader.GetDecimal(); break;
                    case (byte)'t' when name.SequenceEqual("type"u8): identity.Type = String(ref reader); break;
                    case (byte)'u' when name.SequenceEqual("unitPrice"u8): unitPrice = reader.GetDecimal(); hasUnitPrice = true; break;
                    case (byte)'u' when name.SequenceEqual("unitOfMeasure"u8): identity.UnitOfMeasure = Unit(ref reader); break;
                    default: reader.Skip(); break;
                }
            }

            if (!hasUnitPrice || identity.MeterId.Length == 0)
            {
                throw new RetailPricesFormatException($"A Retail Prices item has no {(hasUnitPrice ? "meterId" : "unitPrice")}.");
            }

            return new RetailPrice(identity, new RetailPriceTier(tierMinimum, unitPrice, retailPrice), savingsPlans);
        }

        [MethodImpl(JitHints.HotPath)]
        private IReadOnlyList<SavingsPlanPrice> ReadSavingsPlans(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return NoSavingsPlans;
            }

            var plans = new List<SavingsPlanPrice>(2);
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                string term = string.Empty;
                decimal unitPrice = 0m, retailPrice = 0m;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("term"u8))
                    {
                        reader.Read();
                        term = String(ref reader);
                    }
                    else if (reader.ValueTextEquals("unitPrice"u8))
                    {
                        reader.Read();
                        unitPrice = reader.GetDecimal();
                    }
                    else if (reader.ValueTextEquals("retailPrice"u8))
                    {
                        reader.Read();
                        retailPrice = reader.GetDecimal();
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }

                plans.Add(new SavingsPlanPrice(term, unitPrice, retailPrice));
            }

            // Real items list the 3-year plan first; shorter terms first reads better and does not depend on that order.
            plans.Sort((a, b) => (a.Years ?? int.MaxValue).CompareTo(b.Years ?? int.MaxValue));
            return plans;
        }

        [MethodImpl(JitHints.HotPath)]
        private string String(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Expected a string, found {reader.TokenType}.");
            }

            return reader.ValueIsEscaped || reader.HasValueSequence ? reader.GetString()! : _strings.GetOrAdd(reader.ValueSpan, DecodeString);
        }

        private UnitOfMeasure Unit(ref Utf8JsonReader reader) =>
            reader.ValueIsEscaped || reader.HasValueSequence ? UnitOfMeasure.Parse(reader.GetString()) : _units.GetOrAdd(reader.ValueSpan, DecodeUnit);

        private static DateTime Date(ref Utf8JsonReader reader) => reader.GetDateTimeOffset().UtcDateTime;

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
        {
            if (!reader.Read() || reader.TokenType != type)
            {
                throw new JsonException($"Expected {type}, found {reader.TokenType}.");
            }
        }
    }
}
