<#
.SYNOPSIS
    Runs each benchmark workload next to its baselines in the same run, each in a fresh pwsh so time and peak
    memory are its own, prints a table of ratios and writes out/bench/results.json.
#>
param([Parameter(Mandatory)] [string] $ModulePath, [Parameter(Mandatory)] [string] $OutPath, [string] $Configuration = 'Release')
$ErrorActionPreference = 'Stop'
Import-Module "$PSScriptRoot/../../.build/BuildTools.psm1"
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$pwsh = Get-PwshCommand

. "$PSScriptRoot/Measurement.ps1"

$results = [System.Collections.Generic.List[object]]::new()

# 1. Import time: importing the staged module versus a bare pwsh start.
$runs = 5
$bare = Get-Median @(1..$runs | ForEach-Object { (Measure-Child '0').Wall })
$importCommand = "Import-Module '$(Join-Path $ModulePath 'AzBillingInsights.psd1')'"
$imported = @(1..$runs | ForEach-Object { Measure-Child $importCommand })
$importTime = Get-Median @($imported.Wall)
$results.Add([pscustomobject]@{
    Workload = 'Import module'; Ours = $importTime; Baseline = $bare; Limit = $null
    Ratio = [Math]::Round($importTime / $bare, 2); Unit = 's (median of 5)'; PeakMB = ($imported.PeakMB | Measure-Object -Maximum).Maximum
    Note = "import costs $([Math]::Round(($importTime - $bare) * 1000)) ms over a bare start (target < 500 ms)"
})

