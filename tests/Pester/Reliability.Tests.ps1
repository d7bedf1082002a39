# The fault matrix of the README's "Reliability" section: each fault the service can produce, and what the module does.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $subscription = $emulator.SubscriptionIds[0]
    $window = Get-LastMonthWindow
    $env:IDENTITY_ENDPOINT = $emulator.IdentityEndpoint
    $env:IDENTITY_HEADER = $emulator.IdentityHeader
    Connect-AzBillingInsights -Identity -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription -MaxRetries 3 | Out-Null
    $truth = Invoke-RestMethod ("$($emulator.Endpoint)_emulator/truth/usage?subscriptionId=$subscription&reportedStartTime=$([uri]::EscapeDataString($window.Start.ToString('o')))" +
        "&reportedEndTime=$([uri]::EscapeDataString($window.End.ToString('o')))&aggregationGranularity=Hourly&showDetails=true")

    <# Reads the month and returns what arrived: row count, exact quantity, and the distinct (resource, meter, hour) rows. #>
    function Read-Month([string] $ContinuationToken) {
        $parameters = @{ StartTime = $window.Start; EndTime = $window.End; Granularity = 'Hourly' }
        if ($ContinuationToken) { $parameters.ContinuationToken = $ContinuationToken }
        $rows = 0; $quantity = [decimal] 0; $keys = [Collections.Generic.HashSet[string]]::new()
        Get-AzUsageAggregate @parameters -ErrorVariable +readErrors -ErrorAction SilentlyContinue | ForEach-Object {
            $rows++; $quantity += $_.Quantity
            $null = $keys.Add("$($_.ResourceUri)|$($_.MeterId)|$($_.UsageStartTime.Ticks)|$($_.InfoFields)")
        }
        [pscustomobject]@{ Rows = $rows; Quantity = $quantity; Distinct = $keys.Count; Errors = @($readErrors) }
    }
}

AfterAll {
    Clear-EmulatorFault $emulator
    Disconnect-AzBillingInsights
    Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER -ErrorAction SilentlyContinue
    $emulator | Stop-AzBillingEmulator
}

Describe 'Faults while reading usage' {
    BeforeEach { Clear-EmulatorFault $emulator; Clear-EmulatorRequest $emulator }

    It 'loses and repeats no row when the second page meets <Kind> twice' -ForEach @(
        @{ Kind = '429' }, @{ Kind = '500' }, @{ Kind = '503' }, @{ Kind = '504' }, @{ Kind = '202' }, @{ Kind = 'truncate' }, @{ Kind = 'reset' }, @{ Kind = 'slow' }
    ) {
        Add-EmulatorFault $emulator -Kind $Kind -PathContains 'UsageAggregates' -Count 2 -Skip 1
        $read = Read-Month
        $read.Errors | Should -HaveCount 0
        $read.Rows | Should -Be $truth.rowCount
        $read.Distinct | Should -Be $truth.rowCount
        $read.Quantity | Should -Be ([decimal] $truth.totalQuantity)
        $faulted = @(Get-EmulatorRequest $emulator -PathContains 'UsageAggregates' | Where-Object fault)
        $faulted.Count | Should -Be 2
    }

    It 'reports the request id and the token to resume from when retries run out, and resuming completes the month' {
        Add-EmulatorFault $emulator -Kind '500' -PathContains 'UsageAggregates' -Count 10 -Skip 2
        $first = Read-Month
        $first.Errors | Should -HaveCount 1
        $failure = $first.Errors[0]
        $failure.FullyQualifiedErrorId | Should -Be 'ServiceError,AzBillingInsights.Commands.GetAzUsageAggregateCommand'
        $failure.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $failure.Exception.Message | Should -Match 'request id [0-9a-f-]{36}'
        $failure.Exception.ContinuationToken | Should -Not -BeNullOrEmpty
        $failure.Exception.Message | Should -BeLike "*-ContinuationToken '$($failure.Exception.ContinuationToken)'*"
        $first.Rows | Should -Be 2000 # the two pages before the failure

        Clear-EmulatorFault $emulator
        $rest = Read-Month -ContinuationToken $failure.Exception.ContinuationToken
        $rest.Errors | Should -HaveCount 0
        ($first.Rows + $rest.Rows) | Should -Be $truth.rowCount
        ($first.Quantity + $rest.Quantity) | Should -Be ([decimal] $truth.totalQuantity)
    }

    It 'fails with UsageNotReady and the token to resume from when a page stays 202, instead of ending the read early' {
        # The spec's 202 body is {code, message}: read as a page it has no rows and no nextLink, a silent short read.
        Add-EmulatorFault $emulator -Kind '202' -PathContains 'UsageAggregates' -Count 11 -Skip 2 -RetryAfterSeconds 0
        $first = Read-Month
        $first.Errors | Should -HaveCount 1
        $failure = $first.Errors[0]
        $failure.FullyQualifiedErrorId | Should -Be 'UsageNotReady,AzBillingInsights.Commands.GetAzUsageAggregateCommand'
        $failure.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $failure.Exception.Message | Should -BeLike '*not ready*202*'
        $failure.Exception.ContinuationToken | Should -Not -BeNullOrEmpty
        $first.Rows | Should -Be 2000
        @(Get-EmulatorRequest $emulator -PathContains 'UsageAggregates' | Where-Object fault).Count | Should -Be 11

        Clear-EmulatorFault $emulator
        $rest = Read-Month -ContinuationToken $failure.Exception.ContinuationToken
        $rest.Errors | Should -HaveCount 0
        ($first.Rows + $rest.Rows) | Should -Be $truth.rowCount
    }
}

