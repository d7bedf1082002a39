# The first-run check, with principals the emulator grants different roles.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $previousEndpoint = $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT
    $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $emulator.Endpoint
    $estate = Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/estate"
    $optedIn = ($estate.subscriptions | Where-Object invoicesOptedIn)[0].subscriptionId
    $notOptedIn = ($estate.subscriptions | Where-Object { -not $_.invoicesOptedIn })[0].subscriptionId

    <# Connects as a principal with the given roles and runs the check; returns the objects keyed by API. #>
    function Test-As([string] $Principal, [hashtable] $Roles, [string] $SubscriptionId, [string] $Audience = 'https://management.azure.com/') {
        $token = New-EmulatorToken $emulator -Principal $Principal -Roles $Roles -Audience $Audience
        Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $SubscriptionId | Out-Null
        $checks = @{}
        Test-AzBillingInsights | ForEach-Object { $checks[$_.Api] = $_ }
        $checks
    }
}

AfterAll {
    $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $previousEndpoint
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}

Describe 'Test-AzBillingInsights' {
    AfterEach { Disconnect-AzBillingInsights }

    It 'finds every API readable for a Reader on an opted-in subscription, with one call per API' {
        Clear-EmulatorRequest $emulator
        $checks = Test-As 'reader@contoso.com' @{ $optedIn = @('Reader') } $optedIn
        $checks.Keys | Sort-Object | Should -Be @('BillingPeriods', 'Invoices', 'RateCard', 'RetailPrices', 'Usage')
        $checks.Values | ForEach-Object {
            $_ | Should -BeOfType AzBillingInsights.BillingAccessCheck
            $_.CanRead | Should -BeTrue -Because "$($_.Api): $($_.Reason)"
            $_.Status | Should -Be 'Readable'
            $_.Grant | Should -BeNullOrEmpty
            $_.Account | Should -Be 'reader@contoso.com'
        }
        $requests = @(Get-EmulatorRequest $emulator "/subscriptions/$optedIn")
        $requests.Count | Should -Be 4
        @(Get-EmulatorRequest $emulator '/api/retail/prices').Count | Should -Be 1 -Because 'Retail Prices is checked with one anonymous call'
        @(Get-EmulatorRequest $emulator '/_blob/').Count | Should -Be 0 -Because 'the rate card itself is not downloaded'
    }

    It 'says invoices need the Account Administrator''s opt-in, and billing periods stay readable' {
        $checks = Test-As 'billing-reader@contoso.com' @{ $notOptedIn = @('Billing Reader') } $notOptedIn
        $checks.Usage.CanRead | Should -BeTrue
        $checks.RateCard.CanRead | Should -BeTrue
        $checks.BillingPeriods.CanRead | Should -BeTrue
        $checks.Invoices.CanRead | Should -BeFalse
        $checks.Invoices.Status | Should -Be 'NotOptedIn'
        $checks.Invoices.Reason | Should -Not -BeNullOrEmpty # the emulator refuses as Azure mostly does: 401, no body
        $checks.Invoices.Grant | Should -BeLike "*Account Administrator*Access to invoice*Reader, Billing Reader, Contributor or Owner on subscription $notOptedIn*"
    }

    It 'names the missing role and read action for a principal whose role is on another subscription' {
        $checks = Test-As 'elsewhere@contoso.com' @{ $notOptedIn = @('Reader') } $optedIn
        foreach ($api in 'Usage', 'RateCard', 'Invoices', 'BillingPeriods') {
            $checks[$api].CanRead | Should -BeFalse
            $checks[$api].Status | Should -Be ($api -eq 'Invoices' ? 'NotOptedIn' : 'NoRole') # Azure does not tell the two apart for invoices
            $checks[$api].ErrorCode | Should -Be 'AuthorizationFailed'
            $checks[$api].Reason | Should -BeLike '*elsewhere@contoso.com*'
            $checks[$api].Grant | Should -BeLike "*Reader, Billing Reader, Contributor or Owner on subscription $optedIn*"
            $checks[$api].RequestId | Should -Not -BeNullOrEmpty
        }
        $checks.Usage.Grant | Should -BeLike '*Microsoft.Commerce/UsageAggregates/read*'
        $checks.RateCard.Grant | Should -BeLike '*Microsoft.Commerce/RateCard/read*'
        $checks.BillingPeriods.Grant | Should -BeLike '*Microsoft.Billing/billingPeriods/read*'
    }

    It 'says the token itself was refused when it was issued for another audience' {
        $checks = Test-As 'storage@contoso.com' @{ $optedIn = @('Reader') } $optedIn -Audience 'https://storage.azure.com/'
        $checks.RetailPrices.CanRead | Should -BeTrue -Because 'Retail Prices takes no token'
        $checks.Values | Where-Object Api -ne 'RetailPrices' | ForEach-Object {
            $_.Status | Should -Be 'TokenRejected'
            $_.Reason | Should -BeLike 'InvalidAuthenticationTokenAudience:*'
            $_.Grant | Should -BeLike 'Connect again*'
        }
    }

    It 'checks each piped subscription, and reports an unknown one as NotFound' {
        $token = New-EmulatorToken $emulator -Principal 'two@contoso.com' -Roles @{ $optedIn = @('Reader'); $notOptedIn = @('Reader') }
        Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint | Out-Null
        $checks = @($optedIn, $notOptedIn, '00000000-0000-0000-0000-00000000abcd' | ForEach-Object { [pscustomobject]@{ Id = $_ } } | Test-AzBillingInsights)
        $checks.Count | Should -Be 15
        ($checks | Where-Object { $_.SubscriptionId -eq '00000000-0000-0000-0000-00000000abcd' -and $_.Api -ne 'RetailPrices' }).Status | Sort-Object -Unique | Should -Be 'NotFound'
        ($checks | Where-Object Api -eq 'RetailPrices').CanRead | Should -Be @($true, $true, $true) -Because 'Retail Prices belongs to no subscription'
        ($checks | Where-Object { $_.SubscriptionId -eq $notOptedIn -and $_.Api -eq 'Invoices' }).Status | Should -Be 'NotOptedIn'
    }

    It 'says an unreachable Retail Prices endpoint is about the network or the endpoint setting, not a role' {
        $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = 'http://127.0.0.1:9/'
        try { $checks = Test-As 'reader@contoso.com' @{ $optedIn = @('Reader') } $optedIn }
        finally { $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $emulator.Endpoint }
        $checks.Usage.CanRead | Should -BeTrue
        $checks.RetailPrices.CanRead | Should -BeFalse
        $checks.RetailPrices.Status | Should -Be 'Failed'
        $checks.RetailPrices.Reason | Should -BeLike '*http://127.0.0.1:9/*'
        $checks.RetailPrices.Grant | Should -BeLike 'Nothing to grant*AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT*'
    }

    It 'shows one line per API in an 80-column table, with what would grant it' {
        Test-As 'elsewhere@contoso.com' @{ $notOptedIn = @('Reader') } $optedIn | Out-Null
        $text = Test-AzBillingInsights | Out-String -Width 80
        ($text -split "`r?`n") | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $text | Should -Match "Subscription: $optedIn as elsewhere@contoso.com"
        $text | Should -Match 'Api\s+CanRead\s+Status\s+What would grant it'
        $text | Should -Match 'Usage\s+No\s+NoRole\s+A role with'
    }
}
