# Dates: on every instant of the table the module and an emulator pinned to it agree on "now", month totals come out
# whole however late their last rows were reported, and a local time zone with daylight saving changes nothing.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $runNow = $env:AZBILLINGINSIGHTS_NOW

    <# Starts an emulator pinned to $Now, points the module's clock at the same instant and connects a reader. #>
    function Start-PinnedSession([string] $Now) {
        $env:AZBILLINGINSIGHTS_NOW = $Now
        $pinned = Start-AzBillingEmulator -ResourceCount 20 -Seed 7 -Now $Now
        $reader = New-EmulatorToken $pinned 'clock-reader' @{ $pinned.SubscriptionIds[0] = 'Reader' }
        Connect-AzBillingInsights -AccessToken $reader -ArmEndpoint $pinned.Endpoint -SubscriptionId $pinned.SubscriptionIds[0] | Out-Null
        [pscustomobject]@{ Emulator = $pinned; Token = $reader; Today = [datetime]::SpecifyKind(([datetimeoffset]::Parse($Now, [cultureinfo]::InvariantCulture)).UtcDateTime.Date, 'Utc') }
    }

    function Stop-PinnedSession($Session) {
        Disconnect-AzBillingInsights
        $Session.Emulator | Stop-AzBillingEmulator
        $env:AZBILLINGINSIGHTS_NOW = $runNow
    }
}

Describe 'On <Name> (<Now>)' -ForEach @(
    @{ Name = 'the first hour of a month'; Now = '2026-03-01T00:20:00Z' }
    @{ Name = 'the last hour of a month'; Now = '2026-04-30T23:40:00Z' }
    @{ Name = '29 February of a leap year'; Now = '2028-02-29T12:00:00Z' }
    @{ Name = '1 January'; Now = '2027-01-01T00:00:00Z' }
) {
    BeforeAll {
        $session = Start-PinnedSession $Now
        $subscription = $session.Emulator.SubscriptionIds[0]
        $today = $session.Today
    }

    AfterAll {
        Stop-PinnedSession $session
    }

    It 'prices every invoiced month to the cent of its invoice, rows reported days late included' {
        # Rows arrive up to four days after their bucket: a month read only three days past its end would come out low.
        $invoiced = @(Invoke-RestMethod "$($session.Emulator.Endpoint)_emulator/truth/months?subscriptionId=$subscription" | ForEach-Object { $_ } | Where-Object invoiceName)
        $invoiced.Count | Should -BeGreaterOrEqual 12
        foreach ($month in $invoiced) {
            $start = ([datetimeoffset] $month.usageStartTime).UtcDateTime
            $total = Measure-AzEstimatedCost -SubscriptionId $subscription -From $start -To $start.AddMonths(1)
            [Math]::Round($total.Cost, 2, 'AwayFromZero') | Should -Be ([decimal] $month.charges) -Because "the month of $($start.ToString('yyyy-MM')) is invoiced"
        }
    }

    It 'reads up to today and refuses tomorrow, as the emulator does' {
        # Daily rows are read by whole reported days up to today's midnight: yesterday's rows, reported today, are not in yet.
        $days = Measure-AzEstimatedCost -SubscriptionId $subscription -From $today.AddDays(-4) -To $today -GroupBy Day
        $days.Date | Should -Be @($today.AddDays(-4), $today.AddDays(-3), $today.AddDays(-2))
        Get-AzUsageAggregate -StartTime $today.AddDays(-1) -EndTime $today.AddDays(1) -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'InvalidUsageQuery,*'
        $failure[0].Exception.Message | Should -Match 'in the future'
        @(Get-AzUsageAggregate -StartTime $today.AddDays(-1) -EndTime $today).Count | Should -BeGreaterThan 0
    }

    It 'lists the invoices issued by then, the newest for the month that ended at least four days ago' {
        $latest = Get-AzInvoice -Latest
        $thisMonth = $today.AddDays(1 - $today.Day)
        $newest = if ($today -ge $thisMonth.AddDays(4)) { $thisMonth.AddMonths(-1) } else { $thisMonth.AddMonths(-2) }
        ([datetimeoffset] $latest.InvoicePeriodStartDate).UtcDateTime | Should -Be $newest
    }
}

Describe 'In <Zone> on the day its clocks change (<Now>)' -ForEach @(
    @{ Zone = 'Europe/Berlin'; Now = '2026-03-29T01:00:00Z' }
    @{ Zone = 'America/New_York'; Now = '2026-03-08T07:30:00Z' }
) {
    BeforeAll {
        $session = Start-PinnedSession $Now
        $subscription = $session.Emulator.SubscriptionIds[0]
        $today = $session.Today
    }

    AfterAll {
        Stop-PinnedSession $session
    }

    It 'reads the days around the change as UTC days, with the same cost as in UTC' {
        $from = $today.AddDays(-4).ToString('yyyy-MM-dd')
        $to = $today.ToString('yyyy-MM-dd')
        $inUtc = Measure-AzEstimatedCost -SubscriptionId $subscription -From $from -To $to -GroupBy Day |
            ForEach-Object { '{0:o} {1}' -f $_.Date, $_.Cost }
        $previousZone = $env:TZ
        $env:TZ = $Zone
        try {
            $result = Invoke-FreshSession @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $script:ModulePath 'AzBillingInsights.psd1')'
Connect-AzBillingInsights -AccessToken '$($session.Token)' -ArmEndpoint '$($session.Emulator.Endpoint)' -SubscriptionId '$subscription' | Out-Null
`$days = Measure-AzEstimatedCost -SubscriptionId '$subscription' -From '$from' -To '$to' -GroupBy Day | ForEach-Object { '{0:o} {1}' -f `$_.Date, `$_.Cost }
@{ Zone = [TimeZoneInfo]::Local.Id; Offset = [TimeZoneInfo]::Local.BaseUtcOffset.TotalHours; Days = @(`$days) } | ConvertTo-Json -Compress
"@
        }
        finally {
            $env:TZ = $previousZone
        }
        $result.Zone | Should -Be $Zone
        $result.Offset | Should -Not -Be 0
        $inUtc | Should -HaveCount 3 # yesterday's rows are reported today, after the last whole reported day
        $result.Days | Should -Be $inUtc
    }
}