Describe 'Secrets in output streams' {
    BeforeAll { Clear-EmulatorFault $emulator }

    It 'never writes the token or a SAS link to any stream or the transcript' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        $token = New-EmulatorToken $emulator 'auditor' @{ $subscription = 'Reader'; $emulator.SubscriptionIds[2] = 'Reader' }
        Start-Transcript -LiteralPath $transcript | Out-Null
        try {
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
            Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription -Verbose -Debug | Format-List * | Out-Host
            Get-AzBillingInsightsContext | Format-List * | Out-Host
            Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.Start.AddDays(1) -Verbose -Debug | Select-Object -First 3 | Format-List * | Out-Host
            Get-AzRateCard -Verbose -Debug | Select-Object -First 1 | Format-List * | Out-Host
            Get-AzInvoice -Latest -Verbose -Debug | Format-List | Out-Host # the view masks the link the object carries
            Get-AzInvoice -Latest | Save-AzInvoice -Path $TestDrive -Verbose -Debug | Out-Host
            Get-AzInvoice -SubscriptionId $emulator.SubscriptionIds[2] -Verbose -Debug -ErrorAction Continue 2>&1 | Out-Host # a refusal, with its error
            Measure-AzEstimatedCost -SubscriptionId $subscription -From $window.Start -To $window.Start.AddDays(2) -Verbose -Debug | Out-Host
            Start-AzBillingEmulator -ResourceCount 5 -Verbose | Stop-AzBillingEmulator -Verbose
        }
        finally {
            $VerbosePreference = 'SilentlyContinue'; $DebugPreference = 'SilentlyContinue'
            Stop-Transcript | Out-Null
            Connect-AzBillingInsights -Identity -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription -MaxRetries 3 | Out-Null
        }
        $text = Get-Content -LiteralPath $transcript -Raw
        $text | Should -Match 'VERBOSE' # the streams were really captured
        $text | Should -Not -Match ([regex]::Escape($token))
        $text | Should -Not -Match ([regex]::Escape($token.Split('.')[2]))
        $text | Should -Not -Match 'sig='
        $text | Should -Not -Match 'Bearer [A-Za-z0-9]'
    }
}

Describe 'Throttling shared by all runspaces' {
    BeforeAll {
        # A small budget that refills at 10 reads a second: a burst runs it dry, a paced client never does.
        $limited = Start-EmulatorProcess '--read-budget', '30', '--read-refill-per-second', '10'
        $roles = @{}
        foreach ($id in $limited.SubscriptionIds) { $roles[$id] = 'Reader' }
        $day = $window.Start
    }

    AfterAll {
        Stop-Process -Id $limited.ProcessId -ErrorAction SilentlyContinue
        Connect-AzBillingInsights -Identity -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription -MaxRetries 3 | Out-Null
    }

    It 'is refused many reads when a naive parallel loop bursts' {
        $token = New-EmulatorToken $limited 'naive' $roles
        $refused = $limited.SubscriptionIds | ForEach-Object -ThrottleLimit 3 -Parallel {
            $uri = "$(($using:limited).Endpoint)subscriptions/$_/providers/Microsoft.Commerce/UsageAggregates?api-version=2015-06-01-preview" +
                "&reportedStartTime=$([uri]::EscapeDataString(($using:day).ToString('yyyy-MM-ddT00:00:00+00:00')))&reportedEndTime=$([uri]::EscapeDataString(($using:day).AddDays(1).ToString('yyyy-MM-ddT00:00:00+00:00')))"
            $failures = 0
            foreach ($read in 1..40) {
                try { Invoke-RestMethod -Uri $uri -Headers @{ Authorization = "Bearer $using:token" } | Out-Null } catch { $failures++ }
            }
            $failures
        }
        ($refused | Measure-Object -Sum).Sum | Should -BeGreaterThan 0
    }

    It 'paces ForEach-Object -Parallel over three subscriptions so that no read is refused' {
        Connect-AzBillingInsights -AccessToken (New-EmulatorToken $limited 'paced' $roles) -ArmEndpoint $limited.Endpoint | Out-Null
        Clear-EmulatorRequest $limited
        $modulePath = (Get-Module AzBillingInsights).Path
        $rows = $limited.SubscriptionIds | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:modulePath
            $count = 0
            foreach ($read in 1..40) {
                $count += @(Get-AzUsageAggregate -SubscriptionId $_ -StartTime ($using:day) -EndTime ($using:day).AddDays(1) -ErrorAction Stop).Count
            }
            $count
        }
        $rows | Should -HaveCount 3
        $rows | ForEach-Object { $_ | Should -BeGreaterThan 0 }
        $reads = @(Get-EmulatorRequest $limited -PathContains 'UsageAggregates')
        $reads.Count | Should -Be 120
        @($reads | Where-Object status -eq 429) | Should -HaveCount 0
    }
}
