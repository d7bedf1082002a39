# Workload: Export-AzCostReport reading, pricing and rendering a subscription's hourly usage; the cmdlet's verbose line gives the render time.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End, $CachePath, $OutPath)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:AZBILLINGINSIGHTS_CACHE_PATH = $CachePath
$env:IDENTITY_ENDPOINT = $IdentityEndpoint; $env:IDENTITY_HEADER = $IdentityHeader
Connect-AzBillingInsights -Identity -ArmEndpoint $Endpoint -SubscriptionId $SubscriptionId | Out-Null
$path = Join-Path $OutPath 'bench-report.html'
$clock = [Diagnostics.Stopwatch]::StartNew()
$verbose = Export-AzCostReport -SubscriptionId $SubscriptionId -From $Start.ToUniversalTime() -To $End.ToUniversalTime() -Granularity Hourly -Tag CostCenter -Path $path -Verbose 4>&1
$seconds = $clock.Elapsed.TotalSeconds
$line = @($verbose).Message -match 'Priced ([0-9,.]+) rows into the report in ([0-9,.]+) ms and rendered it in ([0-9,.]+) ms' | Select-Object -First 1
if (-not $line -or $line -notmatch 'Priced ([0-9,.]+) rows into the report in ([0-9,.]+) ms and rendered it in ([0-9,.]+) ms \(([0-9,.]+) bytes\)') { throw "No timing line in: $($verbose.Message)" }
$number = { param($text) [double]($text -replace '[^0-9]', '') }
@{ Seconds = $seconds; Rows = & $number $Matches[1]; BuildMs = & $number $Matches[2]; RenderMs = & $number $Matches[3]; Bytes = & $number $Matches[4] } | ConvertTo-Json -Compress
