BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    # Rate cards are cached on disk between sessions; tests keep theirs in the test drive.
    $env:AZBILLINGINSIGHTS_CACHE_PATH = Join-Path $TestDrive 'cache'
    $subscription = $emulator.SubscriptionIds[0]
    # A minted token, not -Identity: Azure.Identity keeps managed-identity tokens in a cache shared by the whole
    # process (MSAL's shared cache), so after one emulator's -Identity sign-in, the next file's emulator would be
    # handed that emulator's token. See Azure/azure-sdk-for-net#47896.
    $token = New-EmulatorToken $emulator 'report-reader' @{ $subscription = 'Reader' }
    function Connect-Reader([int] $MaxRetries = 6) {
        Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription -MaxRetries $MaxRetries | Out-Null
    }
    Connect-Reader

    # Last month and this month so far: the forecast band covers the rest of this month.
    $today = [datetime]::SpecifyKind([datetime]::UtcNow.Date, [DateTimeKind]::Utc)
    $from = $today.AddDays(1 - $today.Day).AddMonths(-1)
    $reportPath = Join-Path $TestDrive 'report.html'
    $file = Export-AzCostReport -SubscriptionId $subscription -From $from -To $today -Tag Owner -Top 100 -Budget 1000 -Path $reportPath -PassThru
    $html = Get-Content -LiteralPath $reportPath -Raw

    function Get-ReportAmount([string] $Html, [string] $Id) {
        if ($Html -notmatch "<data id=""$Id"" value=""([-0-9.]+)"">") { throw "No $Id in the report." }
        [decimal]::Parse($Matches[1], [cultureinfo]::InvariantCulture)
    }
}

AfterAll {
    Disconnect-AzBillingInsights
    Remove-Item Env:AZBILLINGINSIGHTS_CACHE_PATH -ErrorAction SilentlyContinue
    $emulator | Stop-AzBillingEmulator
}

