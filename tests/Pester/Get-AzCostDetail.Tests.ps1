BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    # Six subscriptions: 3 is enrolled in the EA billing account, 6 is held by the MCA billing profile, the others are MOSP.
    # Reports are ready one second after the request; a scope takes three reports in any eight seconds.
    $emulator = Start-EmulatorProcess '--subscription-count', '6', '--resource-count', '60', '--cost-details-build-seconds', '1', '--cost-details-limits', '3/8'
    $scopes = Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/billing-scopes"
    $ea = $scopes.enterpriseAgreement.subscriptionIds[0]
    $mca = $scopes.microsoftCustomerAgreement.subscriptionIds[0]
    $payg = $scopes.unsupportedSubscriptionIds[0]
    $roles = @{}; $emulator.SubscriptionIds | ForEach-Object { $roles[$_] = 'Billing Reader' }
    $token = New-EmulatorToken $emulator 'cost-reader' $roles
    Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $ea | Out-Null
    $lastMonth = (Get-LastMonthWindow).Start
    $lastDay = $lastMonth.AddMonths(1).AddDays(-1)
    <# A complete billing period (from the subscription's billing day), $Back periods before the newest: its truth, first and last day. #>
    function Get-Period([string] $SubscriptionId, [int] $Back = 0) {
        $truth = @(Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/months?subscriptionId=$SubscriptionId" | ForEach-Object { $_ } | Where-Object complete)[-1 - $Back]
        $first = ([datetimeoffset] $truth.usageStartTime).UtcDateTime.Date
        [pscustomobject]@{ Truth = $truth; First = $first; Last = ([datetimeoffset] $truth.usageEndTime).UtcDateTime.Date.AddDays(-1) }
    }
    function Get-Posts([string] $Scope) {
        @(Get-EmulatorRequest $emulator 'generateCostDetailsReport' | Where-Object { $_.method -eq 'POST' -and $_.path -like "$Scope/*" })
    }
    $eaGroups = @(Get-AzUsageAggregate -SubscriptionId $ea -StartTime $lastMonth -EndTime $lastMonth.AddDays(3) | Select-Object -ExpandProperty ResourceGroup -Unique)
}

AfterAll {
    Disconnect-AzBillingInsights
    Stop-Process -Id $emulator.ProcessId -ErrorAction SilentlyContinue
}

