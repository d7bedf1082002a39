BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $subscription = $emulator.SubscriptionIds[0]
    $token = New-EmulatorToken $emulator 'cache-reader' @{ $subscription = 'Reader' }
    Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null

    function Get-RateCardCall { @(Get-EmulatorRequest $emulator -PathContains 'Microsoft.Commerce/RateCard') }
}

AfterAll {
    Clear-AzRateCardCache
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}

Describe 'Get-AzRateCardCache and Clear-AzRateCardCache' {
    BeforeEach {
        Clear-AzRateCardCache
        Get-AzRateCard -MeterId none | Out-Null
        Get-AzRateCard -Currency EUR -MeterId none | Out-Null
        Clear-EmulatorRequest $emulator
    }

    It 'lists each downloaded card in memory and on disk with its meter count and file' {
        $entries = Get-AzRateCardCache | Where-Object OfferDurableId -eq 'MS-AZR-0003P'
        $entries | Should -HaveCount 4
        ($entries | Where-Object Location -eq 'Memory').Currency | Sort-Object | Should -Be 'EUR', 'USD'
        $disk = $entries | Where-Object { $_.Location -eq 'Disk' -and $_.Currency -eq 'USD' }
        $disk.Path | Should -Exist
        $disk.Path | Should -BeLike "$env:AZBILLINGINSIGHTS_CACHE_PATH*"
        $disk.MeterCount | Should -BeGreaterThan 1000
        $disk.IsExpired | Should -BeFalse
        $disk.ExpiresAt - $disk.RetrievedAt | Should -Be ([timespan]::FromDays(1))
    }

    It 'clears memory only, so the next call reads the disk copy without a download' {
        Clear-AzRateCardCache -Location Memory
        Get-AzRateCardCache -Location Memory | Should -BeNullOrEmpty
        @(Get-AzRateCardCache -Location Disk) | Should -HaveCount 2
        Get-AzRateCard -MeterId none | Out-Null
        Get-RateCardCall | Should -BeNullOrEmpty
    }

    It 'clears only the card piped from Get-AzRateCardCache' {
        Get-AzRateCardCache | Where-Object Currency -eq 'EUR' | Clear-AzRateCardCache
        (Get-AzRateCardCache).Currency | Sort-Object -Unique | Should -Be 'USD'
        Get-AzRateCard -MeterId none | Out-Null
        Get-RateCardCall | Should -BeNullOrEmpty
        Get-AzRateCard -Currency EUR -MeterId none | Out-Null
        Get-RateCardCall | Should -HaveCount 1
    }

    It 'clears everything, so the next call downloads' {
        Clear-AzRateCardCache
        Get-AzRateCardCache | Should -BeNullOrEmpty
        Get-AzRateCard -MeterId none | Out-Null
        Get-RateCardCall | Should -HaveCount 1
    }

    It 'removes nothing with -WhatIf' {
        Clear-AzRateCardCache -WhatIf
        @(Get-AzRateCardCache) | Should -HaveCount 4
    }
}

Describe 'Set-AzRateCardCache' {
    AfterAll { Set-AzRateCardCache -Expiry 1.00:00:00 -Path (Join-Path $env:AZBILLINGINSIGHTS_CACHE_PATH 'ratecards') }

    It 'changes the expiry of cached cards, so an expired card is downloaded again' {
        Clear-AzRateCardCache
        Get-AzRateCard -MeterId none | Out-Null
        Set-AzRateCardCache -Expiry 00:00:01
        (Get-AzRateCardCache -Location Memory).ExpiresAt - (Get-AzRateCardCache -Location Memory).RetrievedAt | Should -Be ([timespan]::FromSeconds(1))
        Start-Sleep -Milliseconds 1100
        Clear-EmulatorRequest $emulator
        Get-AzRateCard -MeterId none | Out-Null
        Get-RateCardCall | Should -HaveCount 1
    }

    It 'moves the disk cache to another folder, or turns it off' {
        Set-AzRateCardCache -Expiry 1.00:00:00 -Path (Join-Path $TestDrive 'moved')
        Clear-AzRateCardCache
        Get-AzRateCard -MeterId none | Out-Null
        (Get-AzRateCardCache -Location Disk).Path | Should -BeLike (Join-Path $TestDrive 'moved/*')
        Set-AzRateCardCache -NoDiskCache
        Get-AzRateCardCache -Location Disk | Should -BeNullOrEmpty
    }
}

Describe 'Rate cards of different endpoints' {
    BeforeAll {
        $other = Start-AzBillingEmulator -ResourceCount 20 -Seed 8
        $otherSubscription = $other.SubscriptionIds[0]
        $otherToken = New-EmulatorToken $other 'cache-reader' @{ $otherSubscription = 'Reader' }
        function Get-OtherRateCardCall { @(Get-EmulatorRequest $other -PathContains 'Microsoft.Commerce/RateCard') }
        $firstOrigin = ([uri] $emulator.Endpoint).GetLeftPart('Authority') + '/'
        $otherOrigin = ([uri] $other.Endpoint).GetLeftPart('Authority') + '/'
    }

    AfterAll {
        Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
        $other | Stop-AzBillingEmulator
    }

    It 'reads the card of the endpoint connected to, never one cached from another, in memory or on disk in a new process' {
        Clear-AzRateCardCache
        Get-AzRateCard -MeterId none | Out-Null
        Connect-AzBillingInsights -AccessToken $otherToken -ArmEndpoint $other.Endpoint -SubscriptionId $otherSubscription | Out-Null
        Clear-EmulatorRequest $other

        Get-AzRateCard -MeterId none | Out-Null
        Get-OtherRateCardCall | Should -HaveCount 1
        (Get-AzRateCardCache -Location Memory).Origin | Sort-Object | Should -Be (@($firstOrigin, $otherOrigin) | Sort-Object)

        # A new process connected to the second endpoint takes that endpoint's card from disk: no download, and not the first one's.
        Clear-EmulatorRequest $other
        $session = Invoke-FreshSession @"
Import-Module '$(Join-Path $ModulePath 'AzBillingInsights.psd1')'
Connect-AzBillingInsights -AccessToken '$otherToken' -ArmEndpoint '$($other.Endpoint)' -SubscriptionId '$otherSubscription' | Out-Null
`$meters = @(Get-AzRateCard).Count
@{ Meters = `$meters; Origins = @((Get-AzRateCardCache -Location Memory).Origin) } | ConvertTo-Json -Compress
"@
        Get-OtherRateCardCall | Should -BeNullOrEmpty
        $session.Origins | Should -Be $otherOrigin
        $session.Meters | Should -BeGreaterThan 1000
    }

    It 'clears the cards of one origin only, whatever its spelling' {
        Clear-AzRateCardCache -Origin ($otherOrigin.ToUpperInvariant().TrimEnd('/'))
        (Get-AzRateCardCache).Origin | Sort-Object -Unique | Should -Be $firstOrigin
    }

    It 'refuses an origin that is not an address, with a specific error' {
        { Clear-AzRateCardCache -Origin 'not a uri' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidOrigin,AzBillingInsights.Commands.ClearAzPriceCacheCommand'
    }
}
