BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $env:AZBILLINGINSIGHTS_CACHE_PATH = Join-Path $TestDrive 'cache'
    $first, $second, $third = $emulator.SubscriptionIds
    # Reader on two subscriptions only: the third answers 403.
    $token = New-EmulatorToken $emulator 'exporter' @{ $first = 'Reader'; $second = 'Billing Reader' }
    Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $first | Out-Null
    $window = Get-LastMonthWindow
    $period = $window.Start.ToString('yyyy-MM')

    function Read-CsvExport([string] $Root) {
        Get-ChildItem -LiteralPath $Root -Recurse -Filter '*.csv' | ForEach-Object { Import-Csv -LiteralPath $_.FullName }
    }
}

AfterAll {
    Disconnect-AzBillingInsights
    Remove-Item Env:AZBILLINGINSIGHTS_CACHE_PATH -ErrorAction SilentlyContinue
    $emulator | Stop-AzBillingEmulator
}

Describe 'Export-AzCostData' {
    BeforeAll {
        $csvRoot = Join-Path $TestDrive 'csv'
        $written = @($first, $second | ForEach-Object { [pscustomobject]@{ SubscriptionId = $_ } } |
            Export-AzCostData -Path $csvRoot -Format Csv -From $window.Start -To $window.End)
    }

    It 'writes one partition per subscription and billing period in the hive layout, each with a manifest' {
        $written | Should -HaveCount 2
        $written.Skipped | Should -Not -Contain $true
        foreach ($subscription in $first, $second) {
            $folder = Join-Path $csvRoot "BillingPeriod=$period/SubscriptionId=$subscription"
            Join-Path $folder 'part-00000.csv' | Should -Exist
            $manifest = Get-Content -LiteralPath (Join-Path $folder '_manifest.json') -Raw | ConvertFrom-Json
            $manifest.Source | Should -Be 'Estimate:RateCard'
            $manifest.RowCount | Should -BeGreaterThan 0
        }
    }

    It "totals each subscription's BilledCost to Measure-AzEstimatedCost's cost of the same month, to the cent" {
        $rows = Read-CsvExport $csvRoot
        foreach ($subscription in $first, $second) {
            $exported = [decimal]0
            $rows | Where-Object x_SubscriptionId -eq $subscription | ForEach-Object { $exported += [decimal]::Parse($_.BilledCost, [cultureinfo]::InvariantCulture) }
            $measured = (Measure-AzEstimatedCost -SubscriptionId $subscription -From $window.Start -To $window.End).Cost
            [math]::Round($exported, 2) | Should -Be ([math]::Round([decimal]$measured, 2))
            ($written | Where-Object SubscriptionId -eq $subscription).BilledCost | Should -Be $exported
        }
    }

    It 'fills the FOCUS mandatory columns and says the cost is an estimate' {
        $row = Read-CsvExport $csvRoot | Select-Object -First 1
        foreach ($column in 'BilledCost', 'BillingAccountId', 'BillingCurrency', 'BillingPeriodStart', 'BillingPeriodEnd', 'ChargeCategory',
            'ChargePeriodStart', 'ChargePeriodEnd', 'ContractedCost', 'EffectiveCost', 'InvoiceIssuerName', 'ListCost', 'PricingQuantity',
            'PricingUnit', 'ProviderName', 'PublisherName', 'ServiceCategory', 'ServiceName') {
            $row.$column | Should -Not -BeNullOrEmpty -Because "$column is Mandatory in FOCUS 1.2"
        }
        $row.x_CostSource | Should -Be 'Estimate:RateCard'
        $row.BillingPeriodStart | Should -Be "$($window.Start.ToString('yyyy-MM-dd'))T00:00:00Z"
        $row.BillingPeriodEnd | Should -Be "$($window.End.ToString('yyyy-MM-dd'))T00:00:00Z"
    }

    It 'skips finished partitions on a second run, and rewrites them with -Force' {
        $again = @(Export-AzCostData -Path $csvRoot -Format Csv -SubscriptionId $first, $second -From $window.Start -To $window.End)
        $again.Skipped | Should -Be @($true, $true)

        $forced = @(Export-AzCostData -Path $csvRoot -Format Csv -SubscriptionId $first -From $window.Start -To $window.End -Force)
        $forced.Skipped | Should -Be @($false)
    }

    It 'reports a subscription it cannot read and still exports the others' {
        $root = Join-Path $TestDrive 'partial'
        $result = @(Export-AzCostData -Path $root -SubscriptionId $first, $third -From $window.Start -To $window.End -ErrorVariable failures -ErrorAction SilentlyContinue)
        $result.SubscriptionId | Should -Be @($first)
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AuthorizationFailed*'
        $failures[0].TargetObject | Should -Be $third
    }

    It 'writes Parquet files by default, and nothing with -WhatIf' {
        $root = Join-Path $TestDrive 'parquet'
        Export-AzCostData -Path $root -SubscriptionId $first -From $window.Start -To $window.End -WhatIf
        $root | Should -Not -Exist

        $partition = Export-AzCostData -Path $root -SubscriptionId $first -From $window.Start -To $window.End
        $bytes = [IO.File]::ReadAllBytes($partition.Path)
        [Text.Encoding]::ASCII.GetString($bytes, 0, 4) | Should -Be 'PAR1'
        [Text.Encoding]::ASCII.GetString($bytes, $bytes.Length - 4, 4) | Should -Be 'PAR1'
        @(Get-ChildItem -LiteralPath $root -Recurse -Force -Filter '*.tmp') | Should -HaveCount 0
    }

    It 'refuses hourly charge periods from daily usage before reading anything' {
        { Export-AzCostData -Path (Join-Path $TestDrive 'refused') -ChargePeriod Hour -Granularity Daily -From $window.Start -To $window.End -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidArgument*'
        Join-Path $TestDrive 'refused' | Should -Not -Exist
    }

    It 'writes the FinOps hubs layout with its ingestion trigger' {
        $root = Join-Path $TestDrive 'hubs'
        $partition = Export-AzCostData -Path $root -Layout Hubs -SubscriptionId $first -From $window.Start -To $window.End
        $folder = Join-Path $root ('Costs/{0:yyyy}/{0:MM}/subscriptions/{1}' -f $window.Start, $first)
        Split-Path $partition.Path | Should -Be $folder
        Split-Path $partition.Path -Leaf | Should -Match '^\d{8}T\d{6}Z__part-00000\.parquet$'
        Join-Path $folder 'manifest.json' | Should -Exist
    }
}
