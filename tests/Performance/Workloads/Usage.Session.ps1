# Workload: the same read as Usage.Module.ps1, several times in one pwsh, as an admin's session or a runbook that
# reads more than once meets it (the first reads also pay for compiling PowerShell's and the module's code); and the
# raw drain as many times in the same pwsh, so the warm reads are set against a warm drain.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End, [int] $Reads = 5)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:IDENTITY_ENDPOINT = $IdentityEndpoint; $env:IDENTITY_HEADER = $IdentityHeader
Connect-AzBillingInsights -Identity -ArmEndpoint $Endpoint -SubscriptionId $SubscriptionId | Out-Null
$seconds = foreach ($read in 1..$Reads) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $rows = (Get-AzUsageAggregate -ReportedStartTime $Start.ToUniversalTime() -ReportedEndTime $End.ToUniversalTime() -Granularity Hourly | Measure-Object).Count
    $clock.Elapsed.TotalSeconds
}
$drain = @{ Endpoint = $Endpoint; IdentityEndpoint = $IdentityEndpoint; IdentityHeader = $IdentityHeader; SubscriptionId = $SubscriptionId; Start = $Start; End = $End }
$drainSeconds = foreach ($read in 1..$Reads) { (& "$PSScriptRoot/Usage.RawDrain.ps1" @drain | ConvertFrom-Json).Seconds }
@{ Seconds = @($seconds); DrainSeconds = @($drainSeconds); Rows = $rows } | ConvertTo-Json -Compress
