BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $subscription = $emulator.SubscriptionIds[0]
    $roles = @{}; $emulator.SubscriptionIds | ForEach-Object { $roles[$_] = 'Reader' }
    Connect-AzBillingInsights -AccessToken (New-EmulatorToken $emulator 'period-reader' $roles) -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
}

AfterAll {
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}

Describe 'Get-AzBillingInsightsPeriod' {
    It 'lists the billing periods newest first, each with the invoice that bills it' {
        $periods = Get-AzBillingInsightsPeriod
        $invoices = Get-AzInvoice
        $periods | Should -HaveCount $invoices.Count
        $periods.BillingPeriodEndDate | Should -Be $invoices.InvoicePeriodEndDate
        $periods.InvoiceNames | Should -Be $invoices.Name
        # The end date is the period's last day, as the service states it; the period is named after the month that follows.
        $periods[0].Name | Should -Be $periods[0].BillingPeriodEndDate.AddDays(1).ToString('yyyyMM-1')
    }

    It 'reads the billing period of an invoice by name' {
        $invoice = Get-AzInvoice -Latest
        $period = Get-AzBillingInsightsPeriod -Name $invoice.BillingPeriodNames
        $period.InvoiceNames | Should -Be $invoice.Name
        $period.BillingPeriodStartDate | Should -Be $invoice.InvoicePeriodStartDate
    }

    It 'filters on the period end date and takes the newest N' {
        $all = Get-AzBillingInsightsPeriod
        (Get-AzBillingInsightsPeriod -From $all[2].BillingPeriodEndDate).Name | Should -Be $all[0..2].Name
        (Get-AzBillingInsightsPeriod -To $all[1].BillingPeriodEndDate -First 1).Name | Should -Be $all[1].Name
    }

    It 'stays readable on a subscription that has not opted in to invoices' {
        Get-AzBillingInsightsPeriod -SubscriptionId $emulator.SubscriptionIds[2] -First 1 | Should -HaveCount 1
    }
}