# 2. A month of hourly usage of a 500-resource subscription.
# The runs below read the same months dozens of times: more than ARM's hourly read budget, and the module's pacing
# would then time the budget rather than the code.
$emulator = Start-AzBillingEmulator -ResourceCount 500 -ReadBudget 1000000
try {
    $thisMonth = [datetime]::new([datetime]::UtcNow.Year, [datetime]::UtcNow.Month, 1, 0, 0, 0, [DateTimeKind]::Utc)
    $month = @{ Start = $thisMonth.AddMonths(-1).ToString('o'); End = $thisMonth.ToString('o') }
    $common = @{ ModulePath = $ModulePath; Endpoint = $emulator.Endpoint; IdentityEndpoint = $emulator.IdentityEndpoint; IdentityHeader = $emulator.IdentityHeader; SubscriptionId = $emulator.SubscriptionIds[0] }
    $workloads = "$PSScriptRoot/Workloads"
    # The emulator's first passes over a month warm its own JIT and caches (a pass takes tiered compilation only
    # part of the way): no workload should pay for that, and ours and the baselines must meet the same emulator.
    1..3 | ForEach-Object { $null = Measure-Child "$workloads/Usage.RawDrain.ps1" ($common + $month) }
    $ours = Measure-ChildMedian "$workloads/Usage.Module.ps1" ($common + $month)
    $week = Measure-Child "$workloads/Usage.Module.ps1" ($common + @{ Start = $month.Start; End = ([datetime] $month.Start).ToUniversalTime().AddDays(7).ToString('o') })
    $idiomatic = Measure-Child "$workloads/Usage.Idiomatic.ps1" ($common + $month)
    $drain = Measure-ChildMedian "$workloads/Usage.RawDrain.ps1" ($common + $month)
    $rows = $ours.Result.Rows
    $results.Add([pscustomobject]@{
        Workload = "Usage, month hourly, 500 resources ($rows rows)"; Ours = $ours.Result.Seconds; Baseline = $idiomatic.Result.Seconds; Limit = $drain.Result.Seconds
        Ratio = [Math]::Round($idiomatic.Result.Seconds / $ours.Result.Seconds, 1); Unit = 's'; PeakMB = $ours.PeakMB
        Note = ("{0:N0} rows/s ours, {1:N0} idiomatic, {2:N0} raw drain ({3:P0} of the drain); medians of 3 fresh processes, ours {7} s, drain {8} s; peak MB ours {4} (one week: {5}), idiomatic {6}" -f
            ($rows / $ours.Result.Seconds), ($rows / $idiomatic.Result.Seconds), ($rows / $drain.Result.Seconds),
            ($drain.Result.Seconds / $ours.Result.Seconds), $ours.PeakMB, $week.PeakMB, $idiomatic.PeakMB, ($ours.Seconds -join ', '), ($drain.Seconds -join ', '))
    })
    # The same read again and again in one pwsh, then the raw drain as often in the same pwsh: what a session meets
    # once PowerShell's code is compiled, against a drain that is warm too.
    $session = Measure-Child "$workloads/Usage.Session.ps1" ($common + $month)
    $sessionSeconds = Get-Median @($session.Result.Seconds | Select-Object -Skip 2)
    $sessionDrain = Get-Median @($session.Result.DrainSeconds | Select-Object -Skip 2)
    $results.Add([pscustomobject]@{
        Workload = "Usage, month hourly, in a session (reads 3-$($session.Result.Seconds.Count) of one pwsh)"; Ours = $sessionSeconds; Baseline = $null; Limit = $sessionDrain
        Ratio = [Math]::Round($sessionDrain / $sessionSeconds, 2); Unit = 's (ratio: share of the warm raw drain rate)'; PeakMB = $session.PeakMB
        Note = ("{0:P0} of the raw drain rate, both warm (medians of reads 3-{1}); reads took {2} s, drains {3} s in the same pwsh" -f
            ($sessionDrain / $sessionSeconds), $session.Result.Seconds.Count,
            (($session.Result.Seconds | ForEach-Object { [Math]::Round($_, 2) }) -join ', '), (($session.Result.DrainSeconds | ForEach-Object { [Math]::Round($_, 2) }) -join ', '))
    })
    $results.Add([pscustomobject]@{
        Workload = 'Emulator raw drain (rows/s)'; Ours = [Math]::Round($rows / $drain.Result.Seconds); Baseline = 100000; Limit = $null
        Ratio = [Math]::Round(($rows / $drain.Result.Seconds) / 100000, 2); Unit = 'rows/s vs the 100k target'; PeakMB = $drain.PeakMB
        Note = "$([Math]::Round($drain.Result.Bytes / 1MB, 1)) MB in $([Math]::Round($drain.Result.Seconds, 2)) s"
    })

    # 3. Pricing: a subscription's hourly usage grouped by ResourceGroup,Day; 4 months (~1.1 M rows) and 1 month for memory.
    $cache = Join-Path $OutPath 'ratecard-cache'
    $fourMonths = @{ Start = $thisMonth.AddMonths(-4).ToString('o'); End = $month.End; CachePath = $cache }
    $oneMonth = $month + @{ CachePath = $cache }
    $pricedLong = Measure-ChildMedian "$workloads/Pricing.Module.ps1" ($common + $fourMonths)
    $pricedMonth = Measure-Child "$workloads/Pricing.Module.ps1" ($common + $oneMonth)
    $pricedIdiomatic = Measure-Child "$workloads/Pricing.Idiomatic.ps1" ($common + $oneMonth)
    # Issue 9: a year of hourly usage must fit Azure Automation's 400 MB sandbox.
    $pricedYear = Measure-Child "$workloads/Pricing.Module.ps1" ($common + @{ Start = $thisMonth.AddMonths(-12).ToString('o'); End = $month.End; CachePath = $cache })
    $oursRate = $pricedLong.Result.Rows / $pricedLong.Result.Seconds
    $idiomaticRate = $pricedIdiomatic.Result.Rows / $pricedIdiomatic.Result.Seconds
    $results.Add([pscustomobject]@{
        Workload = "Pricing, hourly usage by ResourceGroup,Day ($($pricedLong.Result.Rows) rows)"; Ours = $pricedLong.Result.Seconds; Baseline = $pricedIdiomatic.Result.Seconds; Limit = $null
        Ratio = [Math]::Round($oursRate / $idiomaticRate, 1); Unit = 's (ratio of rows/s; the baseline prices one month)'; PeakMB = $pricedLong.PeakMB
        Note = ("{0:N0} rows/s read and priced by Measure-AzEstimatedCost -SubscriptionId (median of 3: {6} s), {1:N0} rows/s idiomatic (first tier, Group-Object, {2:N0} rows); peak MB {3} for 4 months, {4} for 1 month, idiomatic {5}" -f
            $oursRate, $idiomaticRate, $pricedIdiomatic.Result.Rows, $pricedLong.PeakMB, $pricedMonth.PeakMB, $pricedIdiomatic.PeakMB, ($pricedLong.Seconds -join ', '))
    })

    # The same month priced with Retail Prices: the first run fills the disk cache with the month's meters, as a
    # second run of a user's script would find it; the second is timed against the rate card's month above.
    $null = Measure-Child "$workloads/Pricing.Module.ps1" ($common + $oneMonth + @{ PriceSource = 'RetailPrices' })
    $pricedRetail = Measure-Child "$workloads/Pricing.Module.ps1" ($common + $oneMonth + @{ PriceSource = 'RetailPrices' })
    $results.Add([pscustomobject]@{
        Workload = "Pricing a month with -PriceSource RetailPrices ($($pricedRetail.Result.Rows) rows)"; Ours = $pricedRetail.Result.Seconds; Baseline = $pricedMonth.Result.Seconds; Limit = $null
        Ratio = [Math]::Round($pricedRetail.Result.Seconds / $pricedMonth.Result.Seconds, 2); Unit = 's (baseline: the same month with the rate card; target within 1.2x)'; PeakMB = $pricedRetail.PeakMB
        Note = ("{0:N0} rows/s with Retail Prices (prices from the disk cache), {1:N0} rows/s with the rate card; peak MB {2} and {3}" -f
            ($pricedRetail.Result.Rows / $pricedRetail.Result.Seconds), ($pricedMonth.Result.Rows / $pricedMonth.Result.Seconds), $pricedRetail.PeakMB, $pricedMonth.PeakMB)
    })

    $results.Add([pscustomobject]@{
        Workload = "Pricing, a year hourly by ResourceGroup,Day ($($pricedYear.Result.Rows) rows)"; Ours = $pricedYear.PeakMB; Baseline = 400; Limit = $null
        Ratio = [Math]::Round($pricedYear.PeakMB / 400, 2); Unit = 'peak MB vs the 400 MB Automation sandbox'; PeakMB = $pricedYear.PeakMB
        Note = ("{0:N0} rows into {1:N0} groups in {2:N1} s; peak working set {3} MB of the sandbox's 400" -f $pricedYear.Result.Rows, $pricedYear.Result.Groups, $pricedYear.Result.Seconds, $pricedYear.PeakMB)
    })

    # 4. A rate card: cold (empty disk cache) versus Invoke-RestMethod | ConvertFrom-Json, then warm from memory.
    $cache = Join-Path ([IO.Path]::GetTempPath()) "azbi-bench-cache-$PID"
    # The emulator serialises a card on its first request: pay that here, so neither side is timed with it.
    $null = Measure-Child "$workloads/RateCard.Idiomatic.ps1" $common
    # A bare pwsh that lives long enough to be sampled: the memory every workload starts from.
    $idle = Measure-Child '[Threading.Thread]::Sleep(500)'
    try {
        $card = Measure-ChildMedian "$workloads/RateCard.Module.ps1" ($common + @{ Mode = 'Cold'; CachePath = $cache })
        $cardIdiomatic = Measure-ChildMedian "$workloads/RateCard.Idiomatic.ps1" $common
        $fromDisk = Measure-ChildMedian "$workloads/RateCard.Module.ps1" ($common + @{ Mode = 'Disk'; CachePath = $cache })
        $warm = Measure-Child "$workloads/RateCard.Module.ps1" ($common + @{ Mode = 'Warm'; CachePath = $cache })
    }
    finally {
        Remove-Item -LiteralPath $cache -Recurse -Force -ErrorAction SilentlyContinue
    }
    $results.Add([pscustomobject]@{
        Workload = "Rate card cold load ($($card.Result.Meters) meters)"; Ours = $card.Result.Seconds; Baseline = $cardIdiomatic.Result.Seconds; Limit = $null
        Ratio = [Math]::Round($cardIdiomatic.Result.Seconds / $card.Result.Seconds, 1); Unit = 's'; PeakMB = $card.PeakMB
        Note = ("medians of 3 fresh processes, ours {8} s, idiomatic {9} s; idiomatic Invoke-RestMethod | ConvertFrom-Json counted {0} meters; peak MB ours {1}, idiomatic {2} ({3:P0} of it); above an idle pwsh ({4} MB) ours {5}, idiomatic {6} ({7:P0}); target at least 5x faster and at most a third of the memory" -f
            $cardIdiomatic.Result.Meters, $card.PeakMB, $cardIdiomatic.PeakMB, ($card.PeakMB / $cardIdiomatic.PeakMB),
            $idle.PeakMB, [Math]::Round($card.PeakMB - $idle.PeakMB, 1), [Math]::Round($cardIdiomatic.PeakMB - $idle.PeakMB, 1), (($card.PeakMB - $idle.PeakMB) / ($cardIdiomatic.PeakMB - $idle.PeakMB)), ($card.Seconds -join ', '), ($cardIdiomatic.Seconds -join ', '))
    })
    $results.Add([pscustomobject]@{
        Workload = "Rate card from the disk cache, new process ($($fromDisk.Result.Meters) meters)"; Ours = $fromDisk.Result.Seconds; Baseline = $card.Result.Seconds; Limit = $null
        Ratio = [Math]::Round($card.Result.Seconds / $fromDisk.Result.Seconds, 1); Unit = 's (baseline: the cold load)'; PeakMB = $fromDisk.PeakMB
        Note = ("the first look-up of a process whose disk cache holds the card; medians of 3 fresh processes: {0} s" -f ($fromDisk.Seconds -join ', '))
    })
    $results.Add([pscustomobject]@{
        Workload = 'Rate card warm call (cached)'; Ours = $warm.Result.LookupMs; Baseline = 10; Limit = $null
        Ratio = [Math]::Round($warm.Result.LookupMs / 10, 2); Unit = 'ms vs the 10 ms target (median of 21)'; PeakMB = $warm.PeakMB
        Note = ("a cached call (Get-AzRateCard -MeterId) takes {0:N2} ms; the whole card of {1} meters through the pipeline (| Measure-Object) {2:N0} ms" -f
            $warm.Result.LookupMs, $warm.Result.Meters, $warm.Result.FullMs)
    })

    # 4b. Retail Prices: every VM price the emulator serves (all regions: one region's are a single page there),
    # Get-AzRetailPrice against the idiomatic Invoke-RestMethod loop that follows NextPageLink; then a warm call.
    $retail = @{ Endpoint = $emulator.Endpoint; Filter = "serviceName eq 'Virtual Machines'" }
    $null = Measure-Child "$workloads/RetailPrices.Idiomatic.ps1" $retail # the emulator's first pass, paid by neither side
    $retailOurs = Measure-ChildMedian "$workloads/RetailPrices.Module.ps1" ($retail + @{ ModulePath = $ModulePath; Mode = 'Cold' })
    $retailIdiomatic = Measure-ChildMedian "$workloads/RetailPrices.Idiomatic.ps1" $retail
    $retailDisk = Measure-ChildMedian "$workloads/RetailPrices.Module.ps1" ($retail + @{ ModulePath = $ModulePath; Mode = 'Disk' })
    $retailWarm = Measure-Child "$workloads/RetailPrices.Module.ps1" ($retail + @{ ModulePath = $ModulePath; Mode = 'Warm' })
    $results.Add([pscustomobject]@{
        Workload = "Retail prices, all VM prices ($($retailOurs.Result.Prices) prices)"; Ours = $retailOurs.Result.Seconds; Baseline = $retailIdiomatic.Result.Seconds; Limit = $null
        Ratio = [Math]::Round($retailIdiomatic.Result.Seconds / $retailOurs.Result.Seconds, 1); Unit = 's'; PeakMB = $retailOurs.PeakMB
        Note = ("medians of 3 fresh processes, ours {0} s, idiomatic {1} s ({2} items); peak MB ours {3}, idiomatic {4}; above an idle pwsh ({5} MB) ours {6}, idiomatic {7} ({8:P0}); target at least 5x faster and at most a third of the memory" -f
            ($retailOurs.Seconds -join ', '), ($retailIdiomatic.Seconds -join ', '), $retailIdiomatic.Result.Items, $retailOurs.PeakMB, $retailIdiomatic.PeakMB,
            $idle.PeakMB, [Math]::Round($retailOurs.PeakMB - $idle.PeakMB, 1), [Math]::Round($retailIdiomatic.PeakMB - $idle.PeakMB, 1),
            (($retailOurs.PeakMB - $idle.PeakMB) / ($retailIdiomatic.PeakMB - $idle.PeakMB)))
    })
    $results.Add([pscustomobject]@{
        Workload = "Retail prices from the disk cache, new process ($($retailDisk.Result.Prices) prices)"; Ours = $retailDisk.Result.Seconds; Baseline = $retailOurs.Result.Seconds; Limit = $null
        Ratio = [Math]::Round($retailDisk.Result.Seconds / $retailOurs.Result.Seconds, 2); Unit = 's (baseline: the same read downloaded)'; PeakMB = $retailDisk.PeakMB
        Note = ("the same read in a new process, served from the disk cache without a request; medians of 3 fresh processes: {0} s" -f ($retailDisk.Seconds -join ', '))
    })
    $results.Add([pscustomobject]@{
        Workload = 'Retail prices warm call (cached, one meter)'; Ours = $retailWarm.Result.LookupMs; Baseline = 10; Limit = $null
        Ratio = [Math]::Round($retailWarm.Result.LookupMs / 10, 2); Unit = 'ms vs the 10 ms target (median of 21)'; PeakMB = $retailWarm.PeakMB
        Note = ("Get-AzRetailPrice -MeterId in a warm session takes {0:N2} ms, served from the price cache in memory" -f $retailWarm.Result.LookupMs)
    })

    # 5. The HTML cost report of the same month of hourly usage, beside Measure-AzEstimatedCost pricing that month.
    $null = New-Item -ItemType Directory -Path $OutPath -Force
    $report = Measure-Child "$workloads/Report.Module.ps1" ($common + $oneMonth + @{ OutPath = $OutPath })
    $results.Add([pscustomobject]@{
        Workload = "HTML cost report, month hourly ($($report.Result.Rows) rows)"; Ours = $report.Result.Seconds; Baseline = $pricedMonth.Result.Seconds; Limit = $null
        Ratio = [Math]::Round($report.Result.Seconds / $pricedMonth.Result.Seconds, 2); Unit = 's (baseline: Measure-AzEstimatedCost of the month)'; PeakMB = $report.PeakMB
        Note = ("{0:N1} s in all: rendering {1:N0} ms ({2:P1}), building the report (pricing by day, category, group, resource and tag; forecast; anomalies) {3:N0} ms, the rest reading and rating rows; {4:N0} KB of HTML" -f
            $report.Result.Seconds, $report.Result.RenderMs, ($report.Result.RenderMs / 1000 / $report.Result.Seconds), $report.Result.BuildMs, ($report.Result.Bytes / 1KB))
    })
}
finally {
    $emulator | Stop-AzBillingEmulator
}

