BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $script:PesterCachePath = $env:AZBILLINGINSIGHTS_CACHE_PATH
    $emulator = Start-TestEmulator
    $previousEndpoint = $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT
    $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $emulator.Endpoint
    Disconnect-AzBillingInsights

    # The truth: the same query as an idiomatic script reads it, following NextPageLink.
    function Get-RawRetailItem([string] $Filter) {
        $next = "$($emulator.Endpoint)api/retail/prices?api-version=2023-01-01-preview&`$filter=$([uri]::EscapeDataString($Filter))"
        while ($next) {
            $page = Invoke-RestMethod -Uri $next
            $page.Items
            $next = $page.NextPageLink
        }
    }
}

AfterAll {
    $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $previousEndpoint
    $emulator | Stop-AzBillingEmulator
}

Describe 'Get-AzRetailPrice' {
    BeforeEach { Clear-EmulatorFault $emulator }

    It 'reads prices without signing in, one typed object per price, with the API filter built from the parameters' {
        $prices = Get-AzRetailPrice -ServiceName 'Virtual Machines' -ArmRegionName westeurope -ArmSkuName Standard_D4s_v3
        $raw = @(Get-RawRetailItem "serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope' and armSkuName eq 'Standard_D4s_v3'")

        $prices | Should -HaveCount $raw.Count
        $prices[0] | Should -BeOfType 'AzBillingInsights.RetailPriceItem'
        $prices.MeterId | Sort-Object -Unique | Should -Be ($raw.meterId | Sort-Object -Unique)
    }

    It 'carries savings-plan prices, reservation terms and the hourly price of a reservation' {
        $prices = Get-AzRetailPrice -ServiceName 'Virtual Machines' -ArmRegionName eastus -ArmSkuName Standard_D4s_v3
        $payg = $prices | Where-Object { $_.Type -eq 'Consumption' -and $_.SavingsPlan1Year } | Select-Object -First 1
        $payg.SavingsPlan3Years | Should -BeLessThan $payg.SavingsPlan1Year
        $payg.SavingsPlan1Year | Should -BeLessThan $payg.UnitPrice
        $oneYear = $prices | Where-Object ReservationTerm -eq '1 Year'
        $oneYear.HourlyReservationPrice | Should -Be ($oneYear.UnitPrice / 8760)
        ($prices | Where-Object ReservationTerm -eq '3 Years') | Should -HaveCount 1
    }

    It 'folds the tiers of a graduated meter into one object, ascending' {
        $stored = Get-AzRetailPrice -ServiceName Storage -ArmRegionName westeurope -MeterName 'Hot LRS Data Stored'
        $raw = @(Get-RawRetailItem "serviceName eq 'Storage' and armRegionName eq 'westeurope' and meterName eq 'Hot LRS Data Stored'")

        $stored | Should -HaveCount 1
        $raw.Count | Should -BeGreaterThan 1
        $stored.Tiers.StartQuantity | Should -Be ($raw.tierMinimumUnits | Sort-Object)
        $stored.UnitOfMeasure | Should -Be '1 GB/Month'
        $stored.UnitMultiplier | Should -Be 1
    }

    It 'parses units of measure into multipliers' {
        $operations = Get-AzRetailPrice -ServiceName Storage -ArmRegionName westeurope -MeterName 'Hot LRS Write Operations'
        $operations.UnitOfMeasure | Should -Be '10K'
        $operations.UnitMultiplier | Should -Be 10000
    }

    It 'compares filter values case-sensitively, as the API does' {
        @(Get-AzRetailPrice -ServiceName 'redis cache' -ArmRegionName westeurope) | Should -HaveCount 0
        @(Get-AzRetailPrice -ServiceName 'Redis Cache' -ArmRegionName westeurope).Count | Should -BeGreaterThan 0
    }

    It 'applies wildcards to what the API returns, sending only the exact values' {
        Clear-EmulatorRequest $emulator
        $prices = Get-AzRetailPrice -ServiceName 'Virtual Machines' -ArmRegionName northeurope -ArmSkuName 'standard_d*s_v5' -PriceType Consumption
        $prices.Count | Should -BeGreaterThan 0
        $prices.ArmSkuName | ForEach-Object { $_ | Should -BeLike 'Standard_D*s_v5' }
        $query = [uri]::UnescapeDataString((Get-EmulatorRequest $emulator -PathContains '/api/retail/prices')[0].path)
        $query | Should -Match "serviceName eq 'Virtual Machines' and armRegionName eq 'northeurope' and priceType eq 'Consumption'"
        $query | Should -Not -Match 'armSkuName'
    }

    It 'streams across pages and a consumer that has seen enough stops the reading' {
        Clear-EmulatorRequest $emulator
        $first = Get-AzRetailPrice -ServiceName 'Virtual Machines' | Select-Object -First 5
        $first | Should -HaveCount 5
        @(Get-EmulatorRequest $emulator -PathContains '/api/retail/prices').Count | Should -BeLessOrEqual 2
    }

    It 'follows every page of a long read, with no price twice' {
        $prices = Get-AzRetailPrice -ServiceName 'Virtual Machines' -PriceType Reservation
        $raw = @(Get-RawRetailItem "serviceName eq 'Virtual Machines' and priceType eq 'Reservation'")
        $raw.Count | Should -BeGreaterThan 1000
        $prices | Should -HaveCount $raw.Count
        @($prices | ForEach-Object { "$($_.MeterId)|$($_.SkuId)" } | Sort-Object -Unique) | Should -HaveCount $raw.Count
    }

    It 'converts prices with -CurrencyCode' {
        $usd = Get-AzRetailPrice -ServiceName 'Redis Cache' -ArmRegionName westeurope -MeterName 'C1 Cache' -PriceType Consumption | Select-Object -First 1
        $eur = Get-AzRetailPrice -ServiceName 'Redis Cache' -ArmRegionName westeurope -MeterName 'C1 Cache' -PriceType Consumption -CurrencyCode EUR | Select-Object -First 1
        $eur.CurrencyCode | Should -Be 'EUR'
        $eur.UnitPrice | Should -Be ([math]::Round($usd.UnitPrice * 0.92, 6))
    }

    It 'waits out a 429 with Retry-After and loses no price' {
        $expected = @(Get-AzRetailPrice -ServiceName 'Virtual Machines' -PriceType Reservation).Count
        Add-EmulatorFault $emulator -Kind 429 -PathContains '/api/retail/prices' -Skip 1 -Count 1 -RetryAfterSeconds 1
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $prices = Get-AzRetailPrice -ServiceName 'Virtual Machines' -PriceType Reservation -Force # past the cached answer
        $clock.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1
        $prices | Should -HaveCount $expected
    }

    It 'reports the page to resume from when retries run out, and resuming completes the read' {
        $expected = @(Get-AzRetailPrice -ServiceName 'Virtual Machines' -PriceType Reservation).Count
        Add-EmulatorFault $emulator -Kind 500 -PathContains '/api/retail/prices' -Skip 1 -Count 2
        $read = @(Get-AzRetailPrice -ServiceName 'Virtual Machines' -PriceType Reservation -Force -MaxRetries 1 -ErrorVariable failure -ErrorAction SilentlyContinue)
        $failure | Should -HaveCount 1
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ServiceError*'
        $failure[0].Exception.ContinuationToken | Should -Match '/api/retail/prices'
        Clear-EmulatorFault $emulator
        $rest = @(Get-AzRetailPrice -ServiceName 'Virtual Machines' -PriceType Reservation -ContinuationToken $failure[0].Exception.ContinuationToken)
        ($read.Count + $rest.Count) | Should -Be $expected
    }

    It 'keeps whole answers in the price cache: a repeat and a new process read nothing, -Force downloads again' {
        $env:AZBILLINGINSIGHTS_CACHE_PATH = Join-Path $TestDrive 'retail-items'
        $manifest = Join-Path $script:ModulePath 'AzBillingInsights.psd1'
        # Every detail of every item (tiers, savings plans, reservation terms, dates), as one text to compare.
        $read = {
            param([string] $Force)
            @(
                Get-AzRetailPrice -ServiceName 'Virtual Machines' -ArmRegionName westeurope -ArmSkuName Standard_D4s_v3 -Force:($Force -eq 'yes')
                Get-AzRetailPrice -ServiceName Storage -ArmRegionName westeurope -MeterName 'Hot LRS Data Stored' -Force:($Force -eq 'yes')
            ) | ForEach-Object {
                "$($_.MeterId)|$($_.SkuId)|$($_.Type)|$($_.ReservationTerm)|$($_.UnitOfMeasure)|$($_.EffectiveStartDate.ToString('o'))|$($_.SavingsPlan1Year)|$($_.SavingsPlan3Years)|" +
                (($_.Tiers | ForEach-Object { "$($_.StartQuantity):$($_.UnitPrice)" }) -join ',')
            }
        }
        $session = @"
Import-Module '$manifest'
`$read = { $read }
`$first = (& `$read __FORCE__) -join ';'
`$second = (& `$read no) -join ';'
@{ Items = `$first; Same = (`$first -eq `$second); Cached = @(Get-AzPriceCache -Location Disk | Where-Object Source -eq RetailPrices).Count } | ConvertTo-Json -Compress
"@
        try {
            Clear-EmulatorRequest $emulator
            $downloaded = Invoke-FreshSession $session.Replace('__FORCE__', 'no')
            @(Get-EmulatorRequest $emulator -PathContains '/api/retail/prices').Count | Should -Be 2 -Because 'each query is read once; the repeat in the same process is served from memory'
            $downloaded.Same | Should -BeTrue
            $downloaded.Cached | Should -Be 2

            Clear-EmulatorRequest $emulator
            $fromDisk = Invoke-FreshSession $session.Replace('__FORCE__', 'no')
            @(Get-EmulatorRequest $emulator -PathContains '/api/retail/prices').Count | Should -Be 0 -Because 'a new process reads the disk cache'
            $fromDisk.Items | Should -BeExactly $downloaded.Items
            $fromDisk.Items | Should -Match '\|3 Years\|' # reservation terms survive the disk
            $fromDisk.Items | Should -Match ':[0-9.]+,[0-9.]+:' # and graduated tiers

            Clear-EmulatorRequest $emulator
            $null = Invoke-FreshSession $session.Replace('__FORCE__', 'yes')
            @(Get-EmulatorRequest $emulator -PathContains '/api/retail/prices').Count | Should -Be 2 -Because '-Force downloads again (once: the repeat without -Force is then served)'
        }
        finally {
            $env:AZBILLINGINSIGHTS_CACHE_PATH = $script:PesterCachePath
        }
    }

    It 'lists the cached answers with Get-AzPriceCache and forgets them with Clear-AzPriceCache, under the old names too' {
        Clear-AzPriceCache
        $null = Get-AzRetailPrice -ServiceName 'Redis Cache' -ArmRegionName westeurope
        $entries = @(Get-AzPriceCache | Where-Object Source -eq RetailPrices)
        @($entries.Location | ForEach-Object ToString | Sort-Object) | Should -Be @('Disk', 'Memory')
        $entries[0].Query | Should -Match "serviceName eq 'Redis Cache'"
        $entries | Clear-AzRateCardCache
        Get-AzRateCardCache | Should -BeNullOrEmpty
        Clear-EmulatorRequest $emulator
        $null = Get-AzRetailPrice -ServiceName 'Redis Cache' -ArmRegionName westeurope
        @(Get-EmulatorRequest $emulator -PathContains '/api/retail/prices').Count | Should -Be 1
    }

    It 'refuses plain http to a host that is not loopback' {
        { Get-AzRetailPrice -ServiceName Storage -Endpoint 'http://prices.example.com/' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InsecureEndpoint*'
    }

    It 'completes real service names and regions' {
        $line = 'Get-AzRetailPrice -ServiceName Virt'
        $services = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $services | Should -Contain "'Virtual Machines'"
        $line = 'Get-AzRetailPrice -ArmRegionName westeu'
        $regions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $regions | Should -Contain 'westeurope'
    }

    It 'shows a table view by default' {
        $text = Get-AzRetailPrice -ServiceName 'Redis Cache' -ArmRegionName westeurope -MeterName 'C1 Cache' | Out-String -Width 80
        $text | Should -Match 'SkuName\s+MeterName\s+Region\s+Type\s+UnitPrice\s+Unit'
        $text | Should -Match 'USD'
    }
}
