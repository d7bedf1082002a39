# Long reads show progress: rows read and where they are, a few times a second, and always a Completed record.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator -ResourceCount 30
    $subscription = $emulator.SubscriptionIds[0]
    $token = New-EmulatorToken $emulator -Principal 'progress@contoso.com' -Roles @{ $subscription = @('Reader') }
    Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null

    <# Runs a command in a runspace of this process (the connection is shared) and returns its progress records and run time. #>
    function Invoke-WithProgress([string] $Command) {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$(Join-Path $ModulePath 'AzBillingInsights.psd1')'; $Command | Out-Null")
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $null = $ps.Invoke()
            $ps.Streams.Error | ForEach-Object { throw $_ }
            @{ Records = @($ps.Streams.Progress); Seconds = $clock.Elapsed.TotalSeconds }
        }
        finally {
            $ps.Dispose()
        }
    }
}

AfterAll {
    Clear-EmulatorFault $emulator
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}

Describe 'Measure-AzEstimatedCost -SubscriptionId progress' {
    It 'shows rows read and the usage day reached, at most five times a second, then Completed' {
        $to = (Get-TestToday).AddDays(-1)
        # Slow pages make the read take seconds, as a long window does against Azure.
        Add-EmulatorFault $emulator -Kind slow -PathContains 'UsageAggregates' -Count 3 -DelayMilliseconds 700
        $run = Invoke-WithProgress "Measure-AzEstimatedCost -SubscriptionId '$subscription' -From '$($to.AddDays(-90).ToString('o'))' -To '$($to.ToString('o'))' -GroupBy Day"
        $records = $run.Records | Where-Object Activity -like 'Reading usage*'
        $updates = @($records | Where-Object RecordType -eq 'Processing' | Where-Object StatusDescription -like '*rows read*')
        $updates.Count | Should -BeGreaterOrEqual 2
        $updates | ForEach-Object { $_.StatusDescription | Should -Match '^[\d,]+ rows read, at usage day \d{4}-\d{2}-\d{2}$' }
        $updates.Count | Should -BeLessOrEqual ([math]::Ceiling($run.Seconds * 5) + 1)
        $records[-1].RecordType | Should -Be 'Completed'
    }
}
