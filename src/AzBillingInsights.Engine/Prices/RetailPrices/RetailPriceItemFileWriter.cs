using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using AzBillingInsights.Engine.IO;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// Writes a <see cref="RetailPriceItemFile"/> page by page while its download goes on, so the work overlaps the
    /// pipeline's and no buffer of the whole listing is ever made. The file appears only once <see cref="Publish"/>d:
    /// a download cut short leaves nothing. The header's item count, known only at the end, is written last into the
    /// room left for it (JSON allows the blanks that pad it).
    /// </summary>
    internal sealed class RetailPriceItemFileWriter : IDisposable
    {
        private const int CountWidth = 10;
        private const int FlushThreshold = 64 * 1024;

        private readonly AtomicFilePublisher _file;
        private readonly long _countOffset;
        private readonly Utf8JsonWriter _json;
        private int _prices;
        private int _items;

        private RetailPriceItemFileWriter(string path, PriceEntryKey key, DateTimeOffset retrievedAt, string currency)
        {
            _file = AtomicFilePublisher.Create(path, overwrite: true);
            byte[] head = Encoding.UTF8.GetBytes(
                $"{{\"origin\":{Quote(key.Origin.Value)},\"id\":{Quote(key.Key.Id)},\"retrievedAt\":{Quote(retrievedAt.ToString("O", CultureInfo.InvariantCulture))},\"count\":");
            _file.Stream.Write(head);
            _countOffset = head.Length;
            _file.Stream.Write(Encoding.ASCII.GetBytes(new string(' ', CountWidth) + "}\n"));
            _json = new Utf8JsonWriter(_file.Stream);
            _json.WriteStartObject();
            _json.WriteString("BillingCurrency", currency);
            _json.WriteStartArray("Items");
        }

        /// <summary>A writer for <paramref name="path"/>, or null when the folder cannot be written (the cache then lives in memory only).</summary>
        public static RetailPriceItemFileWriter? TryStart(string path, PriceEntryKey key, DateTimeOffset retrievedAt, string currency)
        {
            try
            {
                return new RetailPriceItemFileWriter(path, key, retrievedAt, currency);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>Appends a page's prices, one item per tier as the API lists them.</summary>
        public void Add(IReadOnlyList<RetailPrice> prices)
        {
            foreach (RetailPrice price in prices)
            {
                foreach (RetailPriceTier tier in price.Tiers)
                {
                    WriteItem(_json, price, tier);
                    _items++;
                }
            }

            _prices += prices.Count;
            // The writer buffers until flushed: hand what is written to the file as it goes.
            if (_json.BytesPending > FlushThreshold)
            {
                _json.Flush();
            }
        }

        /// <summary>Ends the listing, fills in the header's count and puts the file in place.</summary>
        public void Publish()
        {
            _json.WriteEndArray();
            _json.WriteNull("NextPageLink");
            _json.WriteNumber("Count", _items);
            _json.WriteEndObject();
            _json.Flush();
            _file.Stream.Seek(_countOffset, SeekOrigin.Begin);
            _file.Stream.Write(Encoding.ASCII.GetBytes(_prices.ToString(CultureInfo.InvariantCulture).PadLeft(CountWidth)));
            _file.Publish(flushToDisk: false);
        }

        public void Dispose()
        {
            // What the writer still holds is not wanted (the file is published, or dropped), and its stream may be closed.
            _json.Reset(Stream.Null);
            _json.Dispose();
            _file.Dispose();
        }

        private static string Quote(string value) => JsonSerializer.Serialize(value);

        private static void WriteItem(Utf8JsonWriter json, RetailPrice price, RetailPriceTier tier)
        {
            json.WriteStartObject();
            json.WriteString("currencyCode", price.CurrencyCode);
            json.WriteNumber("tierMinimumUnits", tier.MinimumUnits);
            if (price.ReservationTerm is not null)
            {
                json.WriteString("reservationTerm", price.ReservationTerm);
            }

            json.WriteNumber("retailPrice", tier.RetailPrice);
            json.WriteNumber("unitPrice", tier.UnitPrice);
            json.WriteString("armRegionName", price.ArmRegionName);
            json.WriteString("location", price.Location);
            json.WriteString("effectiveStartDate", new DateTimeOffset(price.EffectiveStartDate, TimeSpan.Zero));
            if (price.EffectiveEndDate is DateTime end)
            {
                json.WriteString("effectiveEndDate", new DateTimeOffset(end, TimeSpan.Zero));
            }

            json.WriteString("meterId", price.MeterId);
            json.WriteString("meterName", price.MeterName);
            json.WriteString("productId", price.ProductId);
            json.WriteString("skuId", price.SkuId);
            json.WriteString("productName", price.ProductName);
            json.WriteString("skuName", price.SkuName);
            json.WriteString("serviceName", price.ServiceName);
            json.WriteString("serviceId", price.ServiceId);
            json.WriteString("serviceFamily", price.ServiceFamily);
            json.WriteString("unitOfMeasure", price.UnitOfMeasure.Text);
            json.WriteString("type", price.Type);
            json.WriteBoolean("isPrimaryMeterRegion", price.IsPrimaryMeterRegion);
            json.WriteString("armSkuName", price.ArmSkuName);
            if (price.SavingsPlans.Count > 0)
            {
                json.WriteStartArray("savingsPlan");
                foreach (SavingsPlanPrice plan in price.SavingsPlans)
                {
                    json.WriteStartObject();
                    json.WriteNumber("unitPrice", plan.UnitPrice);
                    json.WriteNumber("retailPrice", plan.RetailPrice);
                    json.WriteString("term", plan.Term);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }
    }
}
