# Workload: Get-AzCostForecast -Backtest over a year of daily cost for each of 100 groups, next to one forecast.
# The series are synthetic (weekly rhythm, trend, noise, each group its own scale), made before the clock starts.
param($ModulePath, [int] $GroupCount = 100)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$random = [Random]::new(7)
$firstDay = [datetime]::new(2025, 11, 1, 0, 0, 0, [DateTimeKind]::Utc)
$groups = foreach ($group in 1..$GroupCount) {
    $scale = 20 + ($random.NextDouble() * 500)
    , @(foreach ($day in 0..364) {
        $date = $firstDay.AddDays($day)
        $weekly = if ($date.DayOfWeek -in 'Saturday', 'Sunday') { 0.6 } else { 1.0 }
        $noise = 1 + (($random.NextDouble() - 0.5) * 0.1)
        [pscustomobject]@{ Date = $date; Cost = [decimal] [Math]::Round($scale * $weekly * (1 + ($day / 1500)) * $noise, 2) }
    })
}

$null = $groups[1] | Get-AzCostForecast # first-call costs out of the way, for both measurements alike
$clock = [Diagnostics.Stopwatch]::new()
$single = foreach ($run in 1..5) { $clock.Restart(); $null = $groups[0] | Get-AzCostForecast; $clock.Elapsed.TotalSeconds }
$clock.Restart()
$backtests = foreach ($series in $groups) { $series | Get-AzCostForecast -Backtest }
$backtestSeconds = $clock.Elapsed.TotalSeconds
$overall = @($backtests | Where-Object CutoffDay -eq 0)
@{
    Seconds         = $backtestSeconds
    ForecastSeconds = ($single | Sort-Object)[2]
    Groups          = $overall.Count
    Forecasts       = ($overall | Measure-Object Forecasts -Sum).Sum
} | ConvertTo-Json -Compress
