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
if (-not (Get-Command Measure-Child -ErrorAction SilentlyContinue)) {
    Import-Module "$PSScriptRoot/../../.build/BuildTools.psm1"
    $pwsh = Get-PwshCommand
    . "$PSScriptRoot/Measurement.ps1"
}

# Reports ready at once and no per-scope limit in the way; subscription 3 is the EA one.
$start = [Diagnostics.ProcessStartInfo]::new('dotnet')
@((Join-Path $ModulePath 'emulator/AzBillingInsights.Emulator.dll'), '--port', '0', '--resource-count', "$ResourceCount", '--cost-details-build-seconds', '0',
    '--cost-details-limits', '1000/60', '--read-budget', '1000000', '--parent-pid', "$PID") | ForEach-Object { $start.ArgumentList.Add($_) }
$start.RedirectStandardOutput = $true
$start.UseShellExecute = $false
$process = [Diagnostics.Process]::Start($start)
try {
    $ready = $process.StandardOutput.ReadLine().Substring('AZBILLING_EMULATOR_READY '.Length) | ConvertFrom-Json
    $thisMonth = [datetime]::new([datetime]::UtcNow.Year, [datetime]::UtcNow.Month, 1, 0, 0, 0, [DateTimeKind]::Utc)
    $common = @{ ModulePath = $ModulePath; Endpoint = $ready.endpoint; IdentityEndpoint = $ready.identityEndpoint; IdentityHeader = $ready.identityHeader; SubscriptionId = $ready.subscriptionIds[2] }
    $month = @{ Start = $thisMonth.AddMonths(-1).ToString('yyyy-MM-dd'); End = $thisMonth.AddDays(-1).ToString('yyyy-MM-dd') }
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
