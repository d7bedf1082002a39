BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $env:IDENTITY_ENDPOINT = $emulator.IdentityEndpoint
    $env:IDENTITY_HEADER = $emulator.IdentityHeader
    # Rate cards are cached on disk between sessions; tests keep theirs in the test drive.
    $env:AZBILLINGINSIGHTS_CACHE_PATH = Join-Path $TestDrive 'cache'
    Connect-AzBillingInsights -Identity -ArmEndpoint $emulator.Endpoint -SubscriptionId $emulator.SubscriptionIds[0] | Out-Null
    $window = Get-LastMonthWindow

    function Get-MonthTruth([string] $Subscription) {
        Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/months?subscriptionId=$Subscription" |
            ForEach-Object { $_ } | Where-Object { ([datetimeoffset] $_.usageStartTime).UtcDateTime -eq $window.Start }
    }

    function Get-DecimalSum($Rows, [string] $Property) {
        $sum = [decimal] 0
        foreach ($row in $Rows) { $sum += $row.$Property }
        $sum
    }
}

AfterAll {
    Disconnect-AzBillingInsights
    Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER, Env:AZBILLINGINSIGHTS_CACHE_PATH -ErrorAction SilentlyContinue
    $emulator | Stop-AzBillingEmulator
}

Describe 'Measure-AzEstimatedCost' {
    It 'prices a pay-as-you-go month to the cent of the emulator''s invoice' {
        $truth = Get-MonthTruth $emulator.SubscriptionIds[0]
        $total = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $window.Start -To $window.End
        $total | Should -HaveCount 1
        [Math]::Round($total.Cost, 2, 'AwayFromZero') | Should -Be ([decimal] $truth.charges)
        $total.Currency | Should -Be 'USD'
    }

    It 'reads the connection''s subscription when -SubscriptionId is left out' {
        $truth = Get-MonthTruth $emulator.SubscriptionIds[0]
        $total = Measure-AzEstimatedCost -From $window.Start -To $window.End
        [Math]::Round($total.Cost, 2, 'AwayFromZero') | Should -Be ([decimal] $truth.charges)
    }

    It 'gives the same total from Get-AzUsageAggregate rows on the pipeline' {
        $truth = Get-MonthTruth $emulator.SubscriptionIds[0]
        $total = Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.ReportedEnd |
            Where-Object { $_.UsageStartTime -ge $window.Start -and $_.UsageStartTime -lt $window.End } |
            Measure-AzEstimatedCost
        [Math]::Round($total.Cost, 2, 'AwayFromZero') | Should -Be ([decimal] $truth.charges)
    }

    It 'prices a billing period that starts on the sign-up day to the cent of its invoice, credit applied' {
        # The credit subscription bills from the 3rd: its invoice runs e.g. 2026-10-03 to 2026-11-02, end date inclusive.
        $subscription = $emulator.SubscriptionIds[1]
        $invoice = Get-AzInvoice -SubscriptionId $subscription -Latest
        $invoice.InvoicePeriodStartDate.Day | Should -Be 3
        $truth = Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/months?subscriptionId=$subscription" | ForEach-Object { $_ } |
            Where-Object invoiceName -eq $invoice.Name
        $total = Measure-AzEstimatedCost -SubscriptionId $subscription -From $invoice.InvoicePeriodStartDate -To $invoice.InvoicePeriodEndDate.AddDays(1) `
            -BillingPeriodStartDay $invoice.InvoicePeriodStartDate.Day -OfferDurableId 'MS-AZR-0059P'
        [Math]::Round($total.CostBeforeOfferTerms, 2, 'AwayFromZero') | Should -Be ([decimal] $truth.charges)
        [Math]::Round($total.CreditApplied, 2, 'AwayFromZero') | Should -Be ([decimal] $truth.creditApplied)
        [Math]::Round($total.Cost, 2, 'AwayFromZero') | Should -Be ([decimal] $truth.amountDue)
        $total.CreditApplied | Should -BeGreaterThan 0

        # Calendar periods restart the tiers and the credit on the 1st, which is not how this invoice was billed.
        $calendar = Measure-AzEstimatedCost -SubscriptionId $subscription -From $invoice.InvoicePeriodStartDate -To $invoice.InvoicePeriodEndDate.AddDays(1) -OfferDurableId 'MS-AZR-0059P'
        $calendar.Cost | Should -Not -Be $total.Cost
    }

    It 'groups add up to the grand total for -GroupBy <_>' -ForEach @('ResourceGroup'), @('Tag:CostCenter'), @('MeterCategory', 'Day'), @('Region', 'Meter') {
        $total = (Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $window.Start -To $window.End).Cost
        $groups = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $window.Start -To $window.End -GroupBy $_
        $groups.Count | Should -BeGreaterThan 1
        Get-DecimalSum $groups 'Cost' | Should -Be $total
    }

    It 'groups rows without the tag as (untagged) and names the key property after the tag' {
        $groups = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $window.Start -To $window.End -GroupBy Tag:CostCenter
        $groups.CostCenter | Should -Contain '(untagged)'
        ($groups | Where-Object CostCenter -ne '(untagged)').Count | Should -BeGreaterThan 1
    }

    It 'sets Date on daily buckets for Get-AzCostForecast' {
        $days = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $window.Start -To $window.End -GroupBy Day
        $days.Count | Should -Be ($window.End - $window.Start).TotalDays
        $days[0].Date | Should -Be $window.Start
        $days[0].Day | Should -Be $window.Start.ToString('yyyy-MM-dd')
    }

    It 'prices planned usage from a CSV and reports a bad row by number without losing the others' {
        $sample = Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.Start.AddDays(1) |
            Where-Object { $_.MeterCategory -eq 'Virtual Machines' -and $_.MeterRegion } | Select-Object -First 1
        $csv = Join-Path $TestDrive 'planned.csv'
        @(
            [pscustomobject]@{ MeterId = $sample.MeterId; MeterName = ''; MeterRegion = ''; MeterSubCategory = ''; Quantity = '730' }
            [pscustomobject]@{ MeterId = ''; MeterName = 'No Such Meter'; MeterRegion = 'US East'; MeterSubCategory = ''; Quantity = '10' }
            [pscustomobject]@{ MeterId = ''; MeterName = $sample.MeterName; MeterRegion = $sample.MeterRegion; MeterSubCategory = $sample.MeterSubCategory; Quantity = '730' }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation

        $estimate = Import-Csv -LiteralPath $csv | Measure-AzEstimatedCost -GroupBy Meter -Explain -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnknownMeter,AzBillingInsights.Commands.MeasureAzEstimatedCostCommand'
        $failures[0].Exception.Message | Should -BeLike '*input row 2*No Such Meter*'
        $estimate | Should -HaveCount 1
        $estimate.Meter | Should -Be $sample.MeterId
        $estimate.Quantity | Should -Be 1460
        $estimate.Cost | Should -BeGreaterThan 0
        Get-DecimalSum $estimate.Tiers 'Cost' | Should -Be $estimate.Cost
        ($estimate.Tiers | ForEach-Object { $_.Quantity * $_.UnitPrice } | Measure-Object -Sum).Sum | Should -BeGreaterThan 0
    }

    It 'compares two regions for the same usage' {
        $comparisons = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $window.Start -To $window.End -GroupBy MeterCategory -CompareRegion 'EU West', 'US West'
        ($comparisons.Alternative | Sort-Object -Unique) | Should -HaveCount 2
        foreach ($comparison in $comparisons | Where-Object { $null -ne $_.Difference }) {
            $comparison.Difference | Should -Be ($comparison.AlternativeCost - $comparison.Cost)
        }
        @($comparisons | Where-Object { $null -ne $_.Difference }).Count | Should -BeGreaterThan 0
    }

    It 'rejects an unknown -GroupBy dimension with the list of valid ones' {
        { Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $window.Start -To $window.End -GroupBy Colour } |
            Should -Throw -ErrorId 'InvalidArgument,AzBillingInsights.Commands.MeasureAzEstimatedCostCommand'
    }
}
