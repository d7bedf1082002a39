BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $subscription = $emulator.SubscriptionIds[0]
    $window = Get-LastMonthWindow

    function Connect-AsRunbook {
        # A runbook sandbox has only these two variables; -Identity must find the endpoint through them.
        $env:IDENTITY_ENDPOINT = $emulator.IdentityEndpoint
        $env:IDENTITY_HEADER = $emulator.IdentityHeader
        Connect-AzBillingInsights -Identity -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription
    }

    function Get-Truth([string] $Granularity) {
        $query = "subscriptionId=$subscription&reportedStartTime=$([uri]::EscapeDataString($window.Start.ToString('o')))" +
            "&reportedEndTime=$([uri]::EscapeDataString($window.End.ToString('o')))&aggregationGranularity=$Granularity&showDetails=true"
        Invoke-RestMethod -Uri "$($emulator.Endpoint)_emulator/truth/usage?$query"
    }
}

AfterAll {
    Disconnect-AzBillingInsights
    Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER -ErrorAction SilentlyContinue
    $emulator | Stop-AzBillingEmulator
}

Describe 'Get-AzUsageAggregate' {
    BeforeAll { Connect-AsRunbook | Out-Null }

    It 'signs in a runbook with only IDENTITY_ENDPOINT and IDENTITY_HEADER set' {
        (Get-AzBillingInsightsContext).CredentialType | Should -Be 'ManagedIdentity'
        (Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.Start.AddDays(1) | Select-Object -First 1).SubscriptionId | Should -Be $subscription
    }

    It 'returns exactly the ground truth for a month of <_> usage' -ForEach 'Daily', 'Hourly' {
        $truth = Get-Truth $_
        $count = 0; $quantity = [decimal] 0 # Measure-Object sums in double; quantities are exact decimals
        Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.End -Granularity $_ | ForEach-Object { $count++; $quantity += $_.Quantity }
        $count | Should -Be $truth.rowCount
        $quantity | Should -Be ([decimal] $truth.totalQuantity)
    }

    It 'parses instanceData into resource fields and case-insensitive tags' {
        $row = Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.Start.AddDays(2) |
            Where-Object { $_.Tags.Count -gt 0 } | Select-Object -First 1
        $row.ResourceGroup | Should -Not -BeNullOrEmpty
        $row.ResourceUri | Should -BeLike "/subscriptions/$subscription/resourceGroups/$($row.ResourceGroup)/providers/*"
        $key = @($row.Tags.Keys)[0]
        $row.Tags[$key.ToUpperInvariant()] | Should -Be $row.Tags[$key]
    }

    It 'stops after the first page when only five rows are taken' {
        Clear-EmulatorRequest $emulator
        $rows = Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.End -Granularity Hourly | Select-Object -First 5
        $rows | Should -HaveCount 5
        @(Get-EmulatorRequest $emulator -PathContains 'UsageAggregates') | Should -HaveCount 1
    }

    It 'keeps the meaningful columns through Export-Csv and Import-Csv' {
        $path = Join-Path $TestDrive 'usage.csv'
        $rows = Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.Start.AddDays(1) | Where-Object { $_.Tags.Count -gt 0 } | Select-Object -First 20
        $rows | Export-Csv -LiteralPath $path -NoTypeInformation
        $back = Import-Csv -LiteralPath $path
        $back | Should -HaveCount $rows.Count
        foreach ($column in 'SubscriptionId', 'MeterId', 'MeterName', 'MeterCategory', 'ResourceGroup', 'ResourceName', 'Location', 'Unit') {
            $back[0].$column | Should -Be $rows[0].$column
        }
        [decimal] $back[0].Quantity | Should -Be $rows[0].Quantity
        [datetimeoffset] $back[0].UsageStartTime | Should -Be $rows[0].UsageStartTime
        $tags = $back[0].Tags | ConvertFrom-Json -AsHashtable
        $tags.Keys | ForEach-Object { $tags[$_] | Should -Be $rows[0].Tags[$_] }
    }

    It 'takes subscriptions from the pipeline by property name' {
        $rows = $emulator.SubscriptionIds[0..1] | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
            Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.Start.AddDays(1)
        ($rows.SubscriptionId | Sort-Object -Unique) | Should -Be ($emulator.SubscriptionIds[0..1] | Sort-Object)
    }

    It 'names the broken time rule before calling: <Rule>' -ForEach @(
        @{ Rule = 'not a whole hour'; Start = '2026-10-01T00:30:00'; End = '2026-10-02T00:00:00'; Granularity = 'Hourly' }
        @{ Rule = 'not midnight UTC'; Start = '2026-10-01T05:00:00'; End = '2026-10-02T00:00:00'; Granularity = 'Daily' }
        @{ Rule = 'must be before'; Start = '2026-10-02T00:00:00'; End = '2026-10-01T00:00:00'; Granularity = 'Daily' }
        @{ Rule = 'in the future'; Start = '2026-10-01T00:00:00'; End = '2099-01-01T00:00:00'; Granularity = 'Daily' }
    ) {
        Clear-EmulatorRequest $emulator
        Get-AzUsageAggregate -StartTime $Start -EndTime $End -Granularity $Granularity -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'InvalidUsageQuery,AzBillingInsights.Commands.GetAzUsageAggregateCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failure[0].Exception.Message | Should -BeLike "*$Rule*"
        @(Get-EmulatorRequest $emulator -PathContains 'UsageAggregates') | Should -HaveCount 0
    }

    It 'makes one token request for ForEach-Object -Parallel over three subscriptions' {
        Disconnect-AzBillingInsights
        Connect-AsRunbook | Out-Null
        Clear-EmulatorRequest $emulator
        $modulePath = (Get-Module AzBillingInsights).Path
        $counts = $emulator.SubscriptionIds[0..2] | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:modulePath
            (Get-AzUsageAggregate -SubscriptionId $_ -StartTime ($using:window).Start -EndTime ($using:window).Start.AddDays(1) | Measure-Object).Count
        }
        $counts | Should -HaveCount 3
        $counts | ForEach-Object { $_ | Should -BeGreaterThan 0 }
        @(Get-EmulatorRequest $emulator -PathContains 'msi/token') | Should -HaveCount 0 # the token from Connect is reused
    }
}

