using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AzBillingInsights
{
    /// <summary>
    /// Completes from a fixed list of values with descriptions: the typed word matches a value's start or any part
    /// of its description, so "Visual" completes to MS-AZR-0059P. Values outside the list are still accepted.
    /// </summary>
    public abstract class KnownValueCompleter : IArgumentCompleter
    {
        protected abstract IReadOnlyList<KeyValuePair<string, string>> Values { get; }

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return Values
                .Where(v => v.Key.StartsWith(word, StringComparison.OrdinalIgnoreCase) || v.Value.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                .Select(v => new CompletionResult(Quoted(v.Key), $"{v.Key} ({v.Value})", CompletionResultType.ParameterValue, v.Value));
        }

        /// <summary>A value with a space (a service name such as Virtual Machines) completes in quotes, so it stays one argument.</summary>
        private static string Quoted(string value) => value.IndexOf(' ') >= 0 ? "'" + value.Replace("'", "''") + "'" : value;

        protected static KeyValuePair<string, string> Value(string value, string description) => new KeyValuePair<string, string>(value, description);
    }

    /// <summary>Offer durable ids with their names.</summary>
    public sealed class OfferDurableIdCompleter : KnownValueCompleter
    {
        private static readonly KeyValuePair<string, string>[] Offers =
        {
            Value("MS-AZR-0003P", "Pay-As-You-Go"),
            Value("MS-AZR-0023P", "Pay-As-You-Go Dev/Test"),
            Value("MS-AZR-0017P", "Enterprise Agreement"),
            Value("MS-AZR-0148P", "Enterprise Dev/Test"),
            Value("MS-AZR-0044P", "Free Trial"),
            Value("MS-AZR-0059P", "Visual Studio Professional subscribers"),
            Value("MS-AZR-0060P", "Visual Studio Test Professional subscribers"),
            Value("MS-AZR-0062P", "MSDN Platforms subscribers"),
            Value("MS-AZR-0063P", "Visual Studio Enterprise subscribers"),
            Value("MS-AZR-0026P", "Monetary Commitment"),
        };

        protected override IReadOnlyList<KeyValuePair<string, string>> Values => Offers;
    }

    public sealed class CurrencyCompleter : KnownValueCompleter
    {
        private static readonly KeyValuePair<string, string>[] Currencies =
        {
            Value("USD", "US dollar"), Value("EUR", "Euro"), Value("GBP", "Pound sterling"), Value("JPY", "Japanese yen"),
            Value("AUD", "Australian dollar"), Value("CAD", "Canadian dollar"), Value("CHF", "Swiss franc"), Value("DKK", "Danish krone"),
            Value("SEK", "Swedish krona"), Value("NOK", "Norwegian krone"), Value("INR", "Indian rupee"), Value("BRL", "Brazilian real"),
            Value("KRW", "South Korean won"), Value("NZD", "New Zealand dollar"), Value("TWD", "New Taiwan dollar"), Value("CNY", "Chinese yuan"),
        };

        protected override IReadOnlyList<KeyValuePair<string, string>> Values => Currencies;
    }

    public sealed class LocaleCompleter : KnownValueCompleter
    {
        private static readonly KeyValuePair<string, string>[] Locales =
        {
            Value("en-US", "English (United States)"), Value("en-GB", "English (United Kingdom)"), Value("de-DE", "German (Germany)"),
            Value("fr-FR", "French (France)"), Value("es-ES", "Spanish (Spain)"), Value("it-IT", "Italian (Italy)"),
            Value("ja-JP", "Japanese (Japan)"), Value("ko-KR", "Korean (Korea)"), Value("pt-BR", "Portuguese (Brazil)"),
            Value("zh-CN", "Chinese (Simplified)"), Value("zh-TW", "Chinese (Traditional)"), Value("nl-NL", "Dutch (Netherlands)"),
        };

        protected override IReadOnlyList<KeyValuePair<string, string>> Values => Locales;
    }

    /// <summary>Two-letter countries of purchase (RegionInfo), not Azure regions.</summary>
    public sealed class RegionInfoCompleter : KnownValueCompleter
    {
        private static readonly KeyValuePair<string, string>[] Regions =
        {
            Value("US", "United States"), Value("GB", "United Kingdom"), Value("DE", "Germany"), Value("FR", "France"),
            Value("NL", "Netherlands"), Value("SE", "Sweden"), Value("CH", "Switzerland"), Value("JP", "Japan"),
            Value("AU", "Australia"), Value("CA", "Canada"), Value("IN", "India"), Value("BR", "Brazil"),
            Value("KR", "South Korea"), Value("CN", "China"),
        };

        protected override IReadOnlyList<KeyValuePair<string, string>> Values => Regions;
    }
}
