BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $subscription = $emulator.SubscriptionIds[0]
    $token = New-EmulatorToken $emulator 'ratecard-reader' @{ $subscription = 'Reader' }
    Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null

    # The truth: the card as an idiomatic script reads it. Invoke-RestMethod follows the 302 and drops the token,
    # but leaves the body as text because of its byte-order mark.
    $filter = [uri]::EscapeDataString("OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'")
    $body = Invoke-RestMethod -Uri "$($emulator.Endpoint)subscriptions/$subscription/providers/Microsoft.Commerce/RateCard?api-version=2016-08-31-preview&`$filter=$filter" -Headers @{ Authorization = "Bearer $token" }
    $raw = $body.TrimStart([char] 0xFEFF) | ConvertFrom-Json
    $rawMeters = @{}
    foreach ($meter in $raw.Meters) { $rawMeters[$meter.MeterId] = $meter }

    function Get-RateCardRequest { @(Get-EmulatorRequest $emulator -PathContains 'RateCard') + @(Get-EmulatorRequest $emulator -PathContains '/_blob/ratecards') }
}

AfterAll {
    Clear-AzRateCardCache
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}

Describe 'Get-AzRateCard' {
    BeforeEach { Clear-EmulatorFault $emulator }

    It 'returns every meter of the card, and Where-Object MeterCategory -eq Storage finds the storage meters' {
        Clear-AzRateCardCache
        $meters = Get-AzRateCard
        $meters | Should -HaveCount $raw.Meters.Count
        $storage = Get-AzRateCard | Where-Object MeterCategory -eq 'Storage'
        $storage | Should -HaveCount @($raw.Meters | Where-Object MeterCategory -eq 'Storage').Count
        $storage[0].Currency | Should -Be 'USD'
        $storage[0].OfferDurableId | Should -Be 'MS-AZR-0003P'
        $storage[0].MeterStatus | Should -BeIn 'Active', 'Deprecated'
    }

    It 'lists the tiers of a tiered meter in ascending order with their prices' {
        $tiered = $raw.Meters | Where-Object { @($_.MeterRates.PSObject.Properties).Count -gt 2 } | Select-Object -First 1
        $meter = Get-AzRateCard -MeterId $tiered.MeterId
        $expected = $tiered.MeterRates.PSObject.Properties | Sort-Object { [decimal] $_.Name }
        $meter.MeterRates | Should -HaveCount @($expected).Count
        for ($i = 0; $i -lt @($expected).Count; $i++) {
            $meter.MeterRates[$i].StartQuantity | Should -Be ([decimal] $expected[$i].Name)
            $meter.MeterRates[$i].UnitPrice | Should -Be ([decimal] $expected[$i].Value)
        }
        $meter.IncludedQuantity | Should -Be ([decimal] $tiered.IncludedQuantity)
    }

    It 'sends the four-clause filter and follows the redirect without the Authorization header' {
        Clear-AzRateCardCache
        Clear-EmulatorRequest $emulator
        Get-AzRateCard | Out-Null
        $call = Get-EmulatorRequest $emulator -PathContains 'Microsoft.Commerce/RateCard'
        $call.path | Should -BeLike "*api-version=2016-08-31-preview&`$filter=$filter"
        $call.status | Should -Be 302
        # The blob answers 400 InvalidAuthenticationInfo to a request that carries a bearer token.
        (Get-EmulatorRequest $emulator -PathContains '/_blob/ratecards').status | Should -Be 200
    }

    It 'serves the second call from the cache with no request to the emulator' {
        Get-AzRateCard | Out-Null
        Clear-EmulatorRequest $emulator
        (Get-AzRateCard | Measure-Object).Count | Should -Be $raw.Meters.Count
        Get-RateCardRequest | Should -BeNullOrEmpty
    }

    It 'downloads again with -Force' {
        Get-AzRateCard | Out-Null
        Clear-EmulatorRequest $emulator
        Get-AzRateCard -Force -MeterCategory 'Storage' | Out-Null
        @(Get-EmulatorRequest $emulator -PathContains '/_blob/ratecards') | Should -HaveCount 1
    }

    It 'serves a new process from the disk cache' {
        $env:AZBILLINGINSIGHTS_CACHE_PATH = Join-Path $TestDrive 'fresh-cache'
        try {
            $script = "Import-Module '$(Join-Path $ModulePath 'AzBillingInsights.psd1')'; " +
                "Connect-AzBillingInsights -AccessToken '$token' -ArmEndpoint '$($emulator.Endpoint)' -SubscriptionId '$subscription' | Out-Null; " +
                "@{ Count = (Get-AzRateCard | Measure-Object).Count; Disk = @(Get-AzRateCardCache -Location Disk).Count } | ConvertTo-Json -Compress"
            $first = Invoke-FreshSession $script
            $first.Count | Should -Be $raw.Meters.Count
            $first.Disk | Should -Be 1
            Clear-EmulatorRequest $emulator
            $second = Invoke-FreshSession $script
            $second.Count | Should -Be $raw.Meters.Count
            Get-RateCardRequest | Should -BeNullOrEmpty
        }
        finally {
            $env:AZBILLINGINSIGHTS_CACHE_PATH = $null
        }
    }

    It 'downloads a card once for concurrent calls from several runspaces' {
        Clear-AzRateCardCache
        Clear-EmulatorRequest $emulator
        $manifest = Join-Path $ModulePath 'AzBillingInsights.psd1'
        $counts = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:manifest
            (Get-AzRateCard -Currency EUR | Measure-Object).Count
        }
        $counts | Should -Be (@($raw.Meters.Count) * 4)
        @(Get-EmulatorRequest $emulator -PathContains 'Microsoft.Commerce/RateCard') | Should -HaveCount 1
    }

    It 'filters by category, region and name with wildcards' {
        $meters = Get-AzRateCard -MeterCategory 'Stor*' -MeterRegion 'US East' -MeterName '*LRS*'
        $meters | Should -Not -BeNullOrEmpty
        $meters | ForEach-Object { $_.MeterCategory | Should -BeLike 'Stor*'; $_.MeterRegion | Should -Be 'US East'; $_.MeterName | Should -BeLike '*LRS*' }
        $expected = @($raw.Meters | Where-Object { $_.MeterCategory -like 'Stor*' -and $_.MeterRegion -eq 'US East' -and $_.MeterName -like '*LRS*' }).Count
        $meters | Should -HaveCount $expected
    }

    It 'returns the offer terms of a credit offer (named by position) and of a commitment offer' {
        $credit = Get-AzRateCard MS-AZR-0059P -OfferTerms
        $credit.Name | Should -Be 'Monetary Credit'
        $credit.Credit | Should -Be 50
        $credit.ExcludedMeterIds | Should -HaveCount 2
        $commitment = Get-AzRateCard -OfferDurableId MS-AZR-0026P -OfferTerms
        $discount = $commitment | Where-Object Name -eq 'Monetary Commitment'
        $discount.TieredDiscount.SpendThreshold | Should -Be @(0, 1000, 5000)
        $discount.TieredDiscount.DiscountPercent | Should -Be @(0, 5, 10)
        ($commitment | Where-Object Name -eq 'Recurring Charge').RecurringCharge | Should -Be 100
    }

    It 'names the four values sent when the service refuses them' {
        $failure = { Get-AzRateCard -Currency XYZ -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidRateCardFilter,*'
        $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
        foreach ($value in "OfferDurableId 'MS-AZR-0003P'", "Currency 'XYZ'", "Locale 'en-US'", "RegionInfo 'US'") {
            $failure.Exception.Message | Should -BeLike "*$value*"
        }
    }

    It 'rejects a malformed offer id before any call' {
        Clear-EmulatorRequest $emulator
        $failure = { Get-AzRateCard -OfferDurableId 'AZR-3' -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        $failure.Exception.Message | Should -BeLike "*OfferDurableId 'AZR-3'*MS-AZR-0003P*"
        Get-RateCardRequest | Should -BeNullOrEmpty
    }

    It 'caches nothing when the blob download is cut off, after writing the meters read before the cut' {
        Clear-AzRateCardCache
        Add-EmulatorFault $emulator -Kind truncate -PathContains '/_blob/ratecards/MS-AZR-0003P_GBP'
        $partial = [System.Collections.Generic.List[object]]::new()
        { Get-AzRateCard -Currency GBP -ErrorAction Stop | ForEach-Object { $partial.Add($_) } } | Should -Throw
        Get-AzRateCardCache | Where-Object Currency -eq 'GBP' | Should -BeNullOrEmpty
        $whole = @(Get-AzRateCard -Currency GBP)
        $whole | Should -HaveCount $raw.Meters.Count
        # Meters are written as the body is read: the emulator sends half the body before the cut, so the meters in
        # that half were written, in card order, and no more.
        $partial.Count | Should -BeGreaterThan 0
        $partial.Count | Should -BeLessThan $whole.Count
        ($partial.MeterId -join ',') | Should -BeExactly ($whole[0..($partial.Count - 1)].MeterId -join ',')
        $partial[0].Currency | Should -Be 'GBP'
    }

    It 'writes the same meters in the same order whether the card is downloaded or cached (<Name>)' -ForEach @(
        @{ Name = 'all meters'; Filter = @{} }
        @{ Name = 'filtered'; Filter = @{ MeterCategory = 'Stor*'; MeterRegion = 'US East', 'EU West' } }
    ) {
        Clear-AzRateCardCache
        $cold = @(Get-AzRateCard @Filter)
        $warm = @(Get-AzRateCard @Filter)
        $cold.Count | Should -BeGreaterThan 0
        $cold.Count | Should -Be $warm.Count
        ($cold.MeterId -join ',') | Should -BeExactly ($warm.MeterId -join ',')
        ($cold.Currency | Sort-Object -Unique) | Should -BeExactly 'USD'
        ($cold.Locale | Sort-Object -Unique) | Should -BeExactly 'en-US'
        # A card is spelled one way whatever the call's spelling: the same card, and the same values on its meters.
        $lower = Get-AzRateCard -OfferDurableId 'ms-azr-0003p' -Currency 'usd' -Locale 'EN-us' -RegionInfo 'us' -MeterId $cold[0].MeterId
        $lower.OfferDurableId | Should -BeExactly 'MS-AZR-0003P'
        $lower.Currency | Should -BeExactly 'USD'
        $lower.Locale | Should -BeExactly 'en-US'
        $lower.RegionInfo | Should -BeExactly 'US'
    }

    It 'never writes the signed blob link to the verbose stream' {
        $verbose = Get-AzRateCard -Force -MeterCategory 'Storage' -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose | Should -Not -BeNullOrEmpty
        ($verbose.Message -join "`n") | Should -Not -Match 'sig=|_blob'
    }
}

Describe 'Argument completion of the rate-card parameters' {
    BeforeAll {
        function Get-Completion([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
        }
    }

    It 'completes <Line> with <Expected>' -ForEach @(
        @{ Line = 'Get-AzRateCard -OfferDurableId MS-AZR-00'; Expected = 'MS-AZR-0003P' }
        @{ Line = 'Get-AzRateCard -OfferDurableId Visual'; Expected = 'MS-AZR-0059P' }
        @{ Line = 'Get-AzRateCard -Currency EU'; Expected = 'EUR' }
        @{ Line = 'Get-AzRateCard -Locale de-'; Expected = 'de-DE' }
        @{ Line = 'Get-AzRateCard -RegionInfo Swi'; Expected = 'CH' }
        @{ Line = 'Measure-AzEstimatedCost -OfferDurableId Pay'; Expected = 'MS-AZR-0003P' }
        @{ Line = 'Measure-AzEstimatedCost -CompareOffer Enterprise'; Expected = 'MS-AZR-0017P' }
        @{ Line = 'Measure-AzEstimatedCost -Currency GB'; Expected = 'GBP' }
        @{ Line = 'Export-AzCostReport -Locale ja'; Expected = 'ja-JP' }
        @{ Line = 'Export-AzCostReport -RegionInfo Jap'; Expected = 'JP' }
    ) {
        $matches = Get-Completion $Line
        $matches.CompletionText | Should -Contain $Expected
        ($matches | Where-Object CompletionText -eq $Expected).ResultType | Should -Be 'ParameterValue'
    }

    It 'offers nothing that does not match what was typed' {
        (Get-Completion 'Get-AzRateCard -Currency ZZZ') | Should -BeNullOrEmpty
    }
}
