using System;
using System.Linq;
using AzBillingInsights.Engine.Forecasting;

namespace AzBillingInsights.Engine.Tests.Forecasting
{
    /// <summary>Daily series with known structure for the forecasting tests.</summary>
    internal static class SyntheticSeries
    {
        public static DateTime Day(int year, int month, int day) => new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);

        /// <summary>Weekdays 100, weekends 60: the shape of a company's cloud spend.</summary>
        public static double Weekly(DateTime day) =>
            day.DayOfWeek == DayOfWeek.Saturday || day.DayOfWeek == DayOfWeek.Sunday ? 60d : 100d;

        public static DailySeries Build(DateTime first, DateTime last, Func<DateTime, double> value) =>
            DailySeries.From(Enumerable.Range(0, (last - first).Days + 1)
                .Select(i => first.AddDays(i))
                .Select(d => new DailyValue(d, (decimal)value(d))));

        public static decimal Total(DateTime first, DateTime last, Func<DateTime, double> value) =>
            Enumerable.Range(0, (last - first).Days + 1).Sum(i => (decimal)value(first.AddDays(i)));

        /// <summary>Gaussian noise from a seeded Random (Box-Muller).</summary>
        public static double Gaussian(Random random)
        {
            double u1 = 1d - random.NextDouble();
            double u2 = random.NextDouble();
            return Math.Sqrt(-2d * Math.Log(u1)) * Math.Cos(2d * Math.PI * u2);
        }
    }
}
