using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace AzBillingInsights.Emulator;

/// <summary>
/// Serialized rate cards, built once per (offer, currency, locale, region, api-version) and kept:
/// writing 24,000 meters takes far longer than serving the cached bytes. Bodies start with a UTF-8 BOM,
/// as the real blob did for a while (docs/design.md, "RateCard API"), so clients prove they strip it.
/// </summary>
internal sealed class RateCardStore
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private readonly ConcurrentDictionary<string, Lazy<byte[]>> cards = new(StringComparer.Ordinal);

    public byte[]? Find(string blobName) =>
        RateCardKey.FromBlobName(blobName) is { } key ? cards.GetOrAdd(key.BlobName, _ => new Lazy<byte[]>(() => Build(key))).Value : null;

    /// <summary>Keys in alphabetical order within objects, as real bodies list them.</summary>
    private static byte[] Build(RateCardKey key)
    {
        var buffer = new ArrayBufferWriter<byte>(8 * 1024 * 1024);
        buffer.Write(Bom);
        using (var w = new Utf8JsonWriter(buffer, ArmErrors.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("OfferTerms");
            foreach (OfferTerm term in key.Offer.Terms)
            {
                WriteTerm(w, term, key.Currency);
            }
            w.WriteEndArray();
            w.WriteStartArray("Meters");
            foreach (Meter meter in MeterCatalog.Instance.All)
            {
                WriteMeter(w, meter, key);
            }
            w.WriteEndArray();
            w.WriteString("Currency", key.Currency);
            w.WriteString("Locale", key.Locale);
            w.WriteBoolean("IsTaxIncluded", false);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteTerm(Utf8JsonWriter w, OfferTerm term, string currency)
    {
        w.WriteStartObject();
        switch (term)
        {
            case MonetaryCreditTerm credit:
                w.WriteNumber("Credit", CurrencyTable.Convert(credit.Credit, currency));
                w.WriteString("EffectiveDate", Date(credit.EffectiveDate));
                WriteIds(w, credit.ExcludedMeterIds);
                w.WriteString("Name", credit.Name);
                break;
            case MonetaryCommitmentTerm commitment:
                w.WriteString("EffectiveDate", Date(commitment.EffectiveDate));
                WriteIds(w, commitment.ExcludedMeterIds);
                w.WriteString("Name", commitment.Name);
                w.WriteStartObject("TieredDiscount");
                foreach ((decimal threshold, decimal percent) in commitment.TieredDiscount)
                {
                    w.WriteNumber(CurrencyTable.Convert(threshold, currency).ToString(CultureInfo.InvariantCulture), percent);
                }
                w.WriteEndObject();
                break;
            case RecurringChargeTerm recurring:
                w.WriteString("EffectiveDate", Date(recurring.EffectiveDate));
                w.WriteString("Name", recurring.Name);
                w.WriteNumber("RecurringCharge", recurring.RecurringCharge);
                break;
        }
        w.WriteEndObject();
    }

    private static void WriteIds(Utf8JsonWriter w, IReadOnlyList<string> ids)
    {
        w.WriteStartArray("ExcludedMeterIds");
        foreach (string id in ids)
        {
            w.WriteStringValue(id);
        }
        w.WriteEndArray();
    }

    private static void WriteMeter(Utf8JsonWriter w, Meter meter, RateCardKey key)
    {
        w.WriteStartObject();
        w.WriteString("EffectiveDate", Date(meter.EffectiveDate));
        w.WriteNumber("IncludedQuantity", meter.IncludedQuantity);
        w.WriteString("MeterCategory", meter.EncodedCategory);
        w.WriteString("MeterId", meter.EncodedId);
        w.WriteString("MeterName", meter.EncodedName);
        w.WriteStartObject("MeterRates");
        foreach (MeterTier tier in meter.Tiers)
        {
            string tierKey = tier.StartQuantity == 0 || !meter.LongTierKeys
                ? tier.StartQuantity.ToString("0.##########", CultureInfo.InvariantCulture)
                : tier.StartQuantity.ToString("0.0000000000", CultureInfo.InvariantCulture);
            w.WriteNumber(tierKey, CurrencyTable.Convert(tier.UnitPrice, key.Currency));
        }
        w.WriteEndObject();
        w.WriteString("MeterRegion", meter.Region);
        if (key.IncludesMeterStatus)
        {
            w.WriteString("MeterStatus", meter.Deprecated ? "Deprecated" : "Active");
        }
        w.WriteString("MeterSubCategory", meter.SubCategory ?? "");
        w.WriteStartArray("MeterTags");
        if (meter.ThirdParty)
        {
            w.WriteStringValue("Third Party");
        }
        w.WriteEndArray();
        w.WriteString("Unit", meter.EncodedUnit);
        w.WriteEndObject();
    }

    private static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