# 6. The rating engine alone: a million rows against a 20,000-meter card, GroupBy ResourceGroup,Day.
$engineProject = "$PSScriptRoot/AzBillingInsights.Performance/AzBillingInsights.Performance.csproj"
$engineOutput = & dotnet run -c $Configuration --project $engineProject -- 1000000 ResourceGroup,Day --fresh-strings
if ($LASTEXITCODE -ne 0) { throw "The engine benchmark failed: $engineOutput" }
$engine = $engineOutput | Select-Object -Last 1 | ConvertFrom-Json
$results.Add([pscustomobject]@{
    Workload = 'Rating engine alone, 1M rows, 20,000-meter card'; Ours = [Math]::Round($engine.RowsPerSecond); Baseline = 2000000; Limit = $null
    Ratio = [Math]::Round($engine.RowsPerSecond / 2000000, 2); Unit = 'rows/s vs the 2M target'; PeakMB = $null
    Note = ($engineOutput | Where-Object { $_ -like 'run 3*' })
})

# 6b. Cost rows with each resource's own tags and additional info, as real exports write them, against the same
# report with tags shared from a few sets (the emulator's estate): a resource's tags are parsed once, not once a day.
$costTagsOutput = & dotnet run -c $Configuration --project $engineProject -- cost-tags
if ($LASTEXITCODE -ne 0) { throw "The cost tags benchmark failed: $costTagsOutput" }
$costTags = $costTagsOutput | Select-Object -Last 1 | ConvertFrom-Json
$results.Add([pscustomobject]@{
    Workload = "Cost rows with each resource's own tags ($($costTags.Resources) resources x 20 days, engine alone)"; Ours = $costTags.OwnSeconds; Baseline = $costTags.SharedSeconds; Limit = $null
    Ratio = [Math]::Round($costTags.OwnSeconds / $costTags.SharedSeconds, 2); Unit = 's (baseline: the same rows with tags shared from 40 sets)'; PeakMB = $null
    Note = "best of 3 reads each; " + (($costTagsOutput | Where-Object { $_ -like '*run 3*' }) -join '; ')
})

