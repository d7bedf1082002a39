# Workload: Export-AzCostData reading, pricing and writing subscriptions' usage to Parquet partitions.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, [string] $SubscriptionId, [datetime] $Start, [datetime] $End, $CachePath, $OutPath,
    [string] $Granularity = 'Hourly', [int] $ThrottleLimit = 1)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:AZBILLINGINSIGHTS_CACHE_PATH = $CachePath
$env:IDENTITY_ENDPOINT = $IdentityEndpoint; $env:IDENTITY_HEADER = $IdentityHeader
$subscriptions = $SubscriptionId -split ','
Connect-AzBillingInsights -Identity -ArmEndpoint $Endpoint -SubscriptionId $subscriptions[0] | Out-Null
# The rate card is loaded before the clock starts, as in the pricing workload's warm disk cache.
$null = Get-AzRateCard -SubscriptionId $subscriptions[0] | Select-Object -First 1
Remove-Item -LiteralPath $OutPath -Recurse -Force -ErrorAction SilentlyContinue
$clock = [Diagnostics.Stopwatch]::StartNew()
$partitions = @(Export-AzCostData -Path $OutPath -SubscriptionId $subscriptions -From $Start.ToUniversalTime() -To $End.ToUniversalTime() -Granularity $Granularity -ThrottleLimit $ThrottleLimit -Force)
$seconds = $clock.Elapsed.TotalSeconds
$rows = 0L; foreach ($partition in $partitions) { $rows += $partition.RowCount }
$bytes = (Get-ChildItem -LiteralPath $OutPath -Recurse -Filter '*.parquet' | Measure-Object Length -Sum).Sum
Remove-Item -LiteralPath $OutPath -Recurse -Force -ErrorAction SilentlyContinue
@{ Seconds = $seconds; Rows = $rows; Partitions = $partitions.Count; Bytes = $bytes } | ConvertTo-Json -Compress
