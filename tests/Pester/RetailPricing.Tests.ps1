BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $previousEndpoint = $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT
    $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $emulator.Endpoint
    Disconnect-AzBillingInsights
    $vm = Get-AzRetailPrice -ServiceName 'Virtual Machines' -ArmRegionName eastus -ArmSkuName Standard_D4s_v3 -PriceType Consumption |
        Where-Object { $_.MeterName -eq 'D4s v3' -and $_.ProductName -notlike '*Windows' }
    $stored = Get-AzRetailPrice -ServiceName Storage -ArmRegionName eastus -MeterName 'Hot LRS Data Stored'
    $planned = Join-Path ([IO.Path]::GetTempPath()) "azbi-planned-$PID.csv"
    @(
        [pscustomobject]@{ ArmSkuName = 'Standard_D4s_v3'; ArmRegionName = 'eastus'; ServiceName = 'Virtual Machines'; ProductName = $vm.ProductName; MeterName = 'D4s v3'; MeterId = ''; Quantity = 730 }
        [pscustomobject]@{ ArmSkuName = ''; ArmRegionName = ''; ServiceName = ''; ProductName = ''; MeterName = ''; MeterId = $stored.MeterId; Quantity = 60000 }
    ) | Export-Csv -Path $planned -NoTypeInformation
}

AfterAll {
    Remove-Item -LiteralPath $planned -ErrorAction SilentlyContinue
    $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $previousEndpoint
    $emulator | Stop-AzBillingEmulator
}