Describe 'Export-AzCostReport' {
    It 'writes one HTML file and returns it with -PassThru' {
        $file | Should -BeOfType [System.IO.FileInfo]
        $file.FullName | Should -Be $reportPath
        $html | Should -BeLike '<!DOCTYPE html>*</html>*'
        @(Get-ChildItem -LiteralPath $TestDrive -Filter '*.tmp' -Force) | Should -HaveCount 0
    }

    It 'reports the same total as Measure-AzEstimatedCost for the same window' {
        $measured = Measure-AzEstimatedCost -SubscriptionId $subscription -From $from -To $today
        Get-ReportAmount $html 'total' | Should -Be $measured.Cost
    }

    It 'reports the same total from Get-AzUsageAggregate rows on the pipeline' {
        $window = Get-LastMonthWindow
        $rows = Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.End.AddDays(3) |
            Where-Object { $_.UsageStartTime -ge $window.Start -and $_.UsageStartTime -lt $window.End }
        $path = Join-Path $TestDrive 'piped.html'
        $rows | Export-AzCostReport -Path $path
        $measured = $rows | Measure-AzEstimatedCost
        Get-ReportAmount (Get-Content -LiteralPath $path -Raw) 'total' | Should -Be $measured.Cost
    }

    It 'puts every subscription piped by property name into one report, and reports a bad id without losing the others' {
        $both = $emulator.SubscriptionIds[0..1]
        $twoToken = New-EmulatorToken $emulator 'report-two' @{ $both[0] = 'Reader'; $both[1] = 'Reader' }
        Connect-AzBillingInsights -AccessToken $twoToken -ArmEndpoint $emulator.Endpoint -SubscriptionId $both[0] | Out-Null
        try {
            $window = Get-LastMonthWindow
            $path = Join-Path $TestDrive 'two-subscriptions.html'
            $piped = @([pscustomobject]@{ SubscriptionId = $both[0] }, [pscustomobject]@{ SubscriptionId = 'not-a-guid' }, [pscustomobject]@{ SubscriptionId = $both[1] })
            $piped | Export-AzCostReport -From $window.Start -To $window.End -Path $path -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures | Should -HaveCount 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidSubscriptionId,*'
            $each = foreach ($id in $both) { (Measure-AzEstimatedCost -SubscriptionId $id -From $window.Start -To $window.End).Cost }
            $each | ForEach-Object { $_ | Should -BeGreaterThan 0 }
            Get-ReportAmount (Get-Content -LiteralPath $path -Raw) 'total' | Should -Be ($each[0] + $each[1])
        }
        finally {
            Connect-Reader
        }
    }

    It 'shows the hostile Owner tag value of the estate as text' {
        $html | Should -Match ([regex]::Escape('&lt;script&gt;alert(&#39;owner&#39;)&lt;/script&gt;'))
        $html | Should -Not -Match '<script'
    }

    It 'references nothing outside the file (<_>)' -ForEach 'http:', 'https:', '//', 'url(', '@import', '<script', 'src=', 'href=', '<link' {
        $html.Contains($_, [StringComparison]::OrdinalIgnoreCase) | Should -BeFalse
    }

    It 'has the headline numbers, the forecast interval and the budget status' {
        Get-ReportAmount $html 'period-to-date' | Should -BeGreaterThan 0
        Get-ReportAmount $html 'forecast' | Should -BeGreaterOrEqual (Get-ReportAmount $html 'period-to-date')
        $html | Should -Match '80%: '
        $html | Should -Match 'data-budget-status="(ok|warn|bad)"'
    }

    It 'formats money in the -Culture given, in the card''s currency' {
        $path = Join-Path $TestDrive 'de.html'
        Export-AzCostReport -SubscriptionId $subscription -From $from -To $today -Culture de-DE -Path $path
        $german = Get-Content -LiteralPath $path -Raw
        $german | Should -Match '<html lang="de-DE">'
        $german | Should -Match '<data id="total" value="[0-9.]+">[0-9.]+,[0-9]{2}.USD</data>'
    }

    It 'writes nothing and reads no usage with -WhatIf' {
        Clear-EmulatorRequest $emulator
        $path = Join-Path $TestDrive 'whatif.html'
        Export-AzCostReport -SubscriptionId $subscription -From $from -To $today -Path $path -WhatIf
        Test-Path -LiteralPath $path | Should -BeFalse
        @(Get-EmulatorRequest $emulator 'UsageAggregates') | Should -HaveCount 0
    }

    It 'keeps the previous report and leaves no temporary file when reading fails' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'atomic')
        $path = Join-Path $folder 'report.html'
        Set-Content -LiteralPath $path -Value 'previous report'
        Connect-Reader -MaxRetries 0
        try {
            Add-EmulatorFault $emulator -Kind 500 -PathContains 'UsageAggregates' -Count 5 -Skip 1
            { Export-AzCostReport -SubscriptionId $subscription -From $from -To $today -Path $path } | Should -Throw
        }
        finally {
            Clear-EmulatorFault $emulator
            Connect-Reader
        }

        Get-Content -LiteralPath $path -Raw | Should -Be "previous report$([Environment]::NewLine)"
        @(Get-ChildItem -LiteralPath $folder -Force) | Should -HaveCount 1
    }

    It 'refuses to replace a file with -NoClobber' {
        { Export-AzCostReport -SubscriptionId $subscription -From $from -To $today -Path $reportPath -NoClobber } |
            Should -Throw -ErrorId 'FileExists,AzBillingInsights.Commands.ExportAzCostReportCommand'
    }

    It 'reports piped objects that are not usage rows' {
        $path = Join-Path $TestDrive 'wrong-input.html'
        [pscustomobject]@{ Date = $today; Cost = 1 } | Export-AzCostReport -Path $path -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -Be 'InvalidUsageRow,AzBillingInsights.Commands.ExportAzCostReportCommand'
    }

    It 'states the render time in verbose output' {
        $verbose = Export-AzCostReport -SubscriptionId $subscription -From $from -To $today -Path (Join-Path $TestDrive 'verbose.html') -Verbose 4>&1
        @(@($verbose).Message -match 'rendered it in [0-9,.]+ ms') | Should -HaveCount 1
    }
}

