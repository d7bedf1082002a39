BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $subscription = $emulator.SubscriptionIds[0]
    Connect-AzBillingInsights -AccessToken (New-EmulatorToken $emulator 'invoice-saver' @{ $subscription = 'Billing Reader' }) -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
    $months = @(Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/months?subscriptionId=$subscription" | ForEach-Object { $_ })

    function New-EmptyFolder { (New-Item -ItemType Directory -Path (Join-Path $TestDrive ([guid]::NewGuid()))).FullName }
}

AfterAll {
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}

Describe 'Save-AzInvoice' {
    BeforeEach { Clear-EmulatorFault $emulator }

    It 'saves the latest invoice as a valid PDF named after it: Get-AzInvoice -Latest | Save-AzInvoice -Path $TestDrive' {
        $latest = Get-AzInvoice -Latest
        $file = $latest | Save-AzInvoice -Path $TestDrive
        $file.FullName | Should -Be (Join-Path $TestDrive "$($latest.Name).pdf")
        $bytes = [IO.File]::ReadAllBytes($file.FullName)
        [Text.Encoding]::ASCII.GetString($bytes, 0, 5) | Should -Be '%PDF-'
        $text = [Text.Encoding]::ASCII.GetString($bytes)
        $text.TrimEnd() | Should -BeLike '*%%EOF'
        $month = $months | Where-Object invoiceName -eq $latest.Name
        $text | Should -Match ([regex]::Escape("Total charges: USD $(([decimal] $month.charges).ToString('0.00', [cultureinfo]::InvariantCulture))"))
    }

    It 'saves to a file name, and by -Name' {
        $name = (Get-AzInvoice -First 2)[1].Name
        $path = Join-Path $TestDrive 'october.pdf'
        Save-AzInvoice -Name $name -Path $path | Out-Null
        $path | Should -Exist
        (Get-Content -LiteralPath $path -Raw) | Should -Match ([regex]::Escape($name))
    }

    It 'writes nothing and downloads nothing with -WhatIf' {
        $folder = New-EmptyFolder
        Clear-EmulatorRequest $emulator
        Get-AzInvoice -First 3 | Save-AzInvoice -Path $folder -WhatIf
        Get-ChildItem -LiteralPath $folder -Force | Should -BeNullOrEmpty
        Get-EmulatorRequest $emulator -PathContains '/_blob/invoices' | Should -BeNullOrEmpty
    }

    It 'leaves no file when the download is cut off' {
        $folder = New-EmptyFolder
        Add-EmulatorFault $emulator -Kind truncate -PathContains '/_blob/invoices'
        $failure = { Get-AzInvoice -Latest | Save-AzInvoice -Path $folder -ErrorAction Stop } | Should -Throw -PassThru
        Get-ChildItem -LiteralPath $folder -Force | Should -BeNullOrEmpty
        "$failure $($failure.ErrorDetails.RecommendedAction)" | Should -Not -Match 'sig=|_blob'
        (Get-EmulatorRequest $emulator -PathContains '/_blob/invoices')[-1].fault | Should -Be 'truncate'
    }

    It 'retries a connection reset before the response and saves the invoice' {
        $folder = New-EmptyFolder
        Add-EmulatorFault $emulator -Kind reset -PathContains '/_blob/invoices'
        $file = Get-AzInvoice -Latest | Save-AzInvoice -Path $folder
        $file.Length | Should -BeGreaterThan 0
        @(Get-ChildItem -LiteralPath $folder -Force) | Should -HaveCount 1
    }

    It 'does not overwrite an existing file without -Force' {
        $folder = New-EmptyFolder
        $latest = Get-AzInvoice -Latest
        $path = Join-Path $folder "$($latest.Name).pdf"
        Set-Content -LiteralPath $path -Value 'mine'
        $latest | Save-AzInvoice -Path $folder -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'FileExists,*'
        Get-Content -LiteralPath $path | Should -Be 'mine'
        $latest | Save-AzInvoice -Path $folder -Force | Out-Null
        [IO.File]::ReadAllText($path) | Should -BeLike '%PDF-*'
    }

    It 'never writes the signed link to the verbose stream' {
        $verbose = Get-AzInvoice -Latest | Save-AzInvoice -Path (New-EmptyFolder) -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose | Should -Not -BeNullOrEmpty
        ($verbose.Message -join "`n") | Should -Not -Match 'sig=|_blob'
    }
}

Describe 'Save-AzInvoice with short-lived download links' {
    BeforeAll {
        $shortLived = Start-EmulatorProcess '--download-url-lifetime-seconds', '2'
        $sub = $shortLived.SubscriptionIds[0]
        $shortToken = New-EmulatorToken $shortLived 'invoice-saver' @{ $sub = 'Billing Reader' }
        Connect-AzBillingInsights -AccessToken $shortToken -ArmEndpoint $shortLived.Endpoint -SubscriptionId $sub | Out-Null
    }

    AfterAll {
        Stop-Process -Id $shortLived.ProcessId -ErrorAction SilentlyContinue
    }

    It 'reads the invoice again for a fresh link when the listed one has expired' {
        $invoice = Get-AzInvoice -First 1
        Start-Sleep -Seconds 3
        Clear-EmulatorRequest $shortLived
        $file = $invoice | Save-AzInvoice -Path (New-EmptyFolder)
        [IO.File]::ReadAllText($file.FullName) | Should -BeLike '%PDF-*'
        $requests = @(Invoke-RestMethod "$($shortLived.Endpoint)_emulator/requests" | ForEach-Object { $_ })
        $requests.path | Should -Contain "/subscriptions/$sub/providers/Microsoft.Billing/invoices/$($invoice.Name)?api-version=2018-03-01-preview"
        ($requests | Where-Object path -like '/_blob/invoices/*').status | Should -Be 200
    }
}
