# Workload: Get-AzRetailPrice as a user runs it, without sign-in. Cold: the first read in a fresh pwsh, every price
# piped into Measure-Object. Warm: then one meter's price again and again in the same session.
param($ModulePath, $Endpoint, $Filter, [ValidateSet('Cold', 'Warm')] $Mode)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $Endpoint
$clock = [Diagnostics.Stopwatch]::StartNew()
$prices = (Get-AzRetailPrice -Filter $Filter | Measure-Object).Count
$cold = $clock.Elapsed.TotalSeconds
if ($Mode -eq 'Cold') { @{ Seconds = $cold; Prices = $prices } | ConvertTo-Json -Compress; return }

$meterId = (Get-AzRetailPrice -Filter $Filter | Select-Object -First 1).MeterId
function Measure-Median([scriptblock] $Call, [int] $Runs) {
    $times = foreach ($run in 1..$Runs) { $clock.Restart(); & $Call | Out-Null; $clock.Elapsed.TotalMilliseconds }
    ($times | Sort-Object)[[int][Math]::Floor($Runs / 2)]
}
$null = Measure-Median { Get-AzRetailPrice -MeterId $meterId } 5 # JIT and first-call costs out of the way
@{ LookupMs = Measure-Median { Get-AzRetailPrice -MeterId $meterId } 21; Prices = $prices } | ConvertTo-Json -Compress
