<#
.SYNOPSIS
    Before and after: the usage, pricing and rate-card workloads of the Bench run by two staged builds of the module
    against one emulator, the two builds taking turns, so a change is judged against the code it replaces on the
    same machine in the same minutes rather than against figures from another day.
.EXAMPLE
    git worktree add ../before <commit>; ../before/build.ps1 -Task Build
    ./tests/Performance/Compare-Builds.ps1 -BaselineModulePath ../before/out/AzBillingInsights/0.1.0 -ModulePath out/AzBillingInsights/0.1.0
#>
param(
    [Parameter(Mandatory)] [string] $BaselineModulePath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateRange(1, 15)] [int] $Runs = 5,
    [string] $OutFile
)
$ErrorActionPreference = 'Stop'
Import-Module "$PSScriptRoot/../../.build/BuildTools.psm1"
$builds = [ordered]@{ Before = (Resolve-Path $BaselineModulePath).Path; After = (Resolve-Path $ModulePath).Path }
Import-Module (Join-Path $builds.After 'AzBillingInsights.psd1')
$pwsh = Get-PwshCommand
. "$PSScriptRoot/Measurement.ps1"

$workloads = "$PSScriptRoot/Workloads"
$emulator = Start-AzBillingEmulator -ResourceCount 500 -ReadBudget 1000000
try {
    $thisMonth = [datetime]::new([datetime]::UtcNow.Year, [datetime]::UtcNow.Month, 1, 0, 0, 0, [DateTimeKind]::Utc)
    $month = @{ Start = $thisMonth.AddMonths(-1).ToString('o'); End = $thisMonth.ToString('o') }
    $common = @{ Endpoint = $emulator.Endpoint; IdentityEndpoint = $emulator.IdentityEndpoint; IdentityHeader = $emulator.IdentityHeader; SubscriptionId = $emulator.SubscriptionIds[0] }
    $cache = Join-Path ([IO.Path]::GetTempPath()) "azbi-compare-$PID"
    $cases = [ordered]@{
        'Usage, month hourly (s)'                    = @{ Script = 'Usage.Module.ps1'; Arguments = $month; Value = { $_.Seconds } }
        'Pricing, month hourly by ResourceGroup,Day (s)' = @{ Script = 'Pricing.Module.ps1'; Arguments = $month + @{ CachePath = $cache }; Value = { $_.Seconds } }
        'Rate card cold load (s)'                    = @{ Script = 'RateCard.Module.ps1'; Arguments = @{ Mode = 'Cold'; CachePath = $cache }; Value = { $_.Seconds } }
        'Rate card warm call (ms)'                   = @{ Script = 'RateCard.Module.ps1'; Arguments = @{ Mode = 'Warm'; CachePath = $cache }; Value = { $_.LookupMs } }
    }
    # The emulator's first passes warm its own JIT and caches; neither build should pay for them.
    1..3 | ForEach-Object { $null = Measure-Child "$workloads/Usage.RawDrain.ps1" ($common + $month) }

    $rows = foreach ($case in $cases.GetEnumerator()) {
        $values = @{ Before = [Collections.Generic.List[double]]::new(); After = [Collections.Generic.List[double]]::new() }
        foreach ($run in 1..$Runs) {
            foreach ($build in $builds.GetEnumerator()) {
                $arguments = $common + $case.Value.Arguments + @{ ModulePath = $build.Value }
                $result = (Measure-Child "$workloads/$($case.Value.Script)" $arguments).Result
                $values[$build.Key].Add(($result | ForEach-Object $case.Value.Value))
            }
        }
        $before = Get-Median $values.Before
        $after = Get-Median $values.After
        [pscustomobject]@{
            Workload = $case.Key; Before = [Math]::Round($before, 3); After = [Math]::Round($after, 3)
            Change   = '{0:+0.0;-0.0}%' -f (($after / $before - 1) * 100)
            Runs     = 'before {0}; after {1}' -f (($values.Before | ForEach-Object { [Math]::Round($_, 2) }) -join ', '), (($values.After | ForEach-Object { [Math]::Round($_, 2) }) -join ', ')
        }
    }
    $rows | Format-Table Workload, Before, After, Change -AutoSize | Out-Host
    $rows | ForEach-Object { "$($_.Workload): $($_.Runs)" } | Out-Host
    if ($OutFile) { $rows | ConvertTo-Json | Set-Content -LiteralPath $OutFile -Encoding utf8 }
}
finally {
    $emulator | Stop-AzBillingEmulator
}
