# The format views as people read them: in an 80- and a 120-column console, and with Format-List.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator -ResourceCount 30
    $token = New-EmulatorToken $emulator -Principal 'views@contoso.com' -Roles @{ $emulator.SubscriptionIds[0] = @('Reader') }
    Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $emulator.SubscriptionIds[0] | Out-Null
    $day = (Get-TestToday).AddDays(-3)
    $daily = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $day.AddDays(-60) -To $day -GroupBy Day
    $samples = [ordered]@{
        UsageAggregate    = Get-AzUsageAggregate -StartTime $day -EndTime $day.AddDays(1) | Sort-Object { $_.ResourceName.Length } -Descending | Select-Object -First 3
        RateCardMeter     = Get-AzRateCard | Select-Object -First 3
        RateCardOfferTerm = Get-AzRateCard -OfferDurableId MS-AZR-0059P -OfferTerms
        RateCardCacheItem = Get-AzRateCardCache
        Invoice           = Get-AzInvoice | Select-Object -First 2
        BillingPeriod     = Get-AzBillingInsightsPeriod -First 2
        CostForecast      = $daily | Get-AzCostForecast
        CostAlert         = $daily | Get-AzCostAlert -Budget 2000
        BillingInsightsContext = Get-AzBillingInsightsContext
        CostExportPartition = Export-AzCostData -Path (Join-Path $TestDrive 'export') -From $day.AddDays(-3) -To $day
        RetailPriceItem   = & { $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $emulator.Endpoint; Get-AzRetailPrice -ServiceName 'Virtual Machines' -ArmRegionName eastus | Select-Object -First 5 }
        # A long group name and a one-day jump on a weekly rhythm.
        CostAnomalyRecord = @(foreach ($group in 'vm-payments-prod-eastus-0001/Compute Hours', 'st-logs/Storage') {
            0..59 | ForEach-Object { [pscustomobject]@{ Group = $group; Date = $day.AddDays($_ - 59); Cost = 100 + ($_ % 7) * 3 + $(if ($_ -eq 55) { 900 } else { 0 }) } }
        }) | Find-AzCostAnomaly -From $day.AddDays(-9)
    }
    # The rows as a US-English console shows them; the separators follow the culture.
    [System.Threading.Thread]::CurrentThread.CurrentCulture = 'en-US'
}

AfterAll {
    Disconnect-AzBillingInsights
    Remove-Item Env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT -ErrorAction SilentlyContinue
    $emulator | Stop-AzBillingEmulator
}

