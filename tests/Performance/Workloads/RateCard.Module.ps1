# Workload: Get-AzRateCard as a user runs it. Cold: an empty disk cache, the card downloaded, parsed and piped
# into Measure-Object. Warm: the same card again from the process's memory, timed over several calls.
# Disk: a new process whose disk cache holds the card (left by an earlier Cold run): the card read back from disk.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [ValidateSet('Cold', 'Warm', 'Disk')] $Mode, $CachePath)
$env:AZBILLINGINSIGHTS_CACHE_PATH = $CachePath
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:IDENTITY_ENDPOINT = $IdentityEndpoint; $env:IDENTITY_HEADER = $IdentityHeader
Connect-AzBillingInsights -Identity -ArmEndpoint $Endpoint -SubscriptionId $SubscriptionId | Out-Null
if ($Mode -eq 'Disk') {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $meters = (Get-AzRateCard -MeterId 'none' | Measure-Object).Count + (Get-AzRateCardCache -Location Memory | Measure-Object -Property MeterCount -Sum).Sum
    @{ Seconds = $clock.Elapsed.TotalSeconds; Meters = $meters } | ConvertTo-Json -Compress; return
}
Clear-AzRateCardCache
$clock = [Diagnostics.Stopwatch]::StartNew()
$meters = (Get-AzRateCard | Measure-Object).Count
$cold = $clock.Elapsed.TotalSeconds
if ($Mode -eq 'Cold') { @{ Seconds = $cold; Meters = $meters } | ConvertTo-Json -Compress; return }

$meterId = (Get-AzRateCard -MeterCategory 'Storage' | Select-Object -First 1).MeterId
function Measure-Median([scriptblock] $Call, [int] $Runs) {
    $times = foreach ($run in 1..$Runs) { $clock.Restart(); & $Call | Out-Null; $clock.Elapsed.TotalMilliseconds }
    ($times | Sort-Object)[[int][Math]::Floor($Runs / 2)]
}
$null = Measure-Median { Get-AzRateCard -MeterId $meterId } 5 # JIT and first-call costs out of the way
@{
    LookupMs = Measure-Median { Get-AzRateCard -MeterId $meterId } 21
    FullMs   = Measure-Median { (Get-AzRateCard | Measure-Object).Count } 7
    Meters   = $meters
} | ConvertTo-Json -Compress
