# Workload: Get-AzCostDetail | Measure-Object over a month of an EA subscription, as a user runs it.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:IDENTITY_ENDPOINT = $IdentityEndpoint; $env:IDENTITY_HEADER = $IdentityHeader
Connect-AzBillingInsights -Identity -ArmEndpoint $Endpoint -SubscriptionId $SubscriptionId | Out-Null
$clock = [Diagnostics.Stopwatch]::StartNew()
$rows = (Get-AzCostDetail -Scope $SubscriptionId -From $Start -To $End | Measure-Object).Count
@{ Seconds = $clock.Elapsed.TotalSeconds; Rows = $rows } | ConvertTo-Json -Compress
