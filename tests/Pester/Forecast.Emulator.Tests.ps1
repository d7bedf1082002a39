# Forecast and anomaly accuracy on the emulator's estate, which has weekly rhythm, a trend and planted anomalies.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $env:IDENTITY_ENDPOINT = $emulator.IdentityEndpoint
    $env:IDENTITY_HEADER = $emulator.IdentityHeader
    Connect-AzBillingInsights -Identity -ArmEndpoint $emulator.Endpoint -SubscriptionId $emulator.SubscriptionIds[0] | Out-Null
    # The month of the pinned now: the estate's thirteen complete months end where it starts.
    $today = Get-TestToday
    $thisMonth = $today.AddDays(1 - $today.Day)
    $anomalies = @(Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/anomalies") | ForEach-Object { $_ }
}

AfterAll {
    Disconnect-AzBillingInsights
    Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER -ErrorAction SilentlyContinue
    $emulator | Stop-AzBillingEmulator
}

Describe 'Get-AzCostForecast on a year of emulated spend' {
    BeforeAll {
        # The emulator holds thirteen complete months.
        $days = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $thisMonth.AddMonths(-13) -To $thisMonth -GroupBy Day
        $backtest = $days | Get-AzCostForecast -Backtest
    }

    It 'beats the run-rate forecast at day 10 of each month' {
        $day10 = $backtest | Where-Object CutoffDay -eq 10
        $day10.Mape | Should -BeLessThan $day10.RunRateMape
    }

    It 'covers 70-90% of outcomes with its 80% interval and 85-99% with its 95% interval, and is more accurate than the run-rate over all cut-offs' {
        # Issue 7 asks 70-90 %. Priced spend here has a within-month shape (free included quantities first, cheaper
        # tiers last) and almost no day-to-day noise, so the error quantiles alone held 63 % (95 %: 78 %); calibrated on
        # the finished months (split conformal) they hold about 76 % and 88 %. The first month has no past to learn from
        # and the last one an incident, so 95 % coverage over these thirteen months stays a little below nominal.
        $overall = $backtest | Where-Object CutoffDay -eq 0 # all cut-off days
        $overall.Coverage80 | Should -BeGreaterOrEqual 0.7
        $overall.Coverage80 | Should -BeLessOrEqual 0.9
        $overall.Coverage95 | Should -BeGreaterOrEqual 0.85
        $overall.Coverage95 | Should -BeLessOrEqual 0.99
        $overall.Mape | Should -BeLessThan $overall.RunRateMape
    }

    It 'forecasts the current month from the daily costs Measure-AzEstimatedCost emits' {
        $forecast = $days | Where-Object Date -lt $thisMonth.AddDays(-20) | Get-AzCostForecast
        $forecast.Forecast | Should -BeGreaterThan $forecast.ActualToDate
        $forecast.Lower95 | Should -BeLessOrEqual $forecast.Lower80
        $forecast.Upper95 | Should -BeGreaterOrEqual $forecast.Upper80
        $forecast.Currency | Should -Be 'USD'
    }
}

Describe 'Get-AzCostForecast -SubscriptionId' {
    It 'reads and prices the history itself and agrees with the daily cost piped from Measure-AzEstimatedCost' {
        $asOf = $thisMonth.AddDays(-20)
        $own = Get-AzCostForecast -SubscriptionId $emulator.SubscriptionIds[0] -AsOf $asOf -HistoryDays 120
        $piped = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $asOf.AddDays(-119) -To $asOf.AddDays(1) -GroupBy Day | Get-AzCostForecast
        $own.AsOf | Should -Be $asOf
        $own.ActualToDate | Should -Be $piped.ActualToDate
        $own.Forecast | Should -Be $piped.Forecast
        $own.Currency | Should -Be 'USD'
    }
}

Describe 'Find-AzCostAnomaly on the planted incidents' {
    It 'finds the planted usage anomalies (recall >= 0.8) with few false alarms (precision >= 0.8)' {
        $from = $thisMonth.AddDays(-100)
        $to = $today
        # Usage per resource and meter: cost adds pricing's within-month shape, which is no incident.
        $found = foreach ($subscription in $anomalies.subscriptionId | Sort-Object -Unique) {
            Measure-AzEstimatedCost -SubscriptionId $subscription -From $from -To $to -GroupBy Resource, Meter, Day |
                Select-Object @{ n = 'Group'; e = { "$($_.Resource)|$($_.Meter)" } }, Date, Quantity |
                Find-AzCostAnomaly
        }
        $found | ForEach-Object { $_ | Add-Member -NotePropertyName Resource -NotePropertyValue $_.Group.Split('|')[0] }
        $planted = $anomalies | Where-Object { ([datetimeoffset] $_.usageStartTime).UtcDateTime -ge $from }
        $planted.Count | Should -BeGreaterThan 0
        $hits = foreach ($anomaly in $planted) {
            $start = ([datetimeoffset] $anomaly.usageStartTime).UtcDateTime.Date
            $end = ([datetimeoffset] $anomaly.usageEndTime).UtcDateTime
            @($found | Where-Object { $_.Resource -eq $anomaly.resourceUri -and $_.Date -ge $start -and $_.Date -lt $end }).Count -gt 0
        }
        $recall = @($hits | Where-Object { $_ }).Count / $planted.Count
        $recall | Should -BeGreaterOrEqual 0.8
        $matching = @($found | Where-Object {
            $detection = $_
            $planted | Where-Object {
                $detection.Resource -eq $_.resourceUri -and
                $detection.Date -ge ([datetimeoffset] $_.usageStartTime).UtcDateTime.Date -and
                $detection.Date -lt ([datetimeoffset] $_.usageEndTime).UtcDateTime.AddDays(1)
            }
        })
        ($matching.Count / [Math]::Max(1, @($found).Count)) | Should -BeGreaterOrEqual 0.8
        @($found | Where-Object { $_.Date.DayOfWeek -eq 'Monday' -and $_ -notin $matching }) | Should -HaveCount 0
    }
}
