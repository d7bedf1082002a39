<#
.SYNOPSIS
    The Cost Details workload (issue 18): a month of an EA subscription's cost rows (about 300,000 over two blobs)
    read by Get-AzCostDetail against POST + poll + Invoke-RestMethod | ConvertFrom-Csv; one week beside it for memory; and,
    as the limits, a no-op cmdlet writing as many objects into Measure-Object (what PowerShell alone costs per object)
    and the same exchange with the blobs' bytes drained unparsed (what the transfer costs, the emulator's sending included).
    Dot-sourced by Invoke-Benchmarks.ps1 (Measure-Child comes from there); runs alone too:
    ./Measure-CostDetailBenchmark.ps1 -ModulePath out/AzBillingInsights/<version>
#>
param([Parameter(Mandatory)] [string] $ModulePath, [int] $ResourceCount = 27000)
$ErrorActionPreference = 'Stop'
. "$PSScriptRoot/Measurement.ps1"

$costEmulator = Start-CostDetailsEmulator $ModulePath $ResourceCount
$process = $costEmulator.Process
try {
    $thisMonth = $costEmulator.ThisMonth
    $common = $costEmulator.Common
    $month = $costEmulator.Month
    $week = @{ Start = $month.Start; End = $thisMonth.AddMonths(-1).AddDays(6).ToString('yyyy-MM-dd') }
    $workloads = "$PSScriptRoot/Workloads"
    # The emulator builds each distinct report once: pay that here, so neither side is timed with it.
    $null = Measure-Child "$workloads/CostDetail.Module.ps1" ($common + $month)
    $null = Measure-Child "$workloads/CostDetail.Module.ps1" ($common + $week)
    # Both sides are medians of three fresh processes, taking turns: one run of either is noisy on a shared 2-core
    # machine, and the emulator's own work after building the report would otherwise fall on one side.
    $ours, $idiomatic = Measure-ChildMediansInTurn "$workloads/CostDetail.Module.ps1" "$workloads/CostDetail.Idiomatic.ps1" ($common + $month)
    $ourWeek = Measure-Child "$workloads/CostDetail.Module.ps1" ($common + $week)
    $rows = $ours.Result.Rows
    $floor = Measure-ChildMedian "$workloads/CostDetail.PipelineFloor.ps1" @{ Rows = $rows }
    $transfer = Measure-ChildMedian "$workloads/CostDetail.Idiomatic.ps1" ($common + $month + @{ Read = 'Bytes' })
    [pscustomobject]@{
        Workload = "Cost details, a month of an EA subscription ($rows rows, 2 blobs)"; Ours = $ours.Result.Seconds; Baseline = $idiomatic.Result.Seconds; Limit = $floor.Result.Seconds
        Ratio = [Math]::Round($idiomatic.Result.Seconds / $ours.Result.Seconds, 1); Unit = 's (target: 10x)'; PeakMB = $ours.PeakMB
        Note = ("{0:N0} rows/s by Get-AzCostDetail | Measure-Object (median of 3: {1} s), {2:N0} rows/s by POST, poll, Invoke-RestMethod | ConvertFrom-Csv ({3} rows; median of 3: {4} s); " +
            "limit: a no-op cmdlet writing as many objects into Measure-Object takes {5} s (median of 3: {6} s), so no cmdlet writing one object a row can beat {7:N1}x here; " +
            "transfer alone (POST, poll, blobs drained unparsed, {12:N0} MB): {13} s (median of 3: {14} s); " +
            "peak MB ours {8} for the month, {9} for one week ({10} rows), idiomatic {11}") -f
            ($rows / $ours.Result.Seconds), ($ours.Seconds -join ', '), ($idiomatic.Result.Rows / $idiomatic.Result.Seconds), $idiomatic.Result.Rows, ($idiomatic.Seconds -join ', '),
            [Math]::Round($floor.Result.Seconds, 2), ($floor.Seconds -join ', '), ($idiomatic.Result.Seconds / $floor.Result.Seconds),
            $ours.PeakMB, $ourWeek.PeakMB, $ourWeek.Result.Rows, $idiomatic.PeakMB,
            ($transfer.Result.Bytes / 1MB), [Math]::Round($transfer.Result.Seconds, 2), ($transfer.Seconds -join ', ')
    }
}
finally {
    if (-not $process.HasExited) { $process.Kill() }
}