Describe 'Measure-AzEstimatedCost -PriceSource RetailPrices' {
    It 'prices planned usage from a CSV in a fresh session that never signed in' {
        $result = Invoke-FreshSession @"
Import-Module '$(Join-Path $script:ModulePath 'AzBillingInsights.psd1')'
`$estimate = Import-Csv '$planned' | Measure-AzEstimatedCost -PriceSource RetailPrices -GroupBy MeterCategory -WarningVariable warned -WarningAction SilentlyContinue
@{ Costs = @(`$estimate | ForEach-Object { @{ Category = `$_.Keys['MeterCategory']; Cost = `$_.Cost } }); Warning = (`$warned -join ' ') } | ConvertTo-Json -Depth 4 -Compress
"@
        # Storage is graduated: 51,200 GB at the first tier, the rest at the second.
        $storageCost = 51200 * $stored.Tiers[0].UnitPrice + (60000 - 51200) * $stored.Tiers[1].UnitPrice
        ($result.Costs | Where-Object Category -eq 'Virtual Machines').Cost | Should -Be (730 * $vm.UnitPrice)
        ($result.Costs | Where-Object Category -eq 'Storage').Cost | Should -Be $storageCost
        $result.Warning | Should -Match 'no included'
    }

    It 'caches retail prices per query, so a second run in a new process does not download again, and the cache cmdlets show and clear them' {
        $cache = Join-Path ([IO.Path]::GetTempPath()) "azbi-retail-cache-$PID"
        $script = @"
`$env:AZBILLINGINSIGHTS_CACHE_PATH = '$cache'
Import-Module '$(Join-Path $script:ModulePath 'AzBillingInsights.psd1')'
`$null = Import-Csv '$planned' | Measure-AzEstimatedCost -PriceSource RetailPrices -WarningAction SilentlyContinue
`$sources = @(Get-AzRateCardCache | ForEach-Object Source | Sort-Object -Unique)
Clear-AzRateCardCache
@{ Sources = `$sources; Left = @(Get-AzRateCardCache).Count } | ConvertTo-Json -Compress
"@
        $again = $script.Replace("Clear-AzRateCardCache`n", '')
        try {
            Clear-EmulatorRequest $emulator
            $null = Invoke-FreshSession $again
            @(Get-EmulatorRequest $emulator -PathContains '/api/retail/prices').Count | Should -Be 2
            Clear-EmulatorRequest $emulator
            $session = Invoke-FreshSession $script
            @(Get-EmulatorRequest $emulator -PathContains '/api/retail/prices').Count | Should -Be 0
            # The cache cmdlets show and clear retail prices beside rate cards.
            $session.Sources | Should -Contain 'RetailPrices'
            $session.Left | Should -Be 0
            Clear-EmulatorRequest $emulator
            $null = Invoke-FreshSession $again
            @(Get-EmulatorRequest $emulator -PathContains '/api/retail/prices').Count | Should -Be 2
        }
        finally { Remove-Item -LiteralPath $cache -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'reports a SKU row that names several prices as ambiguous and an unknown SKU as unknown, and prices the rest' {
        $rows = @(
            [pscustomobject]@{ ArmSkuName = 'Standard_D4s_v3'; ArmRegionName = 'eastus'; Quantity = 10 }
            [pscustomobject]@{ ArmSkuName = 'Standard_Nothing_v9'; ArmRegionName = 'eastus'; Quantity = 10 }
            [pscustomobject]@{ MeterId = $vm.MeterId; Quantity = 10 }
        )
        $estimate = $rows | Measure-AzEstimatedCost -PriceSource RetailPrices -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $failed.FullyQualifiedErrorId | Should -Be @('AmbiguousMeter,AzBillingInsights.Commands.MeasureAzEstimatedCostCommand', 'UnknownMeter,AzBillingInsights.Commands.MeasureAzEstimatedCostCommand')
        $failed[0].Exception.Message | Should -Match $vm.MeterId
        $estimate.Cost | Should -Be (10 * $vm.UnitPrice)
    }

    It 'says an unknown meter id was not priced instead of pricing it at zero' {
        $estimate = [pscustomobject]@{ MeterId = '00000000-0000-0000-0000-000000000000'; Quantity = 5 } |
            Measure-AzEstimatedCost -PriceSource RetailPrices -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $failed.FullyQualifiedErrorId | Should -Be 'UnknownMeter,AzBillingInsights.Commands.MeasureAzEstimatedCostCommand'
        $estimate | Should -BeNullOrEmpty
    }
}

Describe 'Measure-AzEstimatedCost -PriceSource RetailPrices -CompareCommitment' {
    It 'prices the same usage on savings plans and reservations as CostComparison rows and states the 100 % baseline assumption' {
        $all = Get-AzRetailPrice -MeterId $vm.MeterId
        $row = [pscustomobject]@{ MeterId = $vm.MeterId; Quantity = 730 }
        $comparisons = $row | Measure-AzEstimatedCost -PriceSource RetailPrices -CompareCommitment -WarningVariable warned -WarningAction SilentlyContinue

        $comparisons.Alternative | Should -Be @('Savings plan 1 year', 'Reservation 1 year', 'Savings plan 3 years', 'Reservation 3 years')
        $comparisons | ForEach-Object { $_.Cost | Should -Be (730 * $vm.UnitPrice) }
        ($comparisons | Where-Object Alternative -eq 'Savings plan 3 years').AlternativeCost | Should -Be (730 * $vm.SavingsPlan3Years)
        $reserved = ($all | Where-Object ReservationTerm -eq '1 Year').UnitPrice
        [math]::Round(($comparisons | Where-Object Alternative -eq 'Reservation 1 year').AlternativeCost, 8) | Should -Be ([math]::Round(730 * $reserved / 8760, 8))
        $comparisons | ForEach-Object { $_.Difference | Should -BeLessThan 0 }
        ($warned -join ' ') | Should -Match '100 %'
    }
}

Describe 'Measure-AzEstimatedCost -PriceSource RetailPrices what-if on another configuration' {
    BeforeAll {
        $row = [pscustomobject]@{ ArmSkuName = 'Standard_D4s_v3'; ArmRegionName = 'eastus'; ServiceName = 'Virtual Machines'; ProductName = $vm.ProductName; MeterName = 'D4s v3'; Quantity = 730 }
    }

    It 'prices the same usage as another SKU with -CompareSku' {
        $v5 = Get-AzRetailPrice -ServiceName 'Virtual Machines' -ArmRegionName eastus -ArmSkuName Standard_D4s_v5 -PriceType Consumption |
            Where-Object { $_.MeterName -eq 'D4s v5' -and $_.ProductName -notlike '*Windows' }
        $comparison = $row | Measure-AzEstimatedCost -PriceSource RetailPrices -CompareSku 'Standard_D4s_v3=Standard_D4s_v5' -WarningAction SilentlyContinue

        $comparison.Alternative | Should -Be 'SKU: Standard_D4s_v3 -> Standard_D4s_v5'
        $comparison.Cost | Should -Be (730 * $vm.UnitPrice)
        $comparison.AlternativeCost | Should -Be (730 * $v5.UnitPrice)
        $comparison.IsAvailable | Should -BeTrue
    }

    It 'prices the same usage in another region with -CompareRegion' {
        $west = Get-AzRetailPrice -ServiceName 'Virtual Machines' -ArmRegionName westeurope -ArmSkuName Standard_D4s_v3 -PriceType Consumption |
            Where-Object { $_.MeterName -eq 'D4s v3' -and $_.ProductName -eq $vm.ProductName }
        $comparison = $row | Measure-AzEstimatedCost -PriceSource RetailPrices -CompareRegion 'EU West' -WarningAction SilentlyContinue

        $comparison.Alternative | Should -Be 'Region: EU West'
        $comparison.AlternativeCost | Should -Be (730 * $west.UnitPrice)
    }

    It 'refuses a SKU mapping that is not from=to before reading anything' {
        { $row | Measure-AzEstimatedCost -PriceSource RetailPrices -CompareSku 'Standard_D4s_v3' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument*'
    }
}

Describe 'Measure-AzEstimatedCost -PriceSource RetailPrices unit conversion' {
    AfterAll { Disconnect-AzBillingInsights }

    It 'prices usage reported in hours against a price per 100 hours at a hundredth of the price per hour' {
        $subscription = $emulator.SubscriptionIds[0]
        $token = New-EmulatorToken $emulator -Principal 'reader@contoso.com' -Roles @{ $subscription = @('Reader') }
        Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
        $today = Get-TestToday
        $usage = @(Get-AzUsageAggregate -ReportedStartTime $today.AddDays(-3) -ReportedEndTime $today.AddDays(-1) | Where-Object MeterCategory -eq 'Virtual Network')
        $usage | Should -Not -BeNullOrEmpty -Because 'the estate has public IP addresses'
        $usage.Unit | Sort-Object -Unique | Should -Be '1 Hour'

        $expected = [decimal]0
        foreach ($meter in $usage | Group-Object MeterId) {
            $price = Get-AzRetailPrice -MeterId $meter.Name -PriceType Consumption
            $price.UnitOfMeasure | Should -Be '100 Hours'
            foreach ($row in $meter.Group) { $expected += [decimal]$row.Quantity * $price.UnitPrice / 100 }
        }
        $estimate = $usage | Measure-AzEstimatedCost -PriceSource RetailPrices -WarningAction SilentlyContinue -ErrorVariable failed

        $failed | Should -BeNullOrEmpty
        [math]::Round($estimate.Cost, 10) | Should -Be ([math]::Round($expected, 10))
        $estimate.Cost | Should -BeGreaterThan 0
    }
}
