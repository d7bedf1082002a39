# Workload: forecast accuracy (not speed) by Get-AzCostForecast -Backtest at days 5, 10, 15, 20 and 25 of each month, on
# the real daily series in the xUnit fixtures (see their README for provenance), on generated stress series (a step
# up, a step down, a ramp that stops, a single spike, a holiday month) and on the emulator's estate.
param($ModulePath, $FixturesPath, $CachePath)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:AZBILLINGINSIGHTS_CACHE_PATH = $CachePath
$cutoffs = 5, 10, 15, 20, 25

function Measure-Accuracy([string] $Name, [string] $Kind, [object[]] $Days) {
    $overall = $Days | Get-AzCostForecast -Backtest -CutoffDay $cutoffs -WarningAction SilentlyContinue | Where-Object CutoffDay -eq 0
    [pscustomobject]@{
        Series = $Name; Kind = $Kind; Forecasts = $overall.Forecasts; Mape = $overall.Mape; RunRateMape = $overall.RunRateMape; PaceMape = $overall.PaceMape
        Coverage80 = $overall.Coverage80; Coverage95 = $overall.Coverage95; Width95 = $overall.Width95; Incoherent = $overall.Incoherent
        Candidates = @($overall.Candidates | ForEach-Object { [pscustomobject]@{ Method = $_.Method; Mape = $_.Mape; Coverage80 = $_.Coverage80; Coverage95 = $_.Coverage95 } })
    }
}

$rows = [System.Collections.Generic.List[object]]::new()
foreach ($file in Get-ChildItem -LiteralPath $FixturesPath -Filter '*.csv' | Sort-Object Name) {
    $days = Import-Csv -LiteralPath $file.FullName | ForEach-Object {
        [pscustomobject]@{ Date = [datetime]::ParseExact($_.date, 'yyyy-MM-dd', [cultureinfo]::InvariantCulture, 'AssumeUniversal,AdjustToUniversal'); Cost = [decimal]::Parse($_.cost, [cultureinfo]::InvariantCulture) }
    }
    $rows.Add((Measure-Accuracy $file.BaseName 'real' $days))
}

$start = [datetime]::new(2024, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
$shapes = [ordered]@{
    'step-up'         = { param($i) if ($i -lt 500) { 100 } else { 160 } }
    'step-down'       = { param($i) if ($i -lt 500) { 100 } else { 55 } }
    'ramp-that-stops' = { param($i) if ($i -lt 420) { 100 } elseif ($i -lt 520) { 100 + (($i - 420) * 1.2) } else { 220 } }
    'single-spike'    = { param($i) if ($i -eq 510) { 900 } else { 100 } }
    'holiday-month'   = { param($i) if ($start.AddDays($i).Month -eq 12) { 45 } else { 100 } }
}
$seed = 0
foreach ($shape in $shapes.GetEnumerator()) {
    $random = [Random]::new(++$seed)
    $days = foreach ($i in 0..730) {
        $date = $start.AddDays($i)
        $weekly = if ($date.DayOfWeek -in 'Saturday', 'Sunday') { 60 / 90 } else { 100 / 90 }
        $gaussian = [Math]::Sqrt(-2 * [Math]::Log(1 - $random.NextDouble())) * [Math]::Cos(2 * [Math]::PI * $random.NextDouble())
        [pscustomobject]@{ Date = $date; Cost = [decimal] [Math]::Max(0, (& $shape.Value $i) * $weekly * (1 + 0.08 * $gaussian)) }
    }
    $rows.Add((Measure-Accuracy $shape.Key 'stress' $days))
}

$emulator = Start-AzBillingEmulator -ResourceCount 20 -Seed 7
try {
    $env:IDENTITY_ENDPOINT = $emulator.IdentityEndpoint; $env:IDENTITY_HEADER = $emulator.IdentityHeader
    Connect-AzBillingInsights -Identity -ArmEndpoint $emulator.Endpoint -SubscriptionId $emulator.SubscriptionIds[0] | Out-Null
    $thisMonth = [datetime]::new([datetime]::UtcNow.Year, [datetime]::UtcNow.Month, 1, 0, 0, 0, [DateTimeKind]::Utc)
    $days = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $thisMonth.AddMonths(-13) -To $thisMonth -GroupBy Day
    $rows.Add((Measure-Accuracy 'emulator-estate' 'emulator' $days))
}
finally {
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}

<# Pools series by their forecast counts: MAPE and coverage are means over forecasts. #>
function Join-Accuracy([string] $Name, [object[]] $Series) {
    $n = ($Series | Measure-Object Forecasts -Sum).Sum
    $mean = { param($property) ($Series | ForEach-Object { $_.$property * $_.Forecasts } | Measure-Object -Sum).Sum / $n }
    [pscustomobject]@{
        Series = $Name; Kind = 'pooled'; Forecasts = $n; Mape = & $mean 'Mape'; RunRateMape = & $mean 'RunRateMape'; PaceMape = & $mean 'PaceMape'
        Coverage80 = & $mean 'Coverage80'; Coverage95 = & $mean 'Coverage95'; Width95 = & $mean 'Width95'; Incoherent = ($Series | Measure-Object Incoherent -Sum).Sum
    }
}

$rows.Add((Join-Accuracy 'all real' @($rows | Where-Object Kind -eq 'real')))
$rows.Add((Join-Accuracy 'all stress' @($rows | Where-Object Kind -eq 'stress')))
@{ Series = $rows } | ConvertTo-Json -Compress -Depth 5
