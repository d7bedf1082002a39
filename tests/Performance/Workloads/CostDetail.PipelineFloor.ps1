# Limit: what PowerShell alone costs for the same number of objects: a compiled cmdlet that only writes $Rows plain
# objects (no download, no parse) into Measure-Object, in a fresh pwsh as the module's workload runs. No cmdlet that
# writes one object per row can end sooner.
param([int] $Rows)
Add-Type -TypeDefinition @'
using System.Management.Automation;
namespace CostBench
{
    public sealed class Row { public decimal Cost { get; set; } }

    [Cmdlet(VerbsCommunications.Send, "BenchRow")]
    public sealed class SendBenchRowCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)] public int Count { get; set; }

        protected override void ProcessRecord()
        {
            for (int i = 0; i < Count; i++) { WriteObject(new Row { Cost = i }); }
        }
    }
}
'@ -PassThru | Select-Object -First 1 | ForEach-Object { Import-Module -Assembly $_.Assembly }
$null = Send-BenchRow -Count 10 | Measure-Object
$clock = [Diagnostics.Stopwatch]::StartNew()
$count = (Send-BenchRow -Count $Rows | Measure-Object).Count
@{ Seconds = $clock.Elapsed.TotalSeconds; Rows = $count } | ConvertTo-Json -Compress
