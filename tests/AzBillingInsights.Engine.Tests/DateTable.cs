using Xunit;

namespace AzBillingInsights.Engine.Tests
{
    /// <summary>
    /// The instants a test about dates runs on: the first hour of a month, the last hour of a month, 29 February of a
    /// leap year, 1 January, and the hours Europe/Berlin (2026-03-29) and America/New_York (2026-03-08) change to
    /// summer time. Run the suite with TZ set to one of those zones as well: nothing here may depend on it.
    /// </summary>
    public static class DateTable
    {
        public static TheoryData<string> Instants => new TheoryData<string>
        {
            "2026-03-01T00:20:00Z",
            "2026-04-30T23:40:00Z",
            "2028-02-29T12:00:00Z",
            "2027-01-01T00:00:00Z",
            "2026-03-29T01:00:00Z",
            "2026-03-08T07:30:00Z",
        };
    }
}
