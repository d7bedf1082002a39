BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    # Subscription 3 is enrolled in the EA billing account, 6 is held by the MCA billing profile; reports are ready at once.
    $emulator = Start-EmulatorProcess '--subscription-count', '6', '--resource-count', '40', '--cost-details-build-seconds', '0', '--cost-details-limits', '50/1'
    $scopes = Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/billing-scopes"
    $ea = $scopes.enterpriseAgreement.subscriptionIds[0]
    $mca = $scopes.microsoftCustomerAgreement.subscriptionIds[0]
    $roles = @{}; $emulator.SubscriptionIds | ForEach-Object { $roles[$_] = 'Billing Reader' }
    Connect-AzBillingInsights -AccessToken (New-EmulatorToken $emulator 'cost-reader' $roles) -ArmEndpoint $emulator.Endpoint -SubscriptionId $ea | Out-Null
    <# The newest complete billing period of a subscription: its truth (invoice), first and last day. #>
    function Get-Period([string] $SubscriptionId, [int] $Back = 0) {
        $truth = @(Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/months?subscriptionId=$SubscriptionId" | ForEach-Object { $_ } | Where-Object complete)[-1 - $Back]
        $first = ([datetimeoffset] $truth.usageStartTime).UtcDateTime.Date
        [pscustomobject]@{ Truth = $truth; First = $first; Last = ([datetimeoffset] $truth.usageEndTime).UtcDateTime.Date.AddDays(-1) }
    }
    function Get-Sum($Rows) { $sum = [decimal] 0; $Rows | ForEach-Object { $sum += $_.Cost }; $sum }
    function Get-Cent([decimal] $Amount) { [math]::Round($Amount, 2, [MidpointRounding]::AwayFromZero) }
    $period = Get-Period $ea
    $actual = Get-AzCostDetail -Scope $ea -From $period.First -To $period.Last
    $amortized = Get-AzCostDetail -Scope $ea -From $period.First -To $period.Last -Metric AmortizedCost
}

AfterAll {
    Disconnect-AzBillingInsights
    Stop-Process -Id $emulator.ProcessId -ErrorAction SilentlyContinue
}