# 7. Forecast backtests: a year of daily cost for each of 100 groups, against the time of one forecast.
$backtest = Measure-Child "$PSScriptRoot/Workloads/Forecast.Backtest.ps1" @{ ModulePath = $ModulePath }
$results.Add([pscustomobject]@{
    Workload = "Forecast backtest, a year of daily cost x $($backtest.Result.Groups) groups"; Ours = $backtest.Result.Seconds; Baseline = $backtest.Result.ForecastSeconds; Limit = $null
    Ratio = [Math]::Round($backtest.Result.Seconds / $backtest.Result.ForecastSeconds); Unit = 's (baseline: one forecast of one group, median of 5)'; PeakMB = $backtest.PeakMB
    Note = ("{0:N0} backtest forecasts in {1:N1} s ({2:N2} ms each); one end-of-period forecast takes {3:N1} ms, so the whole backtest costs as much as {4:N0} forecasts" -f
        $backtest.Result.Forecasts, $backtest.Result.Seconds, (1000 * $backtest.Result.Seconds / $backtest.Result.Forecasts), (1000 * $backtest.Result.ForecastSeconds), ($backtest.Result.Seconds / $backtest.Result.ForecastSeconds))
})

# 8. Export-AzCostData: a month of hourly usage priced and written to Parquet against Measure-AzEstimatedCost pricing the
# same month; then 20 subscriptions exported 4 at a time against one after another, each usage page answered after
# 150 ms as ARM's are (a local emulator answers at once, so a run would otherwise time only this machine's 2 cores).
$emulator = Start-AzBillingEmulator -ResourceCount 500 -ReadBudget 1000000
try {
    $common = @{ ModulePath = $ModulePath; Endpoint = $emulator.Endpoint; IdentityEndpoint = $emulator.IdentityEndpoint; IdentityHeader = $emulator.IdentityHeader; SubscriptionId = $emulator.SubscriptionIds[0] }
    $thisMonth = [datetime]::new([datetime]::UtcNow.Year, [datetime]::UtcNow.Month, 1, 0, 0, 0, [DateTimeKind]::Utc)
    $cache = Join-Path $OutPath 'export-cache'
    $exportMonth = @{ Start = $thisMonth.AddMonths(-1).ToString('o'); End = $thisMonth.ToString('o'); CachePath = $cache }
    $exportDir = Join-Path $OutPath 'export'
    1..2 | ForEach-Object { $null = Measure-Child "$PSScriptRoot/Workloads/Usage.RawDrain.ps1" ($common + $exportMonth) }
    $priced = Measure-ChildMedian "$PSScriptRoot/Workloads/Pricing.Module.ps1" ($common + $exportMonth)
    $exported = Measure-ChildMedian "$PSScriptRoot/Workloads/Export.Module.ps1" ($common + $exportMonth + @{ OutPath = $exportDir })
    $exportedFour = Measure-Child "$PSScriptRoot/Workloads/Export.Module.ps1" ($common + @{ Start = $thisMonth.AddMonths(-4).ToString('o'); End = $exportMonth.End; CachePath = $cache; OutPath = $exportDir })
    $results.Add([pscustomobject]@{
        Workload = "Export-AzCostData, month hourly to Parquet ($($priced.Result.Rows) usage rows)"; Ours = $exported.Result.Seconds; Baseline = $priced.Result.Seconds; Limit = $null
        Ratio = [Math]::Round($priced.Result.Seconds / $exported.Result.Seconds, 2); Unit = "s (ratio: share of Measure-AzEstimatedCost's speed on the month; target >= 0.7)"; PeakMB = $exported.PeakMB
        Note = ("{0:N0} FOCUS rows ({1:N1} MB of Parquet) in {2:N2} s (medians of 3: {3} s) against {4:N2} s to price the month ({5} s); peak MB {6} for 1 month, {7} for 4 months ({8:N0} rows in {9:N1} s); target under 250 MB, flat in months" -f
            $exported.Result.Rows, ($exported.Result.Bytes / 1MB), $exported.Result.Seconds, ($exported.Seconds -join ', '), $priced.Result.Seconds, ($priced.Seconds -join ', '),
            $exported.PeakMB, $exportedFour.PeakMB, $exportedFour.Result.Rows, $exportedFour.Result.Seconds)
    })
}
finally {
    $emulator | Stop-AzBillingEmulator
}

