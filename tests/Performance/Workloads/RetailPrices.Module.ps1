# Workload: Get-AzRetailPrice as a user runs it, without sign-in. Cold: the first read in a fresh pwsh, downloaded
# (-Force: past the price cache), every price piped into Measure-Object; the answer is then in the disk cache.
# Disk: the same read in a new process, served from that disk cache. Warm: then one meter's price again and again in
# the same session (the first look-up downloads it, the others are served from memory).
param($ModulePath, $Endpoint, $Filter, [ValidateSet('Cold', 'Disk', 'Warm')] $Mode)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $Endpoint
$clock = [Diagnostics.Stopwatch]::StartNew()
$prices = (Get-AzRetailPrice -Filter $Filter -Force:($Mode -eq 'Cold') | Measure-Object).Count
$first = $clock.Elapsed.TotalSeconds
if ($Mode -ne 'Warm') { @{ Seconds = $first; Prices = $prices } | ConvertTo-Json -Compress; return }

$meterId = (Get-AzRetailPrice -Filter $Filter | Select-Object -First 1).MeterId
function Measure-Median([scriptblock] $Call, [int] $Runs) {
    $times = foreach ($run in 1..$Runs) { $clock.Restart(); & $Call | Out-Null; $clock.Elapsed.TotalMilliseconds }
    ($times | Sort-Object)[[int][Math]::Floor($Runs / 2)]
}
$null = Measure-Median { Get-AzRetailPrice -MeterId $meterId } 5 # JIT, first-call costs and the one download out of the way
@{ LookupMs = Measure-Median { Get-AzRetailPrice -MeterId $meterId } 21; Prices = $prices } | ConvertTo-Json -Compress