Describe 'Format views' {
    It 'fits the <_> table in 80 and 120 columns, every column shown and no header wrapped' -ForEach @(
        'UsageAggregate', 'RateCardMeter', 'RateCardOfferTerm', 'RateCardCacheItem', 'Invoice', 'BillingPeriod', 'CostForecast', 'CostAlert', 'CostAnomalyRecord',
        'CostExportPartition', 'RetailPriceItem'
    ) {
        $objects = $samples[$_]
        $objects | Should -Not -BeNullOrEmpty
        foreach ($width in 80, 120) {
            $lines = ($objects | Format-Table | Out-String -Width $width) -split "`r?`n" | Where-Object { $_.Trim() }
            $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual $width -Because "'$_' must fit $width columns" }
            $lines[1] | Should -Match '^-' -Because "the header of $_ fits on one line at $width columns"
            $headers = $lines[0] -split '\s{1,}' | Where-Object { $_ }
            $dashes = $lines[1] -split '\s+' | Where-Object { $_ }
            $dashes | ForEach-Object { $_ | Should -Match '^-{2,}$' -Because 'no column is squeezed to a sliver' }
            $lines | Select-Object -Skip 2 | ForEach-Object { $_ | Should -Not -Match '^\S*…\S{0,4}$' }
            $headers.Count | Should -BeGreaterThan 2
        }
    }

    It 'shows a forecast of a large bill whole in an 80-column table, never cut' {
        $large = $daily | ForEach-Object { [pscustomobject]@{ Date = $_.Date; Cost = [decimal]$_.Cost * 1000; Currency = $_.Currency } } | Get-AzCostForecast
        $table = $large | Format-Table | Out-String -Width 80
        $table | Should -Not -Match '…'
        $table | Should -Match ('{0:N0}\.\.{1:N0}' -f $large.Lower80, $large.Upper80)
    }

    It 'shows the daily path of a very large bill in an 80-column table without losing a digit' {
        $huge = $daily | ForEach-Object { [pscustomobject]@{ Date = $_.Date; Cost = [decimal]$_.Cost * 10000; Currency = $_.Currency } } | Get-AzCostForecast
        $days = $huge.DailyPath | Format-Table | Out-String -Width 80
        $days | Should -Not -Match '…' -Because 'a cut amount would read as a fraction of itself'
        $last = $huge.DailyPath | Select-Object -Last 1
        $days | Should -Match ([regex]::Escape(('{0:N0}..{1:N0}' -f $last.Lower80, $last.Upper80)))
    }

    It 'shows the alerts of a large bill in an 80-column table without losing a digit' {
        $large = $daily | ForEach-Object { [pscustomobject]@{ Date = $_.Date; Cost = [decimal]$_.Cost * 1000; Currency = $_.Currency } }
        $alerts = @($large | Get-AzCostAlert -Budget 2000000)
        $alerts | Should -Not -BeNullOrEmpty
        $table = $alerts | Format-Table | Out-String -Width 80
        $table | Should -Not -Match '…' -Because 'a cut amount would read as a fraction of itself'
        $table | Should -Match ([regex]::Escape(('{0:N0}' -f $alerts[0].Forecast)))
        $list = $alerts[0] | Format-List | Out-String -Width 80
        $list | Should -Match ('Forecast\s+: ' + [regex]::Escape(('{0:N2} USD' -f $alerts[0].Forecast))) -Because 'the list keeps the cents'
    }

    It 'shows the same columns at 80 as at 120 for <_>' -ForEach @('UsageAggregate', 'RateCardMeter', 'Invoice', 'CostForecast', 'CostAlert') {
        $objects = $samples[$_]
        $header = { param($w) (($objects | Format-Table | Out-String -Width $w) -split "`r?`n" | Where-Object { $_.Trim() })[0] -split '\s+' | Where-Object { $_ } }
        & $header 80 | Should -Be (& $header 120)
    }

    It 'shows alert money with thousands separators and currency, ISO dates and the threshold as a percent' {
        $table = $samples.CostAlert | Format-Table | Out-String -Width 80
        $table | Should -Match 'Severity\s+Kind\s+Scope\s+Threshold\s+Actual\s+Forecast\s+BreachDate'
        $table | Should -Match '\s(50|80|100)%\s+\d{1,3}(,\d{3})*\.\d{2} USD\s+\d{1,3}(,\d{3})*\.\d{2} USD\s+\d{4}-\d{2}-\d{2}'
        $table | Should -Not -Match '\d{1,2}/\d{1,2}/\d{4}'
        $list = $samples.CostAlert | Select-Object -First 1 | Format-List | Out-String -Width 80
        $list | Should -Match 'Threshold\s+: \d+% of 2,000\.00 USD = \d{1,3}(,\d{3})*\.\d{2} USD'
        $list | Should -Match 'BreachDate\s+: \d{4}-\d{2}-\d{2}\s'
    }

    It 'writes ISO dates in the <_> list' -ForEach @('UsageAggregate', 'RateCardMeter', 'RateCardOfferTerm', 'RateCardCacheItem', 'Invoice', 'BillingPeriod', 'CostForecast', 'CostAlert', 'CostAnomalyRecord', 'BillingInsightsContext', 'RetailPriceItem') {
        $list = $samples[$_] | Select-Object -First 1 | Format-List | Out-String -Width 80
        $list | Should -Match '\d{4}-\d{2}-\d{2}'
        $list | Should -Not -Match '\d{1,2}/\d{1,2}/\d{4}' -Because 'dates are ISO, not the culture''s month/day'
    }

    It 'writes money rounded, with separators and currency, in the <_> list' -ForEach @('CostForecast', 'CostAlert') {
        $list = $samples[$_] | Select-Object -First 1 | Format-List | Out-String -Width 80
        $list | Should -Match 'Forecast\s+: \d{1,3}(,\d{3})*\.\d{2} USD\s'
        $list | Should -Not -Match '\d\.\d{3,}' -Because 'money is rounded for display'
    }

    It 'cuts long resource names from the middle, keeping both ends' {
        $row = $samples.UsageAggregate[0]
        $row.ResourceName.Length | Should -BeGreaterThan 15
        $table = $row | Format-Table | Out-String -Width 80
        $table | Should -Match ([regex]::Escape($row.ResourceName.Substring(0, 7)) + '…' + [regex]::Escape($row.ResourceName.Substring($row.ResourceName.Length - 7)))
    }
}