Describe 'Export-AzCostReport in a browser' {
    BeforeAll {
        $chromium = Get-Command chromium, chromium-browser -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        # The harness copy gets a script that measures the layout into attributes of the DOM; the report itself has none.
        $measure = @'
<script>
const root = document.documentElement;
root.setAttribute('data-scroll-width', root.scrollWidth);
root.setAttribute('data-max-right', Math.ceil(Math.max(...[...document.body.querySelectorAll('*')].map(e => e.getBoundingClientRect().right))));
for (const svg of document.querySelectorAll('svg[data-chart]')) {
  const drawn = selector => [...svg.querySelectorAll(selector)].filter(e => { const box = e.getBBox(); return box.width > 0 && box.height > 0; }).length;
  svg.setAttribute('data-drawn-bars', drawn('rect.bar:not(.predicted)'));
  svg.setAttribute('data-drawn-predicted', drawn('rect.bar.predicted'));
  svg.setAttribute('data-drawn-bands', drawn('path.band80, path.band95'));
  svg.setAttribute('data-rendered-width', Math.round(svg.getBoundingClientRect().width));
}
</script>
'@
        function Get-Attribute([string] $Tag, [string] $Name) {
            $match = [regex]::Match($Tag, " $Name=""(\d+)""")
            if (-not $match.Success) { throw "No $Name in $Tag" }
            [int] $match.Groups[1].Value
        }

        function Invoke-Chromium([string[]] $Arguments) {
            $userData = Join-Path $TestDrive "chromium-$([guid]::NewGuid())"
            $common = '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND', "--user-data-dir=$userData", '--window-size=1280,2000'
            & $chromium.Source @common @Arguments 2>$null
        }
    }

    It 'draws every chart and fits 1280 pixels' {
        if (-not $chromium) { Set-ItResult -Skipped -Because 'chromium is not installed (apt-get install chromium; .ci/run does)'; return }
        $harness = Join-Path $TestDrive 'harness.html'
        Set-Content -LiteralPath $harness -Value ($html.Replace('</body>', "$measure</body>")) -NoNewline
        $dom = (Invoke-Chromium '--dump-dom', ([uri]::new($harness, [UriKind]::Absolute).AbsoluteUri)) -join "`n"

        $root = [regex]::Match($dom, '<html[^>]*>').Value
        Get-Attribute $root 'data-scroll-width' | Should -BeLessOrEqual 1280
        Get-Attribute $root 'data-max-right' | Should -BeLessOrEqual 1280

        $charts = [regex]::Matches($dom, '<svg [^>]*data-chart="(?<name>[^"]+)"[^>]*>')
        @($charts.Groups | Where-Object Name -eq 'name' | ForEach-Object Value) | Should -Be @('daily', 'meter-category', 'resource-group', 'tag')
        foreach ($chart in $charts) {
            $tag = $chart.Value
            $expected = Get-Attribute $tag 'data-bars'
            $expected | Should -BeGreaterThan 0 -Because "chart $($chart.Groups['name'].Value) has data"
            Get-Attribute $tag 'data-drawn-bars' | Should -Be $expected -Because "every bar of $($chart.Groups['name'].Value) is drawn"
            Get-Attribute $tag 'data-rendered-width' | Should -BeGreaterThan 300
        }

        $daily = $charts[0].Value
        # One bar per day from the first of last month to the last day with usage.
        Get-Attribute $daily 'data-bars' | Should -BeGreaterOrEqual ($today.AddDays(-4) - $from).Days
        $predicted = Get-Attribute $daily 'data-predicted'
        Get-Attribute $daily 'data-drawn-predicted' | Should -Be $predicted
        Get-Attribute $daily 'data-drawn-bands' | Should -Be ($predicted -gt 0 ? 2 : 0)
    }

    It 'renders a screenshot 1280 pixels wide offline' {
        if (-not $chromium) { Set-ItResult -Skipped -Because 'chromium is not installed (apt-get install chromium; .ci/run does)'; return }
        $png = Join-Path $TestDrive 'report.png'
        Invoke-Chromium "--screenshot=$png", ([uri]::new($reportPath, [UriKind]::Absolute).AbsoluteUri) | Out-Null
        $bytes = [IO.File]::ReadAllBytes($png)
        $bytes.Length | Should -BeGreaterThan 20KB
        # PNG IHDR: width is the big-endian integer at byte 16.
        [BitConverter]::ToInt32([byte[]] @($bytes[19], $bytes[18], $bytes[17], $bytes[16]), 0) | Should -Be 1280
    }
}
