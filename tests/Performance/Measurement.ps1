# Measure-Child, Measure-ChildMedian, Get-Median and Start-CostDetailsEmulator for the benchmark scripts, dot-sourced.
# A script run alone gets the pwsh command here; one dot-sourced by Invoke-Benchmarks.ps1 already has it.
if (-not (Get-Variable pwsh -ValueOnly -ErrorAction SilentlyContinue)) {
    Import-Module "$PSScriptRoot/../../.build/BuildTools.psm1"
    $pwsh = Get-PwshCommand
}

<# Runs a script in a fresh pwsh; returns its JSON result plus the child's wall time and peak working set. #>
function Measure-Child([string] $Command, [hashtable] $Arguments = @{}) {
    $argumentList = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive')
    if (Test-Path -LiteralPath $Command) {
        $argumentList += @('-File', $Command)
        foreach ($entry in $Arguments.GetEnumerator()) { $argumentList += @("-$($entry.Key)", [string] $entry.Value) }
    }
    else { $argumentList += @('-Command', $Command) }
    $start = [Diagnostics.ProcessStartInfo]::new($pwsh[0])
    $argumentList | ForEach-Object { $start.ArgumentList.Add($_) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $process = [Diagnostics.Process]::Start($start)
    $peak = 0L
    while (-not $process.WaitForExit(50)) {
        try { $process.Refresh(); $peak = [Math]::Max($peak, $process.WorkingSet64) } catch { }
    }
    $output = $process.StandardOutput.ReadToEnd()
    if ($process.ExitCode -ne 0) { throw "Workload '$Command' failed with exit code $($process.ExitCode): $output" }
    $result = ($output -split "`n" | Where-Object { $_ -match '^\{' } | Select-Object -Last 1)
    [pscustomobject]@{
        Wall   = $clock.Elapsed.TotalSeconds
        PeakMB = [Math]::Round($peak / 1MB, 1)
        Result = if ($result) { $result | ConvertFrom-Json } else { $null }
    }
}

function Get-Median([double[]] $Values) { ($Values | Sort-Object)[[int][Math]::Floor($Values.Count / 2)] }

<#
Runs a timed workload several times, each in a fresh pwsh; returns the run of median time (its Result and Wall),
with the highest peak working set of all runs and every run's seconds. One run of a fresh process is noisy on a
2-core machine that also runs the emulator.
#>
function Measure-ChildMedian([string] $Command, [hashtable] $Arguments, [int] $Runs = 3) {
    Get-MedianRun @(1..$Runs | ForEach-Object { Measure-Child $Command $Arguments })
}

<# Measure-ChildMedian for two workloads run in turn (A, B, A, B, ...), so neither side gets the machine's quieter moments. #>
function Measure-ChildMediansInTurn([string] $First, [string] $Second, [hashtable] $Arguments, [int] $Runs = 3) {
    $pairs = @(1..$Runs | ForEach-Object { , @((Measure-Child $First $Arguments), (Measure-Child $Second $Arguments)) })
    (Get-MedianRun @($pairs | ForEach-Object { $_[0] })), (Get-MedianRun @($pairs | ForEach-Object { $_[1] }))
}

function Get-MedianRun([object[]] $Runs) {
    $median = ($Runs | Sort-Object { $_.Result.Seconds })[[int][Math]::Floor($Runs.Count / 2)]
    [pscustomobject]@{
        Result  = $median.Result
        Wall    = $median.Wall
        PeakMB  = ($Runs.PeakMB | Measure-Object -Maximum).Maximum
        Seconds = @($Runs | ForEach-Object { [Math]::Round($_.Result.Seconds, 2) })
    }
}

<#
Starts an emulator for the Cost Details workloads: reports ready at once and no per-scope limit in the way. Returns
the process (to kill when done) and, for the workloads, the module path, the endpoints, the EA subscription (the
third) and last month's dates.
#>
function Start-CostDetailsEmulator([string] $ModulePath, [int] $ResourceCount) {
    $ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath # the workloads run in child processes
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    @((Join-Path $ModulePath 'emulator/AzBillingInsights.Emulator.dll'), '--port', '0', '--resource-count', "$ResourceCount", '--cost-details-build-seconds', '0',
        '--cost-details-limits', '1000/60', '--read-budget', '1000000', '--parent-pid', "$PID") | ForEach-Object { $start.ArgumentList.Add($_) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $ready = $process.StandardOutput.ReadLine().Substring('AZBILLING_EMULATOR_READY '.Length) | ConvertFrom-Json
    $thisMonth = [datetime]::new([datetime]::UtcNow.Year, [datetime]::UtcNow.Month, 1, 0, 0, 0, [DateTimeKind]::Utc)
    [pscustomobject]@{
        Process   = $process
        ThisMonth = $thisMonth
        Common    = @{ ModulePath = $ModulePath; Endpoint = $ready.endpoint; IdentityEndpoint = $ready.identityEndpoint; IdentityHeader = $ready.identityHeader; SubscriptionId = $ready.subscriptionIds[2] }
        Month     = @{ Start = $thisMonth.AddMonths(-1).ToString('yyyy-MM-dd'); End = $thisMonth.AddDays(-1).ToString('yyyy-MM-dd') }
    }
}
