using System;
using System.Globalization;

namespace AzBillingInsights.Engine.Tests
{
    /// <summary>The clock is read through a function of the variable's text, so no test changes the process environment.</summary>
    public sealed class BillingClockTests
    {
        [Theory]
        [MemberData(nameof(DateTable.Instants), MemberType = typeof(DateTable))]
        public void A_pinned_instant_is_now_whatever_the_real_date(string instant)
        {
            Assert.Equal(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture), new BillingClock(() => instant).GetUtcNow());
        }

        [Fact]
        public void An_offset_is_kept_as_the_same_instant_in_utc()
        {
            DateTimeOffset now = new BillingClock(() => "2026-03-29T03:00:00+02:00").GetUtcNow();
            Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), now);
            Assert.Equal(TimeSpan.Zero, now.Offset);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        public void Unpinned_it_is_the_real_clock(string? unset)
        {
            Assert.InRange(new BillingClock(() => unset).GetUtcNow(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        }

        [Theory]
        [InlineData("2026-03-29T01:00:00")]
        [InlineData("tomorrow")]
        public void A_value_without_a_zone_or_no_date_is_refused_with_the_variable_named(string value)
        {
            InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => new BillingClock(() => value).GetUtcNow());
            Assert.Contains(BillingClock.Variable, error.Message);
            Assert.Contains(value, error.Message);
        }

        [Fact]
        public void The_module_clock_reads_the_variable()
        {
            Assert.Equal("AZBILLINGINSIGHTS_NOW", BillingClock.Variable);
            string? pinned = Environment.GetEnvironmentVariable(BillingClock.Variable);
            if (string.IsNullOrEmpty(pinned))
            {
                Assert.InRange(BillingClock.Instance.GetUtcNow(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
            }
            else
            {
                Assert.Equal(DateTimeOffset.Parse(pinned, CultureInfo.InvariantCulture), BillingClock.Instance.GetUtcNow());
            }
        }
    }
}
