using System;

namespace AzBillingInsights.Engine.Reporting
{
    public sealed class CostReportOptions
    {
        public string Title { get; set; } = "Azure cost report";

        /// <summary>Who wrote the report (e.g. "AzBillingInsights 0.1.0"), shown in its footer.</summary>
        public string Generator { get; set; } = "AzBillingInsights";

        public DateTimeOffset GeneratedAt { get; set; } = BillingClock.Instance.GetUtcNow();

        /// <summary>The tag to break spend down by (e.g. CostCenter); none when null.</summary>
        public string? TagName { get; set; }

        /// <summary>Groups shown per breakdown before the rest is folded into one; also the length of the resource tables.</summary>
        public int Top { get; set; } = 10;

        /// <summary>The budget of one billing period, compared with the forecast period.</summary>
        public decimal? Budget { get; set; }

        public int BillingPeriodStartDay { get; set; } = 1;

        /// <summary>First UTC day the report covers; default the first day with usage. Days without usage count as zero spend.</summary>
        public DateTime? FirstDay { get; set; }

        /// <summary>Days compared for the biggest movers: the last this many against the same number before.</summary>
        public int MoverDays { get; set; } = 7;
    }
}