$emulator = Start-AzBillingEmulator -ResourceCount 500 -SubscriptionCount 20 -ReadBudget 1000000
try {
    $body = @{ kind = 'slow'; count = 1000000; pathContains = 'UsageAggregates'; delayMilliseconds = 150 } | ConvertTo-Json
    $common = @{ ModulePath = $ModulePath; Endpoint = $emulator.Endpoint; IdentityEndpoint = $emulator.IdentityEndpoint; IdentityHeader = $emulator.IdentityHeader; SubscriptionId = $emulator.SubscriptionIds -join ',' }
    $window = @{ Start = $thisMonth.AddMonths(-1).ToString('o'); End = $thisMonth.ToString('o'); CachePath = $cache; OutPath = $exportDir; Granularity = 'Daily' }
    $null = Measure-Child "$PSScriptRoot/Workloads/Export.Module.ps1" ($common + $window + @{ ThrottleLimit = 4 })
    Invoke-RestMethod -Method Post -Uri "$($emulator.Endpoint)_emulator/faults" -Body $body -ContentType 'application/json' | Out-Null
    $serial = Measure-Child "$PSScriptRoot/Workloads/Export.Module.ps1" ($common + $window + @{ ThrottleLimit = 1 })
    $parallel = Measure-Child "$PSScriptRoot/Workloads/Export.Module.ps1" ($common + $window + @{ ThrottleLimit = 4 })
    $refused = @(Invoke-RestMethod -Uri "$($emulator.Endpoint)_emulator/requests" | ForEach-Object { $_ } | Where-Object { $_.status -eq 429 }).Count
    $results.Add([pscustomobject]@{
        Workload = "Export-AzCostData, 20 subscriptions x a month daily, -ThrottleLimit 4"; Ours = $parallel.Result.Seconds; Baseline = $serial.Result.Seconds; Limit = $null
        Ratio = [Math]::Round($serial.Result.Seconds / $parallel.Result.Seconds, 2); Unit = 's (ratio: speed-up over one at a time; target >= 2.5)'; PeakMB = $parallel.PeakMB
        Note = ("{0} partitions, {1:N0} rows; usage pages answered after 150 ms; {2:N1} s one at a time, {3:N1} s four at a time; {4} ARM reads refused (429)" -f
            $parallel.Result.Partitions, $parallel.Result.Rows, $serial.Result.Seconds, $parallel.Result.Seconds, $refused)
    })
}
finally {
    $emulator | Stop-AzBillingEmulator
}

