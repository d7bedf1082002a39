using System;

namespace AzBillingInsights.Engine.Tests
{
    /// <summary>
    /// The variable is process-wide: these tests are the only ones that set it, in one class, so xUnit runs them one
    /// after another; each restores what it found.
    /// </summary>
    public sealed class BillingClockTests
    {
        [Theory]
        [MemberData(nameof(DateTable.Instants), MemberType = typeof(DateTable))]
        public void A_pinned_instant_is_now_whatever_the_real_date(string instant)
        {
            WithVariable(instant, () => Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), BillingClock.UtcNow));
        }

        [Fact]
        public void An_offset_is_kept_as_the_same_instant_in_utc()
        {
            WithVariable("2026-03-29T03:00:00+02:00", () =>
            {
                Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), BillingClock.UtcNow);
                Assert.Equal(TimeSpan.Zero, BillingClock.UtcNow.Offset);
            });
        }

        [Fact]
        public void Unset_it_is_the_real_clock()
        {
            WithVariable(null, () => Assert.InRange(BillingClock.UtcNow, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1)));
        }

        [Theory]
        [InlineData("2026-03-29T01:00:00")]
        [InlineData("tomorrow")]
        public void A_value_without_a_zone_or_no_date_is_refused_with_the_variable_named(string value)
        {
            WithVariable(value, () =>
            {
                InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => BillingClock.UtcNow);
                Assert.Contains(BillingClock.Variable, error.Message);
                Assert.Contains(value, error.Message);
            });
        }

        private static void WithVariable(string? value, Action test)
        {
            string? before = Environment.GetEnvironmentVariable(BillingClock.Variable);
            Environment.SetEnvironmentVariable(BillingClock.Variable, value);
            try
            {
                test();
            }
            finally
            {
                Environment.SetEnvironmentVariable(BillingClock.Variable, before);
            }
        }
    }
}