Describe 'Measure-AzEstimatedCost over Get-AzCostDetail rows' {
    It 'totals an EA month as given: equal to the rows to the last decimal and to the invoice to the cent, labelled ActualCost' {
        Clear-EmulatorRequest $emulator
        $total = $actual | Measure-AzEstimatedCost
        $total | Should -HaveCount 1
        $total.Cost | Should -Be (Get-Sum $actual)
        Get-Cent $total.Cost | Should -Be $period.Truth.amountDue
        $total.CostBasis | Should -Be 'ActualCost'
        $total.Currency | Should -Be $actual[0].Currency
        $total.RowCount | Should -Be @($actual).Count
        @(Get-EmulatorRequest $emulator 'RateCard') | Should -HaveCount 0 -Because 'cost rows are never priced again'
    }

    It 'groups by resource group and day like an estimate, each group holding its rows'' cost' {
        $groups = $actual | Measure-AzEstimatedCost -GroupBy ResourceGroup, Day
        $expected = @{}
        $actual | ForEach-Object {
            $key = "$(if ($_.ResourceGroup) { $_.ResourceGroup } else { '(none)' })|$($_.Date.ToString('yyyy-MM-dd'))"
            $expected[$key] = [decimal] $expected[$key] + $_.Cost
        }
        $groups | Should -HaveCount $expected.Count
        foreach ($group in $groups) {
            $group.Cost | Should -Be $expected["$($group.ResourceGroup)|$($group.Day)"]
            $group.Date | Should -Be ([datetime]::ParseExact($group.Day, 'yyyy-MM-dd', [cultureinfo]::InvariantCulture))
        }
        Get-Sum $groups | Should -Be (Get-Sum $actual)
    }

    It 'groups by a tag, rows without it under (untagged)' {
        $tag = @($actual | Where-Object { $_.Tags.Count -gt 0 } | Select-Object -First 1)[0].Tags.Keys | Select-Object -First 1
        $groups = $actual | Measure-AzEstimatedCost -GroupBy "Tag:$tag"
        $untagged = Get-Sum ($actual | Where-Object { -not $_.Tags.ContainsKey($tag) })
        ($groups | Where-Object $tag -eq '(untagged)').Cost | Should -Be $untagged
        Get-Sum $groups | Should -Be (Get-Sum $actual)
    }

    It 'labels amortized rows AmortizedCost, and shows which cost it is in the default view' {
        $total = $amortized | Measure-AzEstimatedCost -GroupBy Month
        $total.CostBasis | Sort-Object -Unique | Should -Be 'AmortizedCost'
        Get-Sum $total | Should -Be (Get-Sum $amortized)
        $shown = $total | Format-Table | Out-String
        $shown | Should -Match 'CostBasis'
        $shown | Should -Match 'AmortizedCost'
        $shown | Should -Not -Match 'Estimate'
    }

    It 'totals an MCA invoice in its billing currency, equal to the invoice to the cent' {
        $truth = (Get-Period $mca -Back 1).Truth
        $rows = Get-AzCostDetail -Scope $scopes.microsoftCustomerAgreement.billingProfileScope -InvoiceId $truth.invoiceName
        $total = $rows | Measure-AzEstimatedCost -GroupBy SubscriptionId
        Get-Cent (Get-Sum $total) | Should -Be $truth.amountDue
        $total.Currency | Sort-Object -Unique | Should -Be ($rows.Currency | Sort-Object -Unique)
        $total.CostBasis | Sort-Object -Unique | Should -Be 'ActualCost'
    }

    It 'refuses to add actual and amortized cost together' {
        { @($actual[0], $amortized[0]) | Measure-AzEstimatedCost } | Should -Throw -ErrorId 'MixedCostMetrics,*'
    }

    It 'refuses to mix cost rows with usage to estimate' {
        $usage = Get-AzUsageAggregate -SubscriptionId $ea -StartTime $period.First -EndTime $period.First.AddDays(1) | Select-Object -First 1
        { @($actual[0], $usage) | Measure-AzEstimatedCost } | Should -Throw -ErrorId 'MixedCostBases,*'
        { @($usage, $actual[0]) | Measure-AzEstimatedCost } | Should -Throw -ErrorId 'MixedCostBases,*'
    }

    It 'refuses options that only shape an estimate, and grouping by hour' {
        { $actual | Measure-AzEstimatedCost -CompareRegion 'EU West' } | Should -Throw -ErrorId 'EstimateParameterOnCostRows,*'
        { $actual | Measure-AzEstimatedCost -Currency EUR } | Should -Throw -ErrorId 'EstimateParameterOnCostRows,*'
        { $actual | Measure-AzEstimatedCost -Force } | Should -Throw -ErrorId 'EstimateParameterOnCostRows,*'
        { $actual | Measure-AzEstimatedCost -GroupBy Hour } | Should -Throw -ErrorId 'InvalidGroupBy,*'
    }
}

Describe 'Export-AzCostReport over Get-AzCostDetail rows' {
    It 'reports an EA month''s actual cost as given, named actual cost and never an estimate' {
        Clear-EmulatorRequest $emulator
        $path = Join-Path $TestDrive 'actual.html'
        $file = $actual | Export-AzCostReport -Path $path -Tag CostCenter -PassThru
        $file.FullName | Should -Be $path
        $html = Get-Content -LiteralPath $path -Raw
        $html | Should -Not -Match '(?i)estimat'
        $html | Should -Match '<title>Azure cost report: actual cost'
        $html | Should -Match '<h1>Azure cost report: actual cost</h1>'
        $html | Should -Match '<h2>Daily actual cost</h2>'
        $html | Should -Match 'Actual cost in the report'
        $html | Should -Match "<dt>Billing currency</dt><dd>$($actual[0].Currency)</dd>"
        [decimal]::Parse([regex]::Match($html, '<data id="total" value="([^"]+)"').Groups[1].Value, [cultureinfo]::InvariantCulture) | Should -Be (Get-Sum $actual)
        @(Get-EmulatorRequest $emulator 'RateCard') | Should -HaveCount 0 -Because 'cost rows are never priced again'
    }

    It 'names amortized cost as such' {
        $path = Join-Path $TestDrive 'amortized.html'
        $amortized | Export-AzCostReport -Path $path
        $html = Get-Content -LiteralPath $path -Raw
        $html | Should -Match '<h1>Azure cost report: amortized cost</h1>'
        $html | Should -Match 'Amounts are amortized cost from Cost Management'
        $html | Should -Not -Match '(?i)estimat'
    }

    It 'refuses actual and amortized rows in one report, and writes no file' {
        $path = Join-Path $TestDrive 'mixed.html'
        { @($actual[0], $amortized[0]) | Export-AzCostReport -Path $path } | Should -Throw -ErrorId 'MixedCostMetrics,*'
        Test-Path -LiteralPath $path | Should -BeFalse
    }

    It 'refuses a rate-card option for cost rows' {
        { $actual | Export-AzCostReport -Path (Join-Path $TestDrive 'card.html') -OfferDurableId MS-AZR-0017P } | Should -Throw -ErrorId 'EstimateParameterOnCostRows,*'
    }
}

