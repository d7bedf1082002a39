BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $subscription = $emulator.SubscriptionIds[0]
    $notOptedIn = $emulator.SubscriptionIds[2]
    $roles = @{}; $emulator.SubscriptionIds | ForEach-Object { $roles[$_] = 'Billing Reader' }
    $token = New-EmulatorToken $emulator 'invoice-reader' $roles
    Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
    $issued = @(Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/months?subscriptionId=$subscription" | ForEach-Object { $_ } | Where-Object invoiceName)
}

AfterAll {
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}

Describe 'Get-AzInvoice' {
    It 'lists every issued invoice, newest first, with its period and billing period' {
        $invoices = Get-AzInvoice
        $invoices | Should -HaveCount $issued.Count
        $invoices.Name | Sort-Object | Should -Be ($issued.invoiceName | Sort-Object)
        $ends = $invoices.InvoicePeriodEndDate
        $ends | Should -Be ($ends | Sort-Object -Descending)
        $invoices[0].InvoicePeriodStartDate | Should -Be $invoices[0].InvoicePeriodEndDate.AddMonths(-1)
        $invoices[0].BillingPeriodNames | Should -Be $invoices[0].InvoicePeriodEndDate.ToString('yyyyMM-1')
        $invoices[0].SubscriptionId | Should -Be $subscription
        $invoices[0].DownloadUrlExpiry | Should -BeGreaterThan ([datetimeoffset]::UtcNow)
    }

    It 'returns the newest invoice with -Latest' {
        $latest = Get-AzInvoice -Latest
        $latest.Name | Should -Be (Get-AzInvoice -First 1).Name
        $latest.DownloadUrl | Should -Not -BeNullOrEmpty
    }

    It 'takes only the newest N with -First, sent as $top' {
        Clear-EmulatorRequest $emulator
        $two = Get-AzInvoice -First 2
        $two.Name | Should -Be (Get-AzInvoice | Select-Object -First 2).Name
        (Get-EmulatorRequest $emulator -PathContains 'Microsoft.Billing/invoices')[0].path | Should -BeLike '*$top=2*'
    }

    It 'filters on the period end date with -From and -To' {
        $all = Get-AzInvoice
        $from = $all[-2].InvoicePeriodEndDate; $to = $all[1].InvoicePeriodEndDate
        Clear-EmulatorRequest $emulator
        $window = Get-AzInvoice -From $from -To $to
        $window.Name | Should -Be ($all | Where-Object { $_.InvoicePeriodEndDate -ge $from -and $_.InvoicePeriodEndDate -le $to }).Name
        $window | Should -HaveCount ($all.Count - 2)
        $filter = [uri]::EscapeDataString("invoicePeriodEndDate ge $($from.ToString('yyyy-MM-dd')) and invoicePeriodEndDate le $($to.ToString('yyyy-MM-dd'))")
        (Get-EmulatorRequest $emulator -PathContains 'Microsoft.Billing/invoices').path | Should -BeLike "*`$filter=$filter*"
    }

    It 'reads invoices by name, reporting a missing one and carrying on' {
        $names = (Get-AzInvoice -First 2).Name
        $found = Get-AzInvoice -Name $names[0], '2000-01-05-000000000', $names[1] -ErrorVariable failures -ErrorAction SilentlyContinue
        $found.Name | Should -Be $names
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NotFound,*'
        $failures[0].TargetObject | Should -Be '2000-01-05-000000000'
    }

    It 'says what the account admin must do when the subscription has not opted in' {
        $failure = { Get-AzInvoice -SubscriptionId $notOptedIn -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvoiceAccessNotEnabled,*'
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure.ErrorDetails.RecommendedAction | Should -BeLike '*Account Administrator*opt*in*Access to invoice*'
    }

    It 'takes subscriptions from the pipeline and goes on after one that refuses' {
        $invoices = $emulator.SubscriptionIds | ForEach-Object { [pscustomobject]@{ SubscriptionId = $_ } } |
            Get-AzInvoice -Latest -ErrorVariable failures -ErrorAction SilentlyContinue
        $invoices.SubscriptionId | Should -Be $emulator.SubscriptionIds[0..1]
        $failures | Should -HaveCount 1
    }

    It 'never shows the signed download link in its views' {
        $text = Get-AzInvoice -First 3 | Format-Table | Out-String
        $text += Get-AzInvoice -First 3 | Format-List | Out-String
        $text | Should -Not -Match 'sig=|_blob'
        $text | Should -Match ((Get-AzInvoice -Latest).Name)
    }
}
