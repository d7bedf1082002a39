using System.Globalization;

namespace AzBillingInsights.Emulator.Tests;

/// <summary>
/// The emulator's billing "now" (<c>--now</c>) and the late rows it reports: whatever the date, the estate, the
/// "end in the future" rule and the invoices follow the pinned instant, and every row of an invoiced month has
/// been reported before its invoice is issued.
/// </summary>
public sealed class ClockTests
{
    [Theory]
    [MemberData(nameof(TestClock.Dates), MemberType = typeof(TestClock))]
    public async Task TheEstateAndTheFutureRuleFollowThePinnedNow(string now)
    {
        var emulator = new PinnedEmulator(now);
        await emulator.InitializeAsync();
        try
        {
            DateTime pinned = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture).UtcDateTime;
            DateTime horizon = new(pinned.Year, pinned.Month, pinned.Day, pinned.Hour, 0, 0, DateTimeKind.Utc);
            using HttpResponseMessage estateResponse = await emulator.Client.GetAsync("_emulator/truth/estate");
            JsonElement estate = await EmulatorFixture.JsonAsync(estateResponse);
            Assert.Equal(pinned, DateTimeOffset.Parse(estate.GetProperty("now").GetString()!, CultureInfo.InvariantCulture).UtcDateTime);
            Assert.Equal(EmulatorFixture.Iso(horizon), estate.GetProperty("dataHorizon").GetString());
            Assert.Equal(EmulatorFixture.Iso(new DateTime(pinned.Year, pinned.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-13)), estate.GetProperty("dataStart").GetString());

            string sub = emulator.SubscriptionIds[0];
            using HttpResponseMessage upToNow = await emulator.GetAsync(EmulatorFixture.UsagePath(sub, EmulatorFixture.Iso(horizon.AddDays(-2)), EmulatorFixture.Iso(horizon), "Hourly"));
            Assert.Equal(HttpStatusCode.OK, upToNow.StatusCode);
            using HttpResponseMessage future = await emulator.GetAsync(EmulatorFixture.UsagePath(sub, EmulatorFixture.Iso(horizon.AddDays(-2)), EmulatorFixture.Iso(horizon.AddHours(1)), "Hourly"));
            await EmulatorFixture.AssertArmErrorAsync(future, HttpStatusCode.BadRequest, "RequestEndTimeIsInFuture", $"'{pinned:yyyy-MM-dd'T'HH:mm:ss}");
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(TestClock.Dates), MemberType = typeof(TestClock))]
    public async Task EveryRowOfTheNewestInvoicedMonthIsReportedBeforeItsInvoice(string now)
    {
        var emulator = new PinnedEmulator(now);
        await emulator.InitializeAsync();
        try
        {
            DateTime horizon = emulator.Estate.Clock.Horizon;
            foreach (string sub in emulator.SubscriptionIds)
            {
                using HttpResponseMessage response = await emulator.Client.GetAsync($"_emulator/truth/months?subscriptionId={sub}");
                JsonElement newest = (await EmulatorFixture.JsonAsync(response)).EnumerateArray().Last(m => m.GetProperty("invoiceName").ValueKind == JsonValueKind.String);
                DateTime month = DateTimeOffset.Parse(newest.GetProperty("usageStartTime").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
                Assert.True(month.AddMonths(1).AddDays(4) <= horizon, $"{month:yyyy-MM} is invoiced less than four days after its period");

                decimal reported = await MonthQuantityAsync(emulator, sub, month, horizon.Date);
                Assert.Equal(newest.GetProperty("quantity").GetDecimal(), reported);
            }
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task SomeRowsArriveMoreThanThreeDaysLateAndNoneFourDaysLate()
    {
        var emulator = new EmulatorFixture();
        await emulator.InitializeAsync();
        try
        {
            decimal missedAfterThreeDays = 0m;
            foreach (string sub in emulator.SubscriptionIds)
            {
                using HttpResponseMessage response = await emulator.Client.GetAsync($"_emulator/truth/months?subscriptionId={sub}");
                foreach (JsonElement invoiced in (await EmulatorFixture.JsonAsync(response)).EnumerateArray().Where(m => m.GetProperty("invoiceName").ValueKind == JsonValueKind.String))
                {
                    DateTime month = DateTimeOffset.Parse(invoiced.GetProperty("usageStartTime").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
                    decimal truth = invoiced.GetProperty("quantity").GetDecimal();
                    Assert.Equal(truth, await MonthQuantityAsync(emulator, sub, month, month.AddMonths(1).AddDays(4)));
                    missedAfterThreeDays += truth - await MonthQuantityAsync(emulator, sub, month, month.AddMonths(1).AddDays(3));
                }
            }
            Assert.True(missedAfterThreeDays > 0, "no row of any invoiced month was reported more than three days after its month ended");
        }
        finally
        {
            await emulator.DisposeAsync();
        }
    }

    /// <summary>The quantity of the rows of a usage month reported from the month's start to <paramref name="reportedEnd"/>.</summary>
    private static async Task<decimal> MonthQuantityAsync(EmulatorFixture emulator, string sub, DateTime month, DateTime reportedEnd)
    {
        List<JsonElement> rows = await emulator.DrainAsync(EmulatorFixture.UsagePath(sub, EmulatorFixture.Iso(month), EmulatorFixture.Iso(reportedEnd)));
        return rows.Select(r => r.GetProperty("properties"))
            .Where(p => DateTimeOffset.Parse(p.GetProperty("usageStartTime").GetString()!, CultureInfo.InvariantCulture).UtcDateTime is var t && t >= month && t < month.AddMonths(1))
            .Sum(p => p.GetProperty("quantity").GetDecimal());
    }
}