Describe 'Measure-AzEstimatedCost -CompareTo RetailPrices' {
    BeforeAll {
        $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $emulator.Endpoint
        $comparison = $actual | Measure-AzEstimatedCost -CompareTo RetailPrices -WarningVariable compareWarnings -WarningAction SilentlyContinue
    }

    AfterAll {
        Remove-Item Env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT -ErrorAction SilentlyContinue
    }

    It 'writes one typed row per meter whose charged cost is the usage rows'' cost' {
        $comparison[0] | Should -BeOfType 'AzBillingInsights.ListPriceComparison'
        $usage = @($actual | Where-Object ChargeType -eq 'Usage')
        $comparison | Should -HaveCount @($usage.MeterId | Sort-Object -Unique).Count
        Get-Sum $comparison | Should -Be (Get-Sum $usage)
        $comparison.CostBasis | Sort-Object -Unique | Should -Be 'ActualCost'
        $comparison.Currency | Sort-Object -Unique | Should -Be $actual[0].Currency
    }

    It 'prices each meter''s quantity at its retail list price and shows the saving' {
        $compared = @($comparison | Where-Object Status -eq 'Compared')
        $compared | Should -Not -BeNullOrEmpty
        $checked = 0
        foreach ($row in $compared | Select-Object -First 15) {
            $retail = @(Get-AzRetailPrice -MeterId $row.MeterId -CurrencyCode $row.Currency | Where-Object Type -eq 'Consumption')[0]
            if ($retail.Tiers.Count -ne 1 -or $retail.UnitOfMeasure -ne $row.UnitOfMeasure) { continue }
            $row.ListCost | Should -Be ($row.Quantity * $retail.UnitPrice)
            $row.ListUnitPrice | Should -Be $retail.UnitPrice
            $row.EffectiveUnitPrice | Should -Be ($row.Cost / $row.Quantity)
            $row.Saving | Should -Be ($row.ListCost - $row.Cost)
            $checked++
        }
        $checked | Should -BeGreaterThan 0
    }

    It 'counts the purchases it leaves out in a warning' {
        $purchases = @($actual | Where-Object ChargeType -ne 'Usage')
        $purchases | Should -Not -BeNullOrEmpty
        $compareWarnings.Message | Should -Contain ($compareWarnings.Message | Where-Object { $_ -like "$($purchases.Count) rows that are not usage*" })
    }

    It 'shows the prices, costs and saving in an 80-column table' {
        $lines = ($comparison | Format-Table | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match 'MeterName\s+Effective\s+List\s+Cost\s+ListCost\s+Saving'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $lines[2] | Should -Match "\d+\.\d{2} $($actual[0].Currency)"
    }

    It 'shows progress while it reads the list prices, then Completed' {
        Add-EmulatorFault $emulator -Kind slow -PathContains 'retail/prices' -Count 1000 -DelayMilliseconds 150
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("param(`$rows) Import-Module '$(Join-Path $ModulePath 'AzBillingInsights.psd1')'; `$rows | Measure-AzEstimatedCost -CompareTo RetailPrices -Force -WarningAction SilentlyContinue | Out-Null").AddArgument($actual)
            $null = $ps.Invoke()
            $ps.Streams.Error | ForEach-Object { throw $_ }
            $records = @($ps.Streams.Progress | Where-Object Activity -like 'Reading list prices*')
        }
        finally {
            $ps.Dispose()
            Clear-EmulatorFault $emulator
        }
        $updates = @($records | Where-Object RecordType -eq 'Processing')
        $updates.Count | Should -BeGreaterOrEqual 2
        $updates | ForEach-Object { $_.StatusDescription | Should -Match '^[\d,]+ of [\d,]+ meters$' }
        $records[-1].RecordType | Should -Be 'Completed'
    }

    It 'refuses usage rows, which have no negotiated price' {
        $usage = Get-AzUsageAggregate -SubscriptionId $ea -StartTime $period.First -EndTime $period.First.AddDays(1) | Select-Object -First 1
        { $usage | Measure-AzEstimatedCost -CompareTo RetailPrices } | Should -Throw -ErrorId 'CompareToNeedsCostRows,*'
    }
}
