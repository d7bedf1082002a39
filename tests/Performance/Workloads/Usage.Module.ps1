# Workload: Get-AzUsageAggregate | Measure-Object over the window, as a user runs it.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:IDENTITY_ENDPOINT = $IdentityEndpoint; $env:IDENTITY_HEADER = $IdentityHeader
Connect-AzBillingInsights -Identity -ArmEndpoint $Endpoint -SubscriptionId $SubscriptionId | Out-Null
$clock = [Diagnostics.Stopwatch]::StartNew()
$rows = (Get-AzUsageAggregate -ReportedStartTime $Start.ToUniversalTime() -ReportedEndTime $End.ToUniversalTime() -Granularity Hourly | Measure-Object).Count
@{ Seconds = $clock.Elapsed.TotalSeconds; Rows = $rows } | ConvertTo-Json -Compress