# 9. Cost Details: a month of cost rows over two blobs, against Invoke-RestMethod | ConvertFrom-Csv.
$results.AddRange(@(. "$PSScriptRoot/Measure-CostDetailBenchmark.ps1" -ModulePath $ModulePath))
$results.Add((. "$PSScriptRoot/Measure-CostTotalsBenchmark.ps1" -ModulePath $ModulePath))

# 10. Forecast accuracy (issue 17's harness): MAPE at days 5-25 on real series against the better of the run-rate and
# the 7-day pace, interval coverage and width, incoherent forecasts; also stress series and the emulator's estate.
$accuracy = Measure-Child "$PSScriptRoot/Workloads/Forecast.Accuracy.ps1" @{
    ModulePath = $ModulePath; FixturesPath = "$PSScriptRoot/../AzBillingInsights.Engine.Tests/Fixtures/daily-cost-series"
    CachePath = (Join-Path ([IO.Path]::GetTempPath()) "azbi-bench-accuracy-$PID")
}
$real = $accuracy.Result.Series | Where-Object Series -eq 'all real'
$better = [Math]::Min($real.RunRateMape, $real.PaceMape)
$results.Add([pscustomobject]@{
    Workload = 'Forecast accuracy, real daily series (MAPE at days 5-25)'; Ours = [Math]::Round($real.Mape, 2); Baseline = [Math]::Round($better, 2); Limit = $null
    Ratio = [Math]::Round($real.Mape / $better, 2); Unit = '% MAPE (baseline: the better of run-rate and 7-day pace; target ratio <= 0.9)'; PeakMB = $accuracy.PeakMB
    Note = (($accuracy.Result.Series | ForEach-Object {
                "{0} ({1} forecasts): MAPE {2:N2}% vs run-rate {3:N2}% and pace {4:N2}%, 80% interval held {5:P0}, 95% held {6:P0}, 95% width {7:P0} of the total, {8} incoherent" -f
                $_.Series, $_.Forecasts, $_.Mape, $_.RunRateMape, $_.PaceMape, $_.Coverage80, $_.Coverage95, $_.Width95, $_.Incoherent
            }) -join '; ')
    Series = $accuracy.Result.Series
})

$null = New-Item -ItemType Directory -Path $OutPath -Force
$results | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath (Join-Path $OutPath 'results.json')
$results | Format-Table Workload, Ours, Baseline, Limit, Ratio, Unit, PeakMB -AutoSize | Out-Host
$results | ForEach-Object { Write-Host "$($_.Workload): $($_.Note)" }
