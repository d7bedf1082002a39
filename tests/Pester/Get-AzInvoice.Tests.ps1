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
        $invoices[0].InvoicePeriodStartDate | Should -Be $invoices[0].InvoicePeriodEndDate.AddDays(1).AddMonths(-1)
        $invoices[0].BillingPeriodNames | Should -Be $invoices[0].InvoicePeriodEndDate.AddDays(1).ToString('yyyyMM-1')
        $invoices.Name | ForEach-Object { $_ | Should -Match '^\d{6}-\d{15}$' }
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

    It 'reads every invoice by following nextLink, never sending $top unasked' {
        # $top keeps only the newest N of the whole list: a fixed $top=100 loses the oldest of a longer history.
        Clear-EmulatorRequest $emulator
        $invoices = Get-AzInvoice
        $invoices | Should -HaveCount $issued.Count
        $requests = @(Get-EmulatorRequest $emulator -PathContains 'Microsoft.Billing/invoices')
        $requests.Count | Should -BeGreaterThan 1
        $requests.path | ForEach-Object { $_ | Should -Not -Match '\$top=|%24top=' }
    }

    It 'keeps the dates as the service states them: periods from the sign-up day to an inclusive end' {
        $creditSubscription = $emulator.SubscriptionIds[1]
        $invoice = Get-AzInvoice -SubscriptionId $creditSubscription -Latest
        $invoice.InvoicePeriodStartDate.Day | Should -Be 3
        $invoice.InvoicePeriodEndDate | Should -Be $invoice.InvoicePeriodStartDate.AddMonths(1).AddDays(-1)
        (Get-AzInvoice -SubscriptionId $creditSubscription -From $invoice.InvoicePeriodEndDate -To $invoice.InvoicePeriodEndDate).Name | Should -Be $invoice.Name
        $table = $invoice | Format-Table | Out-String
        $table | Should -Match 'LastDay'
        $table | Should -Match ([regex]::Escape($invoice.InvoicePeriodEndDate.ToString('yyyy-MM-dd')))
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

    It 'explains the Account Administrator''s opt-in, not the token, when Azure answers 401 with no body' {
        # The same token reads the subscription's usage: the refusal is about invoice access, and connecting again cannot help.
        $day = ([datetimeoffset] (Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/estate").dataHorizon).UtcDateTime.Date.AddDays(-2)
        Get-AzUsageAggregate -SubscriptionId $notOptedIn -StartTime $day -EndTime $day.AddDays(1) | Should -Not -BeNullOrEmpty
        $failure = { Get-AzInvoice -SubscriptionId $notOptedIn -ErrorAction Stop } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvoiceAccessNotEnabled,*'
        $failure.CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure.Exception.Message | Should -BeLike '*401*Account Administrator*opted in to invoice access*'
        $failure.ErrorDetails.RecommendedAction | Should -BeLike '*Account Administrator*opt*in*Access to invoice*'
        $failure.ErrorDetails.RecommendedAction | Should -BeLike '*Connecting again does not help*'
    }

    It 'says the same for Azure''s other refusal shapes (<Shape>)' -ForEach @(@{ Shape = '403' }, @{ Shape = 'InvoiceAccessNotEnabled' }) {
        $other = Start-EmulatorProcess @('--invoice-refusal', $Shape)
        try {
            $otherRoles = @{}; $other.SubscriptionIds | ForEach-Object { $otherRoles[$_] = 'Billing Reader' }
            Connect-AzBillingInsights -AccessToken (New-EmulatorToken $other 'invoice-reader' $otherRoles) -ArmEndpoint $other.Endpoint -SubscriptionId $other.SubscriptionIds[2] | Out-Null
            $failure = { Get-AzInvoice -Latest -ErrorAction Stop } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -BeLike 'InvoiceAccessNotEnabled,*'
            $failure.Exception.Message | Should -BeLike '*403*Account Administrator*'
            $failure.ErrorDetails.RecommendedAction | Should -Not -BeLike '*Connect-AzBillingInsights*'
        }
        finally {
            Stop-Process -Id $other.ProcessId -ErrorAction SilentlyContinue
            Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
        }
    }

    It 'fails with InvoiceNotReady when the list stays 202, instead of listing nothing' {
        Add-EmulatorFault $emulator '202' -PathContains 'Microsoft.Billing/invoices' -Count 11 -RetryAfterSeconds 0
        try {
            $listed = Get-AzInvoice -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        finally {
            Clear-EmulatorFault $emulator
        }
        $listed | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvoiceNotReady,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
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
