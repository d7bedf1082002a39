# Ctrl+C (PowerShell.Stop() on the runspace) during every long cmdlet: it stops within a second, starts no request
# after the stop and leaves no file behind.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $subscription = $emulator.SubscriptionIds[0]
    $token = New-EmulatorToken $emulator 'operator' @{ $subscription = 'Reader' }
    $thisMonth = (Get-LastMonthWindow).End
    $modulePath = (Get-Module AzBillingInsights).Path
    Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null

    <#
    Runs $Command in its own runspace (connected to the emulator; $subscription, $from, $to and $folder are set),
    waits until the command has started plus $AfterMilliseconds, then stops it as Ctrl+C does.
    #>
    function Stop-Midway([string] $Command, [datetime] $From, [datetime] $To, [string] $Folder, [int] $AfterMilliseconds) {
        $state = [hashtable]::Synchronized(@{})
        $runspace = [powershell]::Create()
        $null = $runspace.AddScript("param(`$modulePath, `$endpoint, `$token, `$subscription, `$from, `$to, `$folder, `$state)
            Import-Module `$modulePath
            Connect-AzBillingInsights -AccessToken `$token -ArmEndpoint `$endpoint -SubscriptionId `$subscription | Out-Null
            `$state.Started = `$true
            $Command").
            AddArgument($modulePath).AddArgument($emulator.Endpoint).AddArgument($token).AddArgument($subscription).
            AddArgument($From).AddArgument($To).AddArgument($Folder).AddArgument($state)
        $running = $runspace.BeginInvoke()
        $wait = [Diagnostics.Stopwatch]::StartNew()
        while (-not $state.Started -and -not $running.IsCompleted -and $wait.Elapsed.TotalSeconds -lt 30) { Start-Sleep -Milliseconds 20 }
        Start-Sleep -Milliseconds $AfterMilliseconds
        $running.IsCompleted | Should -BeFalse -Because 'the command must still be running when it is stopped'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $runspace.Stop() # what Ctrl+C does
        $elapsed = $clock.Elapsed.TotalSeconds
        # Stop() returns once the pipeline has stopped: from then on no request may start. (A request that starts
        # while the stop is still on its way to the cmdlet is not a fault, and on a busy machine that way is long.)
        $stoppedAt = [DateTimeOffset]::UtcNow
        $result = [pscustomobject]@{ Seconds = $elapsed; Completed = $running.IsCompleted; State = $runspace.InvocationStateInfo.State; StoppedAt = $stoppedAt }
        $runspace.Dispose()
        $result
    }

    <# Requests the emulator saw start after $Time (each log entry carries its end and its duration). #>
    function Get-RequestStartedAfter([DateTimeOffset] $Time) {
        Start-Sleep -Milliseconds 700 # anything left running would have sent its next request by now
        @(Get-EmulatorRequest $emulator | Where-Object { ([DateTimeOffset] $_.time).AddMilliseconds(-$_.durationMs) -gt $Time })
    }
}

AfterAll {
    Clear-EmulatorFault $emulator
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}

Describe 'Ctrl+C during a long cmdlet' {
    BeforeEach {
        Clear-EmulatorFault $emulator
        Clear-EmulatorRequest $emulator
        $folder = Join-Path $TestDrive ([guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path $folder
    }

    It 'stops Measure-AzEstimatedCost -SubscriptionId reading months of hourly usage' {
        $null = Get-AzRateCard -OfferTerms # the card is cached; the stop lands in the usage read
        Add-EmulatorFault $emulator -Kind slow -PathContains 'UsageAggregates' -Count 1000 -DelayMilliseconds 200
        $stop = Stop-Midway 'Measure-AzEstimatedCost -SubscriptionId $subscription -From $from -To $to -Granularity Hourly -GroupBy ResourceGroup, Day' `
            -From $thisMonth.AddMonths(-6) -To $thisMonth -AfterMilliseconds 1500
        $stop.Seconds | Should -BeLessThan 1
        $stop.Completed | Should -BeTrue
        $stop.State | Should -Be 'Stopped'
        @(Get-EmulatorRequest $emulator -PathContains 'UsageAggregates').Count | Should -BeGreaterThan 0
        Get-RequestStartedAfter $stop.StoppedAt | Should -HaveCount 0
    }

    It 'stops a cold Get-AzRateCard while the card downloads, and caches nothing' {
        Clear-AzRateCardCache
        Add-EmulatorFault $emulator -Kind slow -PathContains '/_blob/' -DelayMilliseconds 30000
        $stop = Stop-Midway 'Get-AzRateCard' -AfterMilliseconds 1000
        $stop.Seconds | Should -BeLessThan 1
        $stop.State | Should -Be 'Stopped'
        Get-RequestStartedAfter $stop.StoppedAt | Should -HaveCount 0
        @(Get-AzRateCardCache) | Should -HaveCount 0
    }

    It 'stops Save-AzInvoice while the PDF downloads and leaves no file' {
        Add-EmulatorFault $emulator -Kind slow -PathContains '.pdf' -DelayMilliseconds 30000
        $stop = Stop-Midway 'Get-AzInvoice -Latest | Save-AzInvoice -Path $folder' -Folder $folder -AfterMilliseconds 1500
        $stop.Seconds | Should -BeLessThan 1
        $stop.State | Should -Be 'Stopped'
        @(Get-EmulatorRequest $emulator -PathContains 'Microsoft.Billing/invoices').Count | Should -BeGreaterThan 0 # the stop came during the download
        Get-RequestStartedAfter $stop.StoppedAt | Should -HaveCount 0
        @(Get-ChildItem -LiteralPath $folder -Force) | Should -HaveCount 0
    }

    It 'stops Export-AzCostReport -SubscriptionId mid-read and leaves no file' {
        $null = Get-AzRateCard -OfferTerms
        Add-EmulatorFault $emulator -Kind slow -PathContains 'UsageAggregates' -Count 1000 -DelayMilliseconds 200
        $stop = Stop-Midway 'Export-AzCostReport -SubscriptionId $subscription -From $from -To $to -Granularity Hourly -Path (Join-Path $folder report.html)' `
            -From $thisMonth.AddMonths(-6) -To $thisMonth -Folder $folder -AfterMilliseconds 1500
        $stop.Seconds | Should -BeLessThan 1
        $stop.State | Should -Be 'Stopped'
        Get-RequestStartedAfter $stop.StoppedAt | Should -HaveCount 0
        @(Get-ChildItem -LiteralPath $folder -Force) | Should -HaveCount 0
    }

    It 'stops Get-AzInvoice waiting on a slow list' {
        Add-EmulatorFault $emulator -Kind slow -PathContains 'Microsoft.Billing/invoices' -DelayMilliseconds 30000
        $stop = Stop-Midway 'Get-AzInvoice' -AfterMilliseconds 1000
        $stop.Seconds | Should -BeLessThan 1
        $stop.State | Should -Be 'Stopped'
        Get-RequestStartedAfter $stop.StoppedAt | Should -HaveCount 0
    }
}
