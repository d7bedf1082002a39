using System;
using System.Collections.Generic;
using System.Management.Automation;
using AzBillingInsights.Engine.Forecasting;

namespace AzBillingInsights.Commands
{
    /// <summary>Finds days of piped daily cost or quantity, per group or in the total, that strayed from their weekday-aware baseline.</summary>
    [Cmdlet(VerbsCommon.Find, "AzCostAnomaly")]
    [OutputType(typeof(CostAnomalyRecord))]
    public sealed class FindAzCostAnomalyCommand : PSCmdlet
    {
        private readonly DailyInput _input = new DailyInput();

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Day", "UsageDate")]
        public DateTime Date { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Cost", "Quantity")]
        [AllowNull]
        public decimal? Value { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Group { get; set; }

        [Parameter]
        [ValidateRange(1.0, 100.0)]
        public double Threshold { get; set; } = 4d;

        [Parameter]
        public decimal MinimumImpact { get; set; }

        [Parameter]
        [ValidateRange(0, 1000)]
        public double MinimumChangePercent { get; set; } = 10;

        [Parameter]
        public DateTime? From { get; set; }

        [Parameter]
        public DateTime? To { get; set; }

        [Parameter]
        public SwitchParameter RiseOnly { get; set; }

        [Parameter]
        public SwitchParameter Total { get; set; }

        protected override void ProcessRecord() => _input.TryAdd(Date, Value, null, Group ?? string.Empty);

        protected override void BeginProcessing()
        {
            if (From is DateTime from && To is DateTime to && from.Date > to.Date)
            {
                ThrowTerminatingError(ErrorFactory.Create(
                    new ArgumentException($"The window is empty: -From {from:yyyy-MM-dd} is after -To {to:yyyy-MM-dd}.", nameof(From)), "InvalidArgument", ErrorCategory.InvalidArgument, from, null));
            }
        }

        protected override void EndProcessing()
        {
            if (_input.MissingValueWarning("value") is string missing)
            {
                WriteWarning(missing);
            }

            if (_input.IsEmpty)
            {
                return;
            }

            var detector = new AnomalyDetector(new AnomalyDetectorOptions
            {
                Threshold = Threshold,
                MinimumImpact = MinimumImpact,
                MinimumRelativeImpact = MinimumChangePercent / 100d,
                From = From,
                To = To,
                IncludeDrops = !RiseOnly.IsPresent,
            });
            IReadOnlyDictionary<string, DailySeries> groups = _input.Groups();
            IReadOnlyList<CostAnomaly> anomalies = Total.IsPresent ? detector.DetectInTotal(groups) : detector.DetectByGroup(groups);
            foreach (KeyValuePair<string, DailySeries> group in groups)
            {
                if (group.Value.Count < AnomalyDetector.MinimumDays)
                {
                    WriteWarning($"'{group.Key}' has {group.Value.Count} day(s); at least {AnomalyDetector.MinimumDays} are needed to learn its weekly rhythm.");
                }
            }

            foreach (CostAnomaly anomaly in anomalies)
            {
                WriteObject(new CostAnomalyRecord(anomaly));
            }
        }
    }
}
