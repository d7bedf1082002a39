using System;
using System.Globalization;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// A unit of measure such as <c>1 Hour</c>, <c>100 Hours</c>, <c>1 GB/Month</c>, <c>10K</c>, <c>1M</c> or <c>1/Month</c>
    /// (and the rate card's <c>10,000s</c>): the quantity one price buys (<see cref="Multiplier"/>) and what it counts
    /// (<see cref="BaseUnit"/>). A usage quantity is converted to priced units before a price is applied.
    /// </summary>
    public sealed class UnitOfMeasure : IEquatable<UnitOfMeasure>
    {
        private UnitOfMeasure(string text, decimal multiplier, string baseUnit)
        {
            Text = text;
            Multiplier = multiplier;
            BaseUnit = baseUnit;
        }

        /// <summary>The unit as the service wrote it.</summary>
        public string Text { get; }

        /// <summary>How many base units one priced unit is: 100 for <c>100 Hours</c>, 10,000 for <c>10K</c>.</summary>
        public decimal Multiplier { get; }

        /// <summary>What is counted, lower case and singular (<c>hour</c>, <c>gb/month</c>, <c>/month</c>); empty for a plain count.</summary>
        public string BaseUnit { get; }

        public static UnitOfMeasure Parse(string? text)
        {
            string trimmed = (text ?? string.Empty).Trim();
            int digits = 0;
            while (digits < trimmed.Length && (char.IsDigit(trimmed[digits]) || trimmed[digits] == '.' || trimmed[digits] == ','))
            {
                digits++;
            }

            decimal multiplier = 1m;
            if (digits > 0 && decimal.TryParse(trimmed.Substring(0, digits), NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands,
                CultureInfo.InvariantCulture, out decimal number) && number > 0)
            {
                multiplier = number;
            }
            else
            {
                digits = 0;
            }

            string rest = trimmed.Substring(digits);
            if (digits > 0 && rest.Length > 0 && ScaleOf(rest[0]) is decimal scale && (rest.Length == 1 || rest[1] == '/' || rest[1] == ' '))
            {
                multiplier *= scale;
                rest = rest.Substring(1);
            }

            return new UnitOfMeasure(trimmed, multiplier, Canonical(rest));
        }

        /// <summary>
        /// <paramref name="quantity"/> measured in <paramref name="from"/>, expressed in this unit: 150 hours are 1.5 of
        /// <c>100 Hours</c>. Null when the two count different things, so nothing is priced on a guess.
        /// </summary>
        public decimal? Convert(decimal quantity, UnitOfMeasure from) =>
            string.Equals(from.BaseUnit, BaseUnit, StringComparison.Ordinal) ? quantity * from.Multiplier / Multiplier : (decimal?)null;

        /// <summary>
        /// What one unit of <paramref name="usage"/> is in this unit: 0.01 from <c>Hours</c> to <c>100 Hours</c>, 1 from
        /// <c>10,000s</c> to <c>10K</c>. A quantity in a counted unit (<c>GB</c>) also converts to the same unit per period
        /// (<c>1 GB/Month</c>): the Usage API reports such meters as each bucket's share of the period. Null when the two
        /// count different things, so nothing is priced on a guess.
        /// </summary>
        public decimal? FactorFrom(UnitOfMeasure usage)
        {
            if (usage is null)
            {
                throw new ArgumentNullException(nameof(usage));
            }

            bool sameThing = string.Equals(usage.BaseUnit, BaseUnit, StringComparison.Ordinal)
                || (usage.BaseUnit.Length > 0 && usage.BaseUnit.IndexOf('/') < 0 && IsPerPeriodOf(usage.BaseUnit));
            return sameThing ? usage.Multiplier / Multiplier : (decimal?)null;
        }

        public static readonly UnitOfMeasure None = Parse(null);

        public bool Equals(UnitOfMeasure? other) => other is not null && Multiplier == other.Multiplier && string.Equals(BaseUnit, other.BaseUnit, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is UnitOfMeasure other && Equals(other);

        public override int GetHashCode() => Multiplier.GetHashCode() ^ StringComparer.Ordinal.GetHashCode(BaseUnit);

        public override string ToString() => Text;

        private static readonly string[] Periods = { "hour", "day", "month", "year" };

        /// <summary>True when this unit is <paramref name="counted"/> per hour, day, month or year (<c>gb/month</c> of <c>gb</c>).</summary>
        private bool IsPerPeriodOf(string counted) =>
            BaseUnit.StartsWith(counted + "/", StringComparison.Ordinal) && Array.IndexOf(Periods, BaseUnit.Substring(counted.Length + 1)) >= 0;

        private static decimal? ScaleOf(char suffix) => suffix switch
        {
            'K' => 1_000m,
            'M' => 1_000_000m,
            'B' => 1_000_000_000m,
            _ => null,
        };

        /// <summary>"Hours" and "Hour" count the same thing, and so do "s" (of "10,000s"), "Units" and nothing at all.</summary>
        private static string Canonical(string unit)
        {
            string[] parts = unit.Trim().ToLowerInvariant().Split('/');
            for (int i = 0; i < parts.Length; i++)
            {
                string part = parts[i].Trim();
                string singular = part.Length > 2 && part.EndsWith("s", StringComparison.Ordinal) && !part.EndsWith("ss", StringComparison.Ordinal)
                    ? part.Substring(0, part.Length - 1)
                    : part;
                parts[i] = singular == "s" || singular == "unit" ? string.Empty : singular;
            }

            return string.Join("/", parts);
        }
    }
}
