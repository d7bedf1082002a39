# Workload: Measure-AzEstimatedCost reading and pricing a subscription's hourly usage, grouped by resource group and day,
# with the rate card (the default) or with Retail Prices (from the same emulator).
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End, $CachePath, [string] $PriceSource = 'RateCard')
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:AZBILLINGINSIGHTS_CACHE_PATH = $CachePath
$env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $Endpoint
$env:IDENTITY_ENDPOINT = $IdentityEndpoint; $env:IDENTITY_HEADER = $IdentityHeader
Connect-AzBillingInsights -Identity -ArmEndpoint $Endpoint -SubscriptionId $SubscriptionId | Out-Null
# -PriceSource only when asked for, so a build from before it existed (Compare-Builds.ps1) runs this too.
$source = if ($PriceSource -ne 'RateCard') { @{ PriceSource = $PriceSource } } else { @{} }
$clock = [Diagnostics.Stopwatch]::StartNew()
$groups = Measure-AzEstimatedCost -SubscriptionId $SubscriptionId -From $Start.ToUniversalTime() -To $End.ToUniversalTime() -Granularity Hourly -GroupBy ResourceGroup, Day @source -WarningAction SilentlyContinue
$rows = 0L; foreach ($group in $groups) { $rows += $group.RowCount }
@{ Seconds = $clock.Elapsed.TotalSeconds; Rows = $rows; Groups = @($groups).Count } | ConvertTo-Json -Compress