Describe 'Get-AzUsageAggregate token renewal' {
    It 'renews a token that nears expiry between pages without losing a row' {
        # A fresh process: the managed-identity token cache is process-wide and holds this file's emulator's token.
        $shortLived = Start-AzBillingEmulator -ResourceCount 20 -Seed 7 -TokenLifetimeSeconds 302 -Now $TestNow
        try {
            $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $ModulePath 'AzBillingInsights.psd1')'
`$env:IDENTITY_ENDPOINT = '$($shortLived.IdentityEndpoint)'; `$env:IDENTITY_HEADER = '$($shortLived.IdentityHeader)'
Connect-AzBillingInsights -Identity -ArmEndpoint '$($shortLived.Endpoint)' -SubscriptionId '$subscription' | Out-Null
Start-Sleep -Seconds 3 # the token now expires within the five-minute renewal window
Invoke-RestMethod -Method Delete '$($shortLived.Endpoint)_emulator/requests' | Out-Null
`$count = 0
Get-AzUsageAggregate -StartTime '$($window.Start.ToString('o'))' -EndTime '$($window.End.ToString('o'))' -Granularity Hourly | ForEach-Object { `$count++ }
@{ Rows = `$count } | ConvertTo-Json -Compress
"@
            $result = Invoke-FreshSession $script
            $truth = Invoke-RestMethod ("$($shortLived.Endpoint)_emulator/truth/usage?subscriptionId=$subscription&reportedStartTime=$([uri]::EscapeDataString($window.Start.ToString('o')))" +
                "&reportedEndTime=$([uri]::EscapeDataString($window.End.ToString('o')))&aggregationGranularity=Hourly&showDetails=true")
            $result.Rows | Should -Be $truth.rowCount
            @(Get-EmulatorRequest $shortLived -PathContains 'msi/token').Count | Should -BeGreaterThan 0 # renewed during the read
            @(Get-EmulatorRequest $shortLived -PathContains 'UsageAggregates' | Where-Object status -ne 200) | Should -HaveCount 0
        }
        finally {
            $shortLived | Stop-AzBillingEmulator
        }
    }
}

Describe 'Get-AzUsageAggregate cancellation' {
    It 'stops promptly on Ctrl+C mid-fetch and leaves no request running' {
        $runspace = [powershell]::Create()
        $null = $runspace.AddScript({
            param($modulePath, $endpoint, $token, $subscription, $start, $end)
            Import-Module $modulePath
            Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $endpoint -SubscriptionId $subscription | Out-Null
            Get-AzUsageAggregate -StartTime $start -EndTime $end -Granularity Hourly | ForEach-Object { Start-Sleep -Milliseconds 1 }
        }).AddArgument((Get-Module AzBillingInsights).Path).AddArgument($emulator.Endpoint).
            AddArgument((New-EmulatorToken $emulator 'carol' @{ $subscription = 'Reader' })).AddArgument($subscription).
            AddArgument($window.Start).AddArgument($window.End)
        $running = $runspace.BeginInvoke()
        Start-Sleep -Seconds 2
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $runspace.Stop() # what Ctrl+C does
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 1
        $running.IsCompleted | Should -BeTrue
        $runspace.InvocationStateInfo.State | Should -Be 'Stopped'
        $requests = @(Get-EmulatorRequest $emulator -PathContains 'UsageAggregates').Count
        Start-Sleep -Milliseconds 500
        @(Get-EmulatorRequest $emulator -PathContains 'UsageAggregates').Count | Should -Be $requests # nothing fetched after the stop
        $runspace.Dispose()
    }
}

Describe 'Get-AzUsageAggregate access errors' {
    AfterAll { Connect-AsRunbook | Out-Null }

    It 'explains a 403 with the roles that grant access' {
        Connect-AzBillingInsights -AccessToken (New-EmulatorToken $emulator 'mallory') -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
        Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.Start.AddDays(1) -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'AuthorizationFailed,AzBillingInsights.Commands.GetAzUsageAggregateCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failure[0].ErrorDetails.RecommendedAction | Should -BeLike '*Reader, Billing Reader, Contributor or Owner*'
        $failure[0].Exception.Message | Should -BeLike '*request id*'
    }

    It 'says which audience to ask for when the token was issued for another' {
        $vaultToken = New-EmulatorToken $emulator 'bob' @{ $subscription = 'Reader' } -Audience 'https://vault.azure.net'
        Connect-AzBillingInsights -AccessToken $vaultToken -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
        Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.Start.AddDays(1) -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,AzBillingInsights.Commands.GetAzUsageAggregateCommand'
        $failure[0].Exception.ErrorCode | Should -Be 'InvalidAuthenticationTokenAudience'
        $failure[0].ErrorDetails.RecommendedAction | Should -BeLike '*another audience*https://management.azure.com/*'
    }

    It 'says to connect again when a token is not accepted (edited, revoked)' {
        $token = New-EmulatorToken $emulator 'carol' @{ $subscription = 'Reader' }
        $parts = $token.Split('.')
        $tampered = $parts[0] + '.' + $parts[1] + '.' + ($parts[2].Substring(0, $parts[2].Length - 4) + 'AAAA')
        Connect-AzBillingInsights -AccessToken $tampered -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
        Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.Start.AddDays(1) -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,AzBillingInsights.Commands.GetAzUsageAggregateCommand'
        $failure[0].ErrorDetails.RecommendedAction | Should -BeLike '*Connect again*'
        $failure[0].Exception.Message | Should -Not -Match ([regex]::Escape($parts[1]))
    }

    It 'says to connect again when a held token has expired' {
        $expired = New-EmulatorToken $emulator 'alice' @{ $subscription = 'Reader' } -ExpiresInSeconds -60
        { Connect-AzBillingInsights -AccessToken $expired -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription } |
            Should -Throw -ErrorId 'AccessTokenExpired,AzBillingInsights.Commands.ConnectAzBillingInsightsCommand'
        # An expiry given with the token that is later than the token's own: only ARM finds out, with a 401.
        Connect-AzBillingInsights -AccessToken $expired -ExpiresOn ([DateTimeOffset]::UtcNow.AddHours(1)) -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
        Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.Start.AddDays(1) -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,AzBillingInsights.Commands.GetAzUsageAggregateCommand'
        $failure[0].ErrorDetails.RecommendedAction | Should -BeLike '*Connect*again*'
    }
}
