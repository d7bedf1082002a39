<#
.SYNOPSIS
    The Cost Details workload (issue 18): a month of an EA subscription's cost rows (about 300,000 over two blobs)
    read by Get-AzCostDetail against POST + poll + Invoke-RestMethod | ConvertFrom-Csv; one week beside it for memory; and,
    as the limits, a no-op cmdlet writing as many objects into Measure-Object (what PowerShell alone costs per object)
    and the same exchange with the blobs' bytes drained unparsed (what the transfer costs, the emulator's sending included).
    A second row has both sides read again and again in one pwsh, as a session meets them once PowerShell's code is
    compiled: in a fresh process, most of a month's read goes to compiling PowerShell's per-object code.
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
    # Both sides are medians of five fresh processes, taking turns: one run of either varies by a third on a shared
    # 2-core machine, and the emulator's own work after building the report would otherwise fall on one side.
    $ours, $idiomatic = Measure-ChildMediansInTurn "$workloads/CostDetail.Module.ps1" "$workloads/CostDetail.Idiomatic.ps1" ($common + $month) -Runs 5
    $ourWeek = Measure-Child "$workloads/CostDetail.Module.ps1" ($common + $week)
    $rows = $ours.Result.Rows
    $floor = Measure-ChildMedian "$workloads/CostDetail.PipelineFloor.ps1" @{ Rows = $rows }
    $transfer = Measure-ChildMedian "$workloads/CostDetail.Idiomatic.ps1" ($common + $month + @{ Read = 'Bytes' })
    # In a session: reads 2 and on of one pwsh each (the first compiles the code both sides run).
    $ourSession = Measure-Child "$workloads/CostDetail.Module.ps1" ($common + $month + @{ Reads = 5 })
    $idiomaticSession = Measure-Child "$workloads/CostDetail.Idiomatic.ps1" ($common + $month + @{ Reads = 3 })
    $ourWarm = Get-Median @($ourSession.Result.Reads | Select-Object -Skip 1)
    $idiomaticWarm = Get-Median @($idiomaticSession.Result.Reads | Select-Object -Skip 1)
    [pscustomobject]@{
        Workload = "Cost details, a month of an EA subscription ($rows rows, 2 blobs)"; Ours = $ours.Result.Seconds; Baseline = $idiomatic.Result.Seconds; Limit = $floor.Result.Seconds
        Ratio = [Math]::Round($idiomatic.Result.Seconds / $ours.Result.Seconds, 1); Unit = 's (target: 10x)'; PeakMB = $ours.PeakMB
        Note = ("{0:N0} rows/s by Get-AzCostDetail | Measure-Object in a fresh pwsh (median of 5: {1} s), {2:N0} rows/s by POST, poll, Invoke-RestMethod | ConvertFrom-Csv ({3} rows; median of 5: {4} s); " +
            "limit: a no-op cmdlet writing as many objects into Measure-Object takes {5} s (median of 3: {6} s), so no cmdlet writing one object a row can beat {7:N1}x here; " +
            "transfer alone (POST, poll, blobs drained unparsed, {12:N0} MB): {13} s (median of 3: {14} s); " +
            "peak MB ours {8} for the month, {9} for one week ({10} rows), idiomatic {11}") -f
            ($rows / $ours.Result.Seconds), ($ours.Seconds -join ', '), ($idiomatic.Result.Rows / $idiomatic.Result.Seconds), $idiomatic.Result.Rows, ($idiomatic.Seconds -join ', '),
            [Math]::Round($floor.Result.Seconds, 2), ($floor.Seconds -join ', '), ($idiomatic.Result.Seconds / $floor.Result.Seconds),
            $ours.PeakMB, $ourWeek.PeakMB, $ourWeek.Result.Rows, $idiomatic.PeakMB,
            ($transfer.Result.Bytes / 1MB), [Math]::Round($transfer.Result.Seconds, 2), ($transfer.Seconds -join ', ')
    }
    [pscustomobject]@{
        Workload = "Cost details, the same month in a session (reads 2 and on of one pwsh)"; Ours = $ourWarm; Baseline = $idiomaticWarm; Limit = $null
        Ratio = [Math]::Round($idiomaticWarm / $ourWarm, 1); Unit = 's (target: 10x)'; PeakMB = $ourSession.PeakMB
        Note = ("{0:N0} rows/s by Get-AzCostDetail | Measure-Object, {1:N0} by POST, poll, Invoke-RestMethod | ConvertFrom-Csv (medians of reads 2 and on); " +
            "our reads took {2} s, the idiomatic script's {3} s, each in one pwsh; peak MB ours {4}, idiomatic {5}") -f
            ($rows / $ourWarm), ($idiomaticSession.Result.Rows / $idiomaticWarm),
            (($ourSession.Result.Reads | ForEach-Object { [Math]::Round($_, 2) }) -join ', '), (($idiomaticSession.Result.Reads | ForEach-Object { [Math]::Round($_, 2) }) -join ', '),
            $ourSession.PeakMB, $idiomaticSession.PeakMB
    }
}
finally {
    if (-not $process.HasExited) { $process.Kill() }
}
