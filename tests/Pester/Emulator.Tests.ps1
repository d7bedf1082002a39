BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
}

AfterAll {
    $emulator | Stop-AzBillingEmulator
}

Describe 'Start-AzBillingEmulator' {
    It 'returns a loopback endpoint, an identity endpoint and subscriptions' {
        $emulator.Endpoint.Host | Should -Be '127.0.0.1'
        $emulator.IdentityEndpoint | Should -Not -BeNullOrEmpty
        $emulator.IdentityHeader | Should -Not -BeNullOrEmpty
        $emulator.SubscriptionIds.Count | Should -BeGreaterOrEqual 3
        Get-Process -Id $emulator.ProcessId | Should -Not -BeNullOrEmpty
    }

    It 'pins its billing clock with -Now, in UTC, and keeps tokens on the real clock' {
        $emulator.Now | Should -Be $TestNow
        $emulator.Now.Kind | Should -Be 'Utc'
        $estate = Invoke-RestMethod "$($emulator.Endpoint)_emulator/truth/estate"
        ([datetimeoffset] $estate.dataHorizon).UtcDateTime | Should -Be $TestNow.Date.AddHours($TestNow.Hour)
        $token = Invoke-RestMethod -Uri "$($emulator.IdentityEndpoint)?resource=https://management.azure.com/&api-version=2019-08-01" -Headers @{ 'X-IDENTITY-HEADER' = $emulator.IdentityHeader }
        [DateTimeOffset]::FromUnixTimeSeconds([long] $token.expires_on) - [DateTimeOffset]::UtcNow | Should -BeGreaterThan ([timespan]::FromMinutes(50))
    }

    It 'takes a -Now in a local time zone as that instant' {
        $local = [datetimeoffset]::new(2027, 1, 1, 1, 30, 0, [timespan]::FromHours(2))
        $pinned = Start-AzBillingEmulator -ResourceCount 5 -Seed 7 -Now $local.LocalDateTime
        try {
            $pinned.Now | Should -Be $local.UtcDateTime
        }
        finally {
            $pinned | Stop-AzBillingEmulator
        }
    }

    It 'answers Invoke-RestMethod with a managed-identity token, then the Usage API with rows' {
        $token = Invoke-RestMethod -Uri "$($emulator.IdentityEndpoint)?resource=https://management.azure.com/&api-version=2019-08-01" -Headers @{ 'X-IDENTITY-HEADER' = $emulator.IdentityHeader }
        $token.token_type | Should -Be 'Bearer'
        [long] $token.expires_on | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds())

        $window = Get-LastMonthWindow
        $uri = "$($emulator.Endpoint)subscriptions/$($emulator.SubscriptionIds[0])/providers/Microsoft.Commerce/UsageAggregates?api-version=2015-06-01-preview" +
            "&reportedStartTime=$([uri]::EscapeDataString($window.Start.ToString('yyyy-MM-ddT00:00:00+00:00')))&reportedEndTime=$([uri]::EscapeDataString($window.Start.AddDays(1).ToString('yyyy-MM-ddT00:00:00+00:00')))"
        $page = Invoke-RestMethod -Uri $uri -Headers @{ Authorization = "Bearer $($token.access_token)" }
        $page.value.Count | Should -BeGreaterThan 0
        $page.value[0].properties.instanceData | Should -BeOfType [string]
    }

    It 'takes a read budget, which each response counts down' {
        $small = Start-AzBillingEmulator -ResourceCount 5 -Seed 7 -ReadBudget 50
        try {
            $token = Invoke-RestMethod -Uri "$($small.IdentityEndpoint)?resource=https://management.azure.com/&api-version=2019-08-01" -Headers @{ 'X-IDENTITY-HEADER' = $small.IdentityHeader }
            $uri = "$($small.Endpoint)subscriptions/$($small.SubscriptionIds[0])/providers/Microsoft.Billing/invoices?api-version=2018-03-01-preview"
            $left = 1..3 | ForEach-Object { [int] (Invoke-WebRequest -Uri $uri -Headers @{ Authorization = "Bearer $($token.access_token)" }).Headers['x-ms-ratelimit-remaining-subscription-reads'][0] }
            $left | Should -Be @(49, 48, 47)
        }
        finally {
            $small | Stop-AzBillingEmulator
        }
    }

    It 'refuses an identity request without the identity header' {
        { Invoke-RestMethod -Uri "$($emulator.IdentityEndpoint)?resource=https://management.azure.com/&api-version=2019-08-01" } | Should -Throw
    }
}

Describe 'Stop-AzBillingEmulator' {
    It 'stops an emulator taken from the pipeline' {
        $second = Start-TestEmulator -ResourceCount 5
        $second | Stop-AzBillingEmulator
        Get-Process -Id $second.ProcessId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'leaves alone a process it did not start' {
        Stop-AzBillingEmulator -ProcessId $PID -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -Be 'NotAnEmulator,AzBillingInsights.Commands.StopAzBillingEmulatorCommand'
        Get-Process -Id $PID | Should -Not -BeNullOrEmpty
    }
}