Describe 'Get-AzCostDetail' {
    It 'writes typed actual-cost rows of an EA subscription that add up to its invoice to the cent' {
        $period = Get-Period $ea
        $rows = Get-AzCostDetail -Scope $ea -From $period.First -To $period.Last
        $rows[0] | Should -BeOfType 'AzBillingInsights.CostDetail'
        [math]::Round(($rows | Measure-Object Cost -Sum).Sum, 2, [MidpointRounding]::AwayFromZero) | Should -Be $period.Truth.amountDue
        $rows.Schema | Sort-Object -Unique | Should -Be 'EnterpriseAgreement'
        $rows.CostKind | Sort-Object -Unique | Should -Be 'actual cost'
        $rows.Date | Sort-Object -Unique | Select-Object -First 1 | Should -Be $period.First
        $tagged = $rows | Where-Object { $_.Tags.Count -gt 0 } | Select-Object -First 1
        $key = @($tagged.Tags.Keys)[0]
        $tagged.Tags[$key.ToUpperInvariant()] | Should -Be $tagged.Tags[$key]
        ($rows | Where-Object ChargeType -eq 'Purchase').MeterName | Should -Be 'Recurring Charge'
        $rows[0].Columns['BillingAccountId'] | Should -Not -BeNullOrEmpty
    }

    It 'shows its rows in an 80-column table, and lists them with ISO dates' {
        $day = (Get-Period $ea).First
        $rows = @(Get-AzCostDetail -Scope $ea -From $day -To $day | Select-Object -First 3)
        $lines = ($rows | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $lines[0] | Should -Match '^Date\s+ResourceGroup\s+MeterName\s+Quantity\s+Cost\s+Charge'
        $list = $rows[0] | Format-List | Out-String -Width 120
        $list | Should -Match ('Date\s+: ' + $day.ToString('yyyy-MM-dd') + '\s')
        $list | Should -Not -Match '\d{1,2}/\d{1,2}/\d{4}' -Because 'dates are ISO, not the culture''s month/day'
    }

    It 'splits a window over two months into one report per month, run one after another' {
        Clear-EmulatorRequest $emulator
        $from = $lastMonth.AddMonths(-1).AddDays(20)
        $rows = Get-AzCostDetail -Scope "/subscriptions/$ea/resourceGroups/$($eaGroups[0])" -From $from -To $lastMonth.AddDays(4) -Metric AmortizedCost
        (Get-Posts "/subscriptions/$ea/resourceGroups/$($eaGroups[0])").Count | Should -Be 2
        ($rows.Date | Measure-Object -Minimum).Minimum | Should -Be $from.Date
        ($rows.Date | Measure-Object -Maximum).Maximum | Should -Be $lastMonth.AddDays(4).Date
        $rows.ResourceGroup | Sort-Object -Unique | Should -Be $eaGroups[0]
        $rows.CostKind | Sort-Object -Unique | Should -Be 'amortized cost'
    }

    It 'reads an MCA invoice at the billing profile in the MCA schema, equal to the invoice' {
        $truth = (Get-Period $mca -Back 1).Truth
        $rows = Get-AzCostDetail -Scope $scopes.microsoftCustomerAgreement.billingProfileScope -InvoiceId $truth.invoiceName
        $rows.Schema | Sort-Object -Unique | Should -Be 'MicrosoftCustomerAgreement'
        $rows.InvoiceId | Sort-Object -Unique | Should -Be $truth.invoiceName
        $rows[0].CostInUsd | Should -Not -BeNullOrEmpty
        [math]::Round(($rows | Measure-Object Cost -Sum).Sum, 2, [MidpointRounding]::AwayFromZero) | Should -Be $truth.amountDue
    }

    It 'reads an EA billing period at the billing account' {
        $period = Get-Period $ea
        $rows = Get-AzCostDetail -Scope $scopes.enterpriseAgreement.billingAccountScope -BillingPeriod $period.First.ToString('yyyyMM')
        $rows.SubscriptionId | Sort-Object -Unique | Should -Be $ea
        $rows.BillingPeriodId | Sort-Object -Unique | Should -Be $period.First.ToString('yyyyMM')
        [math]::Round(($rows | Measure-Object Cost -Sum).Sum, 2, [MidpointRounding]::AwayFromZero) | Should -Be $period.Truth.amountDue
    }

    It 'explains that a pay-as-you-go subscription has no Cost Details and what to use instead' {
        Get-AzCostDetail -Scope $payg -From $lastMonth -To $lastDay -ErrorVariable failure -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CostDetailsScopeNotSupported,*'
        $failure[0].CategoryInfo.Category | Should -Be 'NotImplemented'
        $failure[0].ErrorDetails.RecommendedAction | Should -BeLike '*Get-AzUsageAggregate*Measure-AzEstimatedCost*export*'
    }

    It 'explains which role is missing' {
        $noRole = New-EmulatorToken $emulator 'no-cost-role' @{}
        Connect-AzBillingInsights -AccessToken $noRole -ArmEndpoint $emulator.Endpoint | Out-Null
        try {
            Get-AzCostDetail -Scope $ea -From $lastMonth -To $lastDay -ErrorVariable failure -ErrorAction SilentlyContinue
        } finally {
            Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $ea | Out-Null
        }
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CostDetailsAccessDenied,*'
        $failure[0].ErrorDetails.RecommendedAction | Should -BeLike '*Cost Management Reader*Billing Reader*'
    }

    It 'says how long to wait when the scope is throttled, and waits when allowed to' {
        $scope = "/subscriptions/$ea/resourceGroups/$($eaGroups[-1])"
        foreach ($day in 0..2) { Get-AzCostDetail -Scope $scope -From $lastMonth.AddDays($day) -To $lastMonth.AddDays($day) | Out-Null }

        Get-AzCostDetail -Scope $scope -From $lastMonth.AddDays(5) -To $lastMonth.AddDays(5) -MaxThrottleWait 0 -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CostDetailsThrottled,*'
        $failure[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failure[0].Exception.Message | Should -Match 'accepts the next one in \d+ s'
        $failure[0].Exception.RetryAfter.TotalSeconds | Should -BeGreaterThan 0

        $rows = Get-AzCostDetail -Scope $scope -From $lastMonth.AddDays(5) -To $lastMonth.AddDays(5) -MaxThrottleWait 00:00:30
        $rows.Date | Sort-Object -Unique | Should -Be $lastMonth.AddDays(5).Date
    }

    It 'sits out a 429 on the request as Retry-After says' {
        Clear-EmulatorRequest $emulator
        Add-EmulatorFault $emulator 429 'generateCostDetailsReport' -RetryAfterSeconds 1
        $rows = Get-AzCostDetail -Scope $ea -From $lastMonth.AddDays(10) -To $lastMonth.AddDays(11)
        $rows | Should -Not -BeNullOrEmpty
        (Get-Posts "/subscriptions/$ea").status | Should -Be @(429, 202)
    }

    It 'reads a blob that broke off again from where it broke, without repeating rows' {
        $whole = Get-AzCostDetail -Scope $ea -From $lastMonth -To $lastDay
        Add-EmulatorFault $emulator truncate '_blob/costdetails'
        $again = Get-AzCostDetail -Scope $ea -From $lastMonth -To $lastDay
        $again.Count | Should -Be $whole.Count
        ($again | Measure-Object Cost -Sum).Sum | Should -Be ($whole | Measure-Object Cost -Sum).Sum
    }

    It 'resumes: a finished report whose download failed is not requested again' {
        Clear-EmulatorRequest $emulator
        $window = @{ Scope = $ea; From = $lastMonth.AddDays(14); To = $lastMonth.AddDays(16) }
        Add-EmulatorFault $emulator truncate '_blob/costdetails' -Count 3
        Get-AzCostDetail @window -ErrorVariable failure -ErrorAction SilentlyContinue | Out-Null
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CostReportDownloadFailed,*'
        $failure[0].ErrorDetails.RecommendedAction | Should -BeLike '*without asking Cost Management for a new one*'

        $rows = Get-AzCostDetail @window
        $rows.Date | Sort-Object -Unique | Should -Be @($lastMonth.AddDays(14).Date, $lastMonth.AddDays(15).Date, $lastMonth.AddDays(16).Date)
        (Get-Posts "/subscriptions/$ea").Count | Should -Be 1
    }

    It 'writes the rows it read, in report order, before the error of a blob that keeps breaking' {
        $window = @{ Scope = $ea; From = $lastMonth.AddDays(20); To = $lastMonth.AddDays(21) }
        $whole = @(Get-AzCostDetail @window)
        Add-EmulatorFault $emulator truncate '_blob/costdetails' -Count 3
        $partial = @(Get-AzCostDetail @window -ErrorVariable failure -ErrorAction SilentlyContinue)
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CostReportDownloadFailed,*'
        $partial.Count | Should -BeGreaterThan 0
        $partial.Count | Should -BeLessThan $whole.Count
        $key = { '{0}|{1:o}|{2}|{3}' -f $_.ResourceId, $_.Date, $_.MeterId, $_.Cost }
        $partial | ForEach-Object $key | Should -Be ($whole | Select-Object -First $partial.Count | ForEach-Object $key)
    }

    It 'reports a report that ended with status Failed' {
        Add-EmulatorFault $emulator reportfailed 'generateCostDetailsReport'
        Get-AzCostDetail -Scope $scopes.enterpriseAgreement.billingAccountScope -From $lastMonth -To $lastMonth.AddDays(1) -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'CostReportFailed,*'
        $failure[0].Exception.Message | Should -BeLike '*status Failed*ReportGenerationFailed*'
    }

    It 'refuses a management-group scope before any call' {
        Clear-EmulatorRequest $emulator
        Get-AzCostDetail -Scope /providers/Microsoft.Management/managementGroups/root -From $lastMonth -To $lastDay -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCostDetailRequest,*'
        $failure[0].Exception.Message | Should -BeLike '*no management-group scope*'
        @(Get-EmulatorRequest $emulator 'generateCostDetailsReport').Count | Should -Be 0
    }

    It 'feeds the forecast, alert and anomaly cmdlets with its cost as given, never re-rated' {
        $rows = Get-AzCostDetail -Scope $ea -From $lastMonth.AddMonths(-1) -To $lastDay
        $forecast = $rows | Get-AzCostForecast
        $forecast.PeriodStart | Should -Be $lastMonth
        $given = [decimal] 0
        $rows | Where-Object { $_.Date -ge $forecast.PeriodStart -and $_.Date -le $forecast.AsOf } | ForEach-Object { $given += $_.Cost }
        $forecast.ActualToDate | Should -Be $given
        $alert = $rows | Get-AzCostAlert -Budget ([math]::Ceiling($given)) | Where-Object Kind -eq 'Actual' | Select-Object -First 1
        $alert.Actual | Should -Be $given
        $alert.Currency | Should -Be 'USD'
        { $rows | Find-AzCostAnomaly -ErrorAction Stop | Out-Null } | Should -Not -Throw
    }

    It 'is totalled as given by Measure-AzEstimatedCost, not re-rated as an estimate' {
        $rows = Get-AzCostDetail -Scope $ea -From $lastMonth -To $lastDay
        $total = $rows | Measure-AzEstimatedCost
        $total.CostBasis | Should -Be 'ActualCost'
        $given = [decimal] 0; $rows | ForEach-Object { $given += $_.Cost }
        $total.Cost | Should -Be $given
    }

    It 'ends quietly when the pipeline has enough (Select-Object -First)' {
        $first = Get-AzCostDetail -Scope $ea -From $lastMonth -To $lastDay | Select-Object -First 3
        $first | Should -HaveCount 3
    }

    It 'feeds Export-AzCostData -Metric: the exported BilledCost of a month is its actual-cost rows, to the cent' {
        $rows = Get-AzCostDetail -Scope $ea -From $lastMonth -To $lastDay
        $root = Join-Path $TestDrive 'actual'
        $partition = Export-AzCostData -Path $root -Format Csv -Metric ActualCost -SubscriptionId $ea -From $lastMonth -To $lastMonth.AddMonths(1)
        $partition.Source | Should -Be 'CostDetails:ActualCost'
        $exported = [decimal]0
        Import-Csv -LiteralPath $partition.Path | ForEach-Object {
            $_.x_CostSource | Should -Be 'CostDetails:ActualCost'
            $exported += [decimal]::Parse($_.BilledCost, [cultureinfo]::InvariantCulture)
        }
        $actual = [decimal]0; $rows | ForEach-Object { $actual += $_.Cost }
        $exported | Should -Be $actual
        @(Import-Csv -LiteralPath $partition.Path).Count | Should -Be @($rows).Count
    }
}
