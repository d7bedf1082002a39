namespace AzBillingInsights.Emulator.Tests;

/// <summary>
/// The billing "now" every emulator in these tests starts with (<c>--now</c>), so no test depends on the day it
/// runs: <c>AZBILLINGINSIGHTS_TEST_NOW</c> when set (to run the whole suite as of another instant), else a fixed
/// mid-month instant. <see cref="Dates"/> is the table a test about dates runs on.
/// </summary>
public static class TestClock
{
    public const string Variable = "AZBILLINGINSIGHTS_TEST_NOW";
    private const string Default = "2026-06-17T10:30:00Z";

    public static string Now => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } pinned ? pinned : Default;

    /// <summary>
    /// The first hour of a month, the last hour of a month, 29 February of a leap year, 1 January, and the hour
    /// Europe/Berlin and America/New_York (DST changes of 2026-03-29 and 2026-03-08) move their clocks.
    /// </summary>
    public static TheoryData<string> Dates => new()
    {
        "2026-03-01T00:20:00Z",
        "2026-04-30T23:40:00Z",
        "2028-02-29T12:00:00Z",
        "2027-01-01T00:00:00Z",
        "2026-03-29T01:00:00Z",
        "2026-03-08T07:30:00Z",
    };
}

/// <summary>An emulator started as of a given instant, for tests that run on <see cref="TestClock.Dates"/>.</summary>
public sealed class PinnedEmulator(string now) : EmulatorFixture
{
    protected override string[] ExtraArguments => ["--now", now];
}
