# Workload: Get-AzCostDetail | Measure-Object over a month of an EA subscription, as a user runs it. With -Reads N, the
# same read N times in one pwsh, as a session meets it once PowerShell's and the module's code is compiled.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End, [int] $Reads = 1)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:IDENTITY_ENDPOINT = $IdentityEndpoint; $env:IDENTITY_HEADER = $IdentityHeader
Connect-AzBillingInsights -Identity -ArmEndpoint $Endpoint -SubscriptionId $SubscriptionId | Out-Null
$seconds = foreach ($read in 1..$Reads) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $rows = (Get-AzCostDetail -Scope $SubscriptionId -From $Start -To $End | Measure-Object).Count
    $clock.Elapsed.TotalSeconds
}
# Seconds is the first read, in a fresh process; Reads has every read.
@{ Seconds = @($seconds)[0]; Reads = @($seconds); Rows = $rows } | ConvertTo-Json -Compress
