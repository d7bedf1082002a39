<#
.SYNOPSIS
    Issue 18's composition: a month of an EA subscription's Cost Details rows totalled by resource group and day with
    Measure-AzEstimatedCost (cost as given) against Group-Object and a sum per group; both read the same rows with
    Get-AzCostDetail, so the difference is the totalling; the limit is reading the rows alone. The totals must agree
    to the last decimal.
    Dot-sourced by Invoke-Benchmarks.ps1 (Measure-Child comes from there); runs alone too:
    ./Measure-CostTotalsBenchmark.ps1 -ModulePath out/AzBillingInsights/<version>
#>
param([Parameter(Mandatory)] [string] $ModulePath, [int] $ResourceCount = 9000)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/Measurement.ps1"

$costEmulator = Start-CostDetailsEmulator $ModulePath $ResourceCount
$process = $costEmulator.Process
try {
    $common = $costEmulator.Common
    $month = $costEmulator.Month
    $workloads = "$PSScriptRoot/Workloads"
    $null = Measure-Child "$workloads/CostTotals.Module.ps1" ($common + $month) # the emulator builds the report once
    $ours = Measure-ChildMedian "$workloads/CostTotals.Module.ps1" ($common + $month)
    $idiomatic = Measure-Child "$workloads/CostTotals.Idiomatic.ps1" ($common + $month)
    $readOnly = Measure-Child "$workloads/CostDetail.Module.ps1" ($common + $month)
    if (-not $ours.Result.Groups) { throw 'Measure-AzEstimatedCost totalled no Cost Details rows: the workload failed.' }
    if ([decimal] $ours.Result.Total -ne [decimal] $idiomatic.Result.Total -or $ours.Result.Groups -ne $idiomatic.Result.Groups) {
        throw "The totals disagree: $($ours.Result.Total) in $($ours.Result.Groups) groups against $($idiomatic.Result.Total) in $($idiomatic.Result.Groups)."
    }
    [pscustomobject]@{
        Workload = "Cost details totalled by ResourceGroup,Day ($($ours.Result.Rows) rows, $($ours.Result.Groups) groups)"; Ours = $ours.Result.Seconds; Baseline = $idiomatic.Result.Seconds; Limit = $readOnly.Result.Seconds
        Ratio = [Math]::Round($idiomatic.Result.Seconds / $ours.Result.Seconds, 1); Unit = 's'; PeakMB = $ours.PeakMB
        Note = ("Get-AzCostDetail | Measure-AzEstimatedCost -GroupBy ResourceGroup, Day (median of 3: {0} s, peak {1} MB) against Group-Object and a decimal sum per group (peak {2} MB); totals equal. Limit: reading the rows alone (Get-AzCostDetail | Measure-Object)" -f
            ($ours.Seconds -join ', '), $ours.PeakMB, $idiomatic.PeakMB)
    }
}
finally {
    if (-not $process.HasExited) { $process.Kill() }
}
