using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// The cached items of one Retail Prices query: a one-line header (origin, key, when read, item count) that a
    /// listing reads alone, then the items in the API's own envelope, one item per tier, read back by the same
    /// <see cref="RetailPricePageParser"/> that reads the service. A header for another origin or key reads as absent.
    /// </summary>
    internal sealed class RetailPriceItemFile
    {
        public const string Extension = ".retail";

        public RetailPriceItemFile(PriceOrigin origin, RetailPricesKey key, DateTimeOffset retrievedAt, string currency, IReadOnlyList<RetailPrice> prices)
        {
            Origin = origin;
            Key = key;
            RetrievedAt = retrievedAt;
            Currency = currency;
            Prices = prices;
        }

        public PriceOrigin Origin { get; }
        public RetailPricesKey Key { get; }
        public DateTimeOffset RetrievedAt { get; }
        public string Currency { get; }
        /// <summary>Tiers folded, in the order the service listed them.</summary>
        public IReadOnlyList<RetailPrice> Prices { get; }

        /// <summary>A name per origin and key (hashed: filters hold characters no file name may).</summary>
        public static string FileNameOf(PriceEntryKey key)
        {
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Key.Source}-items\n{key.Origin.Value}\n{key.Key.Id}"));
            return "RetailPriceItems-" + Convert.ToHexString(hash, 0, 16).ToLowerInvariant() + Extension;
        }

        /// <summary>The items of <paramref name="content"/>, or null when it holds another origin's or query's.</summary>
        public static RetailPriceItemFile? Read(byte[] content, PriceEntryKey expected)
        {
            int newline = Array.IndexOf(content, (byte)'\n');
            Header? header = newline < 0 ? null : Header.Parse(Encoding.UTF8.GetString(content, 0, newline));
            if (header is null)
            {
                throw new InvalidDataException("The cached retail prices have no header.");
            }

            if (!header.Origin.Equals(expected.Origin) || !header.Key.Equals(expected.Key))
            {
                return null;
            }

            RetailPricePage page = new RetailPricePageParser().Parse(content.AsSpan(newline + 1));
            var folder = new RetailPriceFolder();
            List<RetailPrice> prices = folder.Fold(page.Prices);
            prices.AddRange(folder.Finish());
            if (prices.Count != header.Count)
            {
                throw new InvalidDataException($"The cached retail prices hold {prices.Count} items where their header says {header.Count}.");
            }

            return new RetailPriceItemFile(header.Origin, header.Key, header.RetrievedAt, page.BillingCurrency, prices);
        }

        /// <summary>The first line of a cached file: enough to list it, or to see it is not the one wanted.</summary>
        internal sealed class Header
        {
            private Header(PriceOrigin origin, RetailPricesKey key, DateTimeOffset retrievedAt, int count)
            {
                Origin = origin;
                Key = key;
                RetrievedAt = retrievedAt;
                Count = count;
            }

            public PriceOrigin Origin { get; }
            public RetailPricesKey Key { get; }
            public DateTimeOffset RetrievedAt { get; }
            public int Count { get; }

            /// <summary>The header in <paramref name="line"/>, or null when it is not one.</summary>
            public static Header? Parse(string? line)
            {
                if (string.IsNullOrEmpty(line))
                {
                    return null;
                }

                try
                {
                    using JsonDocument document = JsonDocument.Parse(line);
                    JsonElement root = document.RootElement;
                    RetailPricesKey? key = RetailPricesKey.TryParseId(root.GetProperty("id").GetString() ?? string.Empty);
                    return key is null ? null : new Header(PriceOrigin.Parse(root.GetProperty("origin").GetString()!), key,
                        root.GetProperty("retrievedAt").GetDateTimeOffset(), root.GetProperty("count").GetInt32());
                }
                catch (Exception e) when (e is JsonException || e is KeyNotFoundException || e is InvalidOperationException || e is FormatException || e is ArgumentException)
                {
                    return null;
                }
            }
        }
    }
}
