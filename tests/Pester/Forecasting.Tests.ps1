BeforeAll {
    . "$PSScriptRoot/Common.ps1"

    <# Synthetic daily cost: weekdays 100, weekends 60, from 2024-01-01 through the given day. #>
    function New-DailyCost([datetime] $Through, [hashtable] $Spikes = @{}) {
        $day = [datetime]::new(2024, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        while ($day -le $Through) {
            $cost = if ($day.DayOfWeek -in 'Saturday', 'Sunday') { 60 } else { 100 }
            if ($Spikes.ContainsKey($day.ToString('yyyy-MM-dd'))) { $cost *= $Spikes[$day.ToString('yyyy-MM-dd')] }
            [pscustomobject]@{ Date = $day; Cost = [decimal] $cost; Currency = 'USD' }
            $day = $day.AddDays(1)
        }
    }
}

Describe 'Get-AzCostForecast' {
    It 'forecasts the month from piped daily cost with its intervals and method' {
        $forecast = New-DailyCost ([datetime] '2024-03-12') | Get-AzCostForecast

        $forecast.PSObject.TypeNames[0] | Should -Be 'AzBillingInsights.CostForecast'
        $forecast.PeriodStart | Should -Be ([datetime] '2024-03-01')
        $forecast.PeriodEnd | Should -Be ([datetime] '2024-03-31')
        $forecast.ActualToDate | Should -Be 1040
        [double] $forecast.Forecast | Should -BeGreaterThan 2690
        [double] $forecast.Forecast | Should -BeLessThan 2710
        $forecast.Lower95 | Should -BeLessOrEqual $forecast.Forecast
        $forecast.Upper95 | Should -BeGreaterOrEqual $forecast.Forecast
        $forecast.Currency | Should -Be 'USD'
        $forecast.Method | Should -Be 'SeasonalTrend'
        $forecast.MethodReason | Should -Match 'lowest error on this series'
        $forecast.DailyPath | Should -HaveCount 31
    }

    It 'says the history is short and warns with a single day' {
        $forecast = New-DailyCost ([datetime] '2024-01-01') | Get-AzCostForecast -WarningVariable warnings -WarningAction SilentlyContinue

        $forecast.Method | Should -Be 'TrailingPace'
        $forecast.IntervalSource | Should -Be 'GrowthPrior'
        $forecast.IsHistoryShort | Should -BeTrue
        $warnings | Should -Match 'under 28'
    }

    It 'reports MAPE and coverage by cut-off day with -Backtest, beside the run-rate, the 7-day pace and each candidate' {
        $rows = New-DailyCost ([datetime] '2024-06-30') | Get-AzCostForecast -Backtest -CutoffDay 10, 20

        $rows | Should -HaveCount 3
        $rows[0].PSObject.TypeNames[0] | Should -Be 'AzBillingInsights.CostForecastBacktest'
        $rows.CutoffDay | Should -Be @(10, 20, 0)
        $rows.Method | Should -Be @('Chosen', 'Chosen', 'Chosen')
        $rows[0].RunRateMape | Should -Not -BeNullOrEmpty
        $rows[0].PaceMape | Should -Not -BeNullOrEmpty
        $rows[0].Mape | Should -BeLessThan $rows[0].RunRateMape
        $rows[2].Incoherent | Should -Be 0
        $rows[2].Candidates.Method | Should -Be @('TrailingPace', 'DampedWeeklyTrend', 'SeasonalTrend')
        $rows[2].Candidates | ForEach-Object { $_.Coverage80 | Should -Not -BeNullOrEmpty; $_.Forecasts | Should -Be $rows[2].Forecasts }
    }

    It 'leaves out rows without a cost (unrated meters) with one warning that counts them' {
        $rows = @(New-DailyCost ([datetime] '2024-03-12'))
        $unrated = 1..3 | ForEach-Object { [pscustomobject]@{ Date = [datetime] ('2024-03-0{0}' -f $_); Cost = $null; Currency = 'USD'; Unrated = $true } }

        $forecast = @($rows) + @($unrated) | Get-AzCostForecast -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction Stop
        $alerts = @($rows) + @($unrated) | Get-AzCostAlert -Budget 1500 -WarningVariable alertWarnings -WarningAction SilentlyContinue -ErrorAction Stop
        $anomalies = @($rows) + @($unrated) | Find-AzCostAnomaly -WarningVariable anomalyWarnings -WarningAction SilentlyContinue -ErrorAction Stop

        $forecast.ActualToDate | Should -Be 1040
        @($warnings) | Should -HaveCount 1
        $warnings[0] | Should -Match '^3 row\(s\) without a cost were left out'
        @($alerts).Count | Should -BeGreaterThan 0
        @($alertWarnings) | Should -HaveCount 1
        @($anomalyWarnings) | Should -HaveCount 1
        @($anomalies) | Should -HaveCount 0
    }

    It 'refuses rows in two currencies' {
        $rows = @(New-DailyCost ([datetime] '2024-01-03'))
        $rows[1].Currency = 'EUR'

        { $rows | Get-AzCostForecast -ErrorAction Stop } | Should -Throw -ErrorId 'MixedCurrencies,AzBillingInsights.Commands.GetAzCostForecastCommand'
    }
}

Describe 'Get-AzCostAlert' {
    It 'raises actual and forecast budget alerts with breach dates and severity' {
        $alerts = New-DailyCost ([datetime] '2024-03-10') | Get-AzCostAlert -Budget 1500

        $alerts | Should -HaveCount 3
        $alerts[0].PSObject.TypeNames[0] | Should -Be 'AzBillingInsights.CostAlert'
        $alerts[0].Kind | Should -Be 'Actual'
        $alerts[0].BreachDate | Should -Be ([datetime] '2024-03-09')
        $alerts[2].Kind | Should -Be 'Forecast'
        $alerts[2].Severity | Should -Be 'Critical'
        $alerts[2].Currency | Should -Be 'USD'
        $alerts[2].Message | Should -BeLike '*100% of the budget*'
    }

    It 'raises quantity alerts only for the groups over their limit' {
        $rows = foreach ($row in New-DailyCost ([datetime] '2024-03-10')) {
            [pscustomobject]@{ Date = $row.Date; Quantity = 24; Group = 'Virtual Machines' }
            [pscustomobject]@{ Date = $row.Date; Quantity = 1; Group = 'Bandwidth' }
        }

        $alerts = $rows | Get-AzCostAlert -Limit @{ 'Virtual Machines' = 200; 'Bandwidth' = 500 } -Threshold 100

        $alerts | Should -HaveCount 1
        $alerts.Scope | Should -Be 'Virtual Machines'
        $alerts.Measure | Should -Be 'Quantity'
    }
}

Describe 'Find-AzCostAnomaly' {
    It 'finds an injected spike and no Monday from the weekly rhythm' {
        $anomalies = New-DailyCost ([datetime] '2024-06-30') @{ '2024-04-10' = 4 } | Find-AzCostAnomaly

        $anomalies | Should -HaveCount 1
        $anomalies.PSObject.TypeNames[0] | Should -Be 'AzBillingInsights.CostAnomalyRecord'
        $anomalies.Date | Should -Be ([datetime] '2024-04-10')
        $anomalies.Direction | Should -Be 'Rise'
        $anomalies.Impact | Should -Be 300
    }

    It 'attributes an anomaly of the total to the group that moved' {
        $rows = foreach ($row in New-DailyCost ([datetime] '2024-06-30') @{ '2024-04-10' = 4 }) {
            [pscustomobject]@{ Date = $row.Date; Cost = $row.Cost; Group = 'rg-web' }
            [pscustomobject]@{ Date = $row.Date; Cost = 50; Group = 'rg-data' }
        }

        $anomaly = $rows | Find-AzCostAnomaly -Total

        $anomaly | Should -HaveCount 1
        $anomaly.Contributors[0].Group | Should -Be 'rg-web'
    }
}
