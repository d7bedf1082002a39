<#
.SYNOPSIS
    The main job on the embedded emulator: start it, sign in as a runbook would, show usage, and write a cost report.
#>
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $OutPath)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')

Write-Host "`n== Starting the emulator (500 resources) ==" -ForegroundColor Cyan
$emulator = Start-AzBillingEmulator -ResourceCount 500
try {
    $emulator | Format-List | Out-Host

    Write-Host '== Signing in with the managed identity, as an Azure Automation runbook does ==' -ForegroundColor Cyan
    $env:IDENTITY_ENDPOINT = $emulator.IdentityEndpoint
    $env:IDENTITY_HEADER = $emulator.IdentityHeader
    # The emulator serves the public Retail Prices API too; offline, the module reads it there instead of prices.azure.com.
    $env:AZBILLINGINSIGHTS_RETAIL_PRICES_ENDPOINT = $emulator.Endpoint
    Connect-AzBillingInsights -Identity -ArmEndpoint $emulator.Endpoint -SubscriptionId $emulator.SubscriptionIds[0] | Out-Host

    Write-Host '== What this identity can read (the first-run check) ==' -ForegroundColor Cyan
    Test-AzBillingInsights | Out-Host

    $thisMonth = [datetime]::new([datetime]::UtcNow.Year, [datetime]::UtcNow.Month, 1, 0, 0, 0, [DateTimeKind]::Utc)
    $start = $thisMonth.AddMonths(-1)
    Write-Host "== Daily usage reported from $($start.ToString('yyyy-MM-dd')) to $($thisMonth.ToString('yyyy-MM-dd')) ==" -ForegroundColor Cyan
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $usage = Get-AzUsageAggregate -ReportedStartTime $start -ReportedEndTime $thisMonth
    Write-Host ("{0:N0} rows in {1:N1} s" -f $usage.Count, $clock.Elapsed.TotalSeconds)
    $usage | Select-Object -First 5 | Format-Table | Out-Host

    Write-Host '== Quantity by meter category ==' -ForegroundColor Cyan
    $usage | Group-Object MeterCategory | ForEach-Object {
        $sum = [decimal] 0; foreach ($row in $_.Group) { $sum += $row.Quantity }
        [pscustomobject]@{ MeterCategory = $_.Name; Rows = $_.Count; Quantity = $sum; Unit = ($_.Group.Unit | Sort-Object -Unique) -join ', ' }
    } | Sort-Object Rows -Descending | Format-Table -AutoSize | Out-Host

    Write-Host '== Rows by CostCenter tag (cross-charging view) ==' -ForegroundColor Cyan
    $usage | Group-Object { if ($_.Tags.CostCenter) { $_.Tags.CostCenter } else { '(untagged)' } } |
        Sort-Object Count -Descending | Select-Object Name, Count | Format-Table -AutoSize | Out-Host

    $null = New-Item -ItemType Directory -Path $OutPath -Force
    $csv = Join-Path $OutPath 'usage-last-month.csv'
    $usage | Export-Csv -LiteralPath $csv -NoTypeInformation
    Write-Host "Usage written to $csv" -ForegroundColor Green

    Write-Host '== Rate card: a tiered meter (graduated tiers and free included quantity) ==' -ForegroundColor Cyan
    $card = Get-AzRateCard
    Write-Host ("{0:N0} meters in the {1} {2} card" -f @($card).Count, $card[0].OfferDurableId, $card[0].Currency)
    $card | Where-Object { $_.MeterRates.Count -gt 2 -and $_.IncludedQuantity -gt 0 } | Select-Object -First 1 |
        ForEach-Object { $_ | Format-List MeterName, MeterCategory, MeterRegion, Unit, IncludedQuantity | Out-Host; $_.MeterRates | Format-Table | Out-Host }

    Write-Host "== Cost of $($start.ToString('MMMM yyyy')) by resource group (top 5), tiers and included quantities applied ==" -ForegroundColor Cyan
    $month = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $start -To $thisMonth -GroupBy ResourceGroup
    $month | Sort-Object Cost -Descending | Select-Object -First 5 | Format-Table ResourceGroup, Quantity, @{ n = 'Cost'; e = { '{0:N2}' -f $_.Cost }; a = 'Right' }, Currency | Out-Host
    $total = [decimal] 0; foreach ($group in $month) { $total += $group.Cost }
    Write-Host ("Total {0:N2} USD" -f $total)

    $today = [datetime]::SpecifyKind([datetime]::UtcNow.Date, [DateTimeKind]::Utc)
    Write-Host '== Forecast of this month from six months of daily cost, and a budget alert ==' -ForegroundColor Cyan
    $daily = Measure-AzEstimatedCost -SubscriptionId $emulator.SubscriptionIds[0] -From $today.AddDays(-182) -To $today -GroupBy Day
    $daily | Get-AzCostForecast | Out-String -Width 160 | Write-Host
    $daily | Get-AzCostAlert -Budget ($total * 1.02) | Out-Host

    Write-Host "== Cost report: $($start.ToString('yyyy-MM-dd')) to $($today.ToString('yyyy-MM-dd')), by CostCenter, against a budget ==" -ForegroundColor Cyan
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $report = Export-AzCostReport -SubscriptionId $emulator.SubscriptionIds[0] -From $start -To $today -Tag CostCenter -Budget 150000 `
        -Path (Join-Path $OutPath 'cost-report.html') -PassThru
    Write-Host ("Written in {0:N1} s. Open it in a browser (it needs no network):" -f $clock.Elapsed.TotalSeconds)
    Write-Host "  $($report.FullName)" -ForegroundColor Green
}
finally {
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}
