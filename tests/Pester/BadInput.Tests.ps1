# A corpus of wrong values for the parameters of every exported cmdlet. Each case names the stable ErrorId, the
# category and a pattern the message must match (the bad value or the rule it broke); piped bad rows are reported
# one by one while the valid rows around them are still priced.
BeforeDiscovery {
    $command = 'AzBillingInsights.Commands'
    # Command: run in the test's scope ($sub, $month, $folder, $emulator are set in BeforeAll).
    $cases = @(
        # Connect-AzBillingInsights
        @{ Command = 'Connect-AzBillingInsights -Identity -MaxRetries 99'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '\b99\b' }
        @{ Command = 'Connect-AzBillingInsights -Identity -Environment Mars'; ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = 'Mars' }
        @{ Command = 'Connect-AzBillingInsights -AccessToken x.y.z -ArmEndpoint http://example.com/'; ErrorId = 'InsecureEndpoint'; Category = 'SecurityError'; Message = 'example\.com.*not https' }
        @{ Command = "Connect-AzBillingInsights -AccessToken x.y.z -ArmEndpoint 'not a uri'"; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "'not a uri' is not an absolute URI" }
        @{ Command = 'Connect-AzBillingInsights -Identity -ArmEndpoint $emulator.Endpoint -SubscriptionId nope'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "-SubscriptionId 'nope' is not a GUID\. Give the subscription's id"; Action = 'Give -SubscriptionId .* a GUID' }
        @{ Command = 'Connect-AzBillingInsights -ServicePrincipal -TenantId t -ApplicationId a -CertificatePath (Join-Path $folder missing.pfx) -ArmEndpoint $emulator.Endpoint'; ErrorId = 'FileNotFound'; Category = 'ObjectNotFound'; Message = 'missing\.pfx' }
        @{ Command = "Connect-AzBillingInsights -AccessToken ''"; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'AccessToken' }
        # Parameterless cmdlets
        @{ Command = 'Disconnect-AzBillingInsights -Force'; ErrorId = 'NamedParameterNotFound'; Category = 'InvalidArgument'; Message = 'Force' }
        @{ Command = 'Get-AzBillingInsightsContext -Name x'; ErrorId = 'NamedParameterNotFound'; Category = 'InvalidArgument'; Message = 'Name' }
        @{ Command = 'Get-AzRateCardCache -Offer x'; ErrorId = 'NamedParameterNotFound'; Category = 'InvalidArgument'; Message = 'Offer' }
        # Get-AzUsageAggregate
        @{ Command = 'Get-AzUsageAggregate -SubscriptionId nope -StartTime $month -EndTime $month.AddDays(1)'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "'nope' is not a GUID" }
        @{ Command = 'Get-AzUsageAggregate -StartTime $month.AddMinutes(30) -EndTime $month.AddDays(1) -Granularity Hourly'; ErrorId = 'InvalidUsageQuery'; Category = 'InvalidArgument'; Message = '00:30:00.*not a whole hour' }
        @{ Command = 'Get-AzUsageAggregate -StartTime $month.AddHours(5) -EndTime $month.AddDays(1)'; ErrorId = 'InvalidUsageQuery'; Category = 'InvalidArgument'; Message = 'not midnight UTC' }
        @{ Command = 'Get-AzUsageAggregate -StartTime $month -EndTime ((Get-TestToday).AddDays(3))'; ErrorId = 'InvalidUsageQuery'; Category = 'InvalidArgument'; Message = 'is in the future' }
        @{ Command = 'Get-AzUsageAggregate -StartTime $month.AddDays(2) -EndTime $month.AddDays(1)'; ErrorId = 'InvalidUsageQuery'; Category = 'InvalidArgument'; Message = 'must be before -ReportedEndTime' }
        @{ Command = 'Get-AzUsageAggregate -StartTime yesterday -EndTime $month'; ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = "'yesterday'" }
        @{ Command = 'Get-AzUsageAggregate -StartTime $month -EndTime $month.AddDays(1) -Granularity Weekly'; ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = 'Weekly' }
        @{ Command = 'Get-AzUsageAggregate -StartTime $month -EndTime $month.AddDays(1) -ContinuationToken garbage'; ErrorId = 'BadRequest'; Category = 'InvalidArgument'; Message = 'continuationToken is not valid' }
        # Get-AzRateCard
        @{ Command = 'Get-AzRateCard -OfferDurableId MS-AZR-XYZ'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "'MS-AZR-XYZ' is not valid.*MS-AZR-0003P" }
        @{ Command = 'Get-AzRateCard -OfferDurableId MS-AZR-9999P'; ErrorId = 'InvalidRateCardFilter'; Category = 'InvalidArgument'; Message = "OfferDurableId 'MS-AZR-9999P'" }
        @{ Command = 'Get-AzRateCard -Currency DOLLARS'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "'DOLLARS'.*three-letter" }
        @{ Command = 'Get-AzRateCard -Locale english'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "'english'.*culture name" }
        @{ Command = 'Get-AzRateCard -RegionInfo USA'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "'USA'.*two-letter" }
        @{ Command = "Get-AzRateCard -Currency ''"; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Currency' }
        @{ Command = 'Get-AzRateCard -SubscriptionId nope -Force'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "-SubscriptionId 'nope' is not a GUID\. Give the subscription's id"; Action = 'Give -SubscriptionId .* a GUID' }
        @{ Command = 'Get-AzRateCard -SubscriptionId nope'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "-SubscriptionId 'nope' is not a GUID\. Give the subscription's id"; Action = 'Give -SubscriptionId .* a GUID' } # the card is in the cache: the id was never looked at
        @{ Command = 'Get-AzRateCard -Locale xx-XX'; ErrorId = 'InvalidRateCardFilter'; Category = 'InvalidArgument'; Message = "Locale 'xx-XX'" } # a wire value: the service, not .NET, knows its locales
        # Rate-card cache
        @{ Command = 'Set-AzRateCardCache -Expiry ([timespan]::Zero)'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = 'expiry must be positive' }
        @{ Command = 'Set-AzRateCardCache -Expiry forever'; ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = "'forever'" }
        @{ Command = 'Clear-AzRateCardCache -OfferDurableId MS-AZR-0003P -Location Cloud'; ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = 'Cloud' }
        # Invoices and billing periods
        @{ Command = 'Get-AzInvoice -First 0'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'First' }
        @{ Command = 'Get-AzInvoice -First 101'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '101' }
        @{ Command = 'Get-AzInvoice -From 2026-05-01 -To 2026-01-01'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = 'From 2026-05-01 is after To 2026-01-01' }
        @{ Command = 'Get-AzInvoice -Name no-such'; ErrorId = 'NotFound'; Category = 'ObjectNotFound'; Message = "'no-such'.*request id" }
        @{ Command = 'Get-AzInvoice -SubscriptionId nope'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "-SubscriptionId 'nope' is not a GUID\. Give the subscription's id"; Action = 'Give -SubscriptionId .* a GUID' }
        @{ Command = 'Get-AzBillingInsightsPeriod -First 500'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '500' }
        @{ Command = 'Get-AzBillingInsightsPeriod -From 2026-05-01 -To 2026-01-01'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = 'window is empty' }
        @{ Command = 'Get-AzBillingInsightsPeriod -Name bogus'; ErrorId = 'NotFound'; Category = 'ObjectNotFound'; Message = "'bogus'" }
        @{ Command = 'Get-AzBillingInsightsPeriod -SubscriptionId nope'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "-SubscriptionId 'nope' is not a GUID\. Give the subscription's id"; Action = 'Give -SubscriptionId .* a GUID' }
        @{ Command = 'Save-AzInvoice -Name no-such -Path $folder'; ErrorId = 'NotFound'; Category = 'ObjectNotFound'; Message = "'no-such'" }
        @{ Command = 'Save-AzInvoice -Name no-such -SubscriptionId nope -Path $folder'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "-SubscriptionId 'nope' is not a GUID\. Give the subscription's id"; Action = 'Give -SubscriptionId .* a GUID' }
        @{ Command = "'text' | Save-AzInvoice -Path `$folder"; ErrorId = 'InputObjectNotBound'; Category = 'InvalidArgument'; Message = 'cannot be bound' }
        @{ Command = 'Get-AzInvoice -Latest | Save-AzInvoice -Path $existing'; ErrorId = 'FileExists'; Category = 'ResourceExists'; Message = 'existing\.pdf.*already exists' }
        # Measure-AzEstimatedCost
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month -To $month.AddDays(1) -GroupBy Colour'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "Cannot group by 'Colour'" }
        @{ Command = "Measure-AzEstimatedCost -SubscriptionId `$sub -From `$month -To `$month.AddDays(1) -GroupBy 'Tag:'"; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "-GroupBy 'Tag:' names no tag" }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId nope -From $month -To $month.AddDays(1)'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "-SubscriptionId 'nope' is not a GUID\. Give the subscription's id"; Action = 'Give -SubscriptionId .* a GUID' }
        @{ Command = '[pscustomobject]@{ MeterId = $meterA.MeterId; Quantity = 1 } | Measure-AzEstimatedCost -SubscriptionId nope'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "-SubscriptionId 'nope' is not a GUID\. Give the subscription's id"; Action = 'Give -SubscriptionId .* a GUID' }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month.AddDays(2) -To $month.AddDays(1)'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '-From \(.*\) must be before -To' }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month.AddMinutes(30) -To $month.AddDays(1) -Granularity Hourly'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '-From \(.*00:30 UTC\) is not a whole hour' }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month.AddHours(5) -To $month.AddDays(1)'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '-From \(.*05:00 UTC\) is not midnight' }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From ((Get-TestToday).AddDays(2)) -To ((Get-TestToday).AddDays(9))'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = 'no usage of that time has been reported' }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month -To $month.AddDays(1) -BillingPeriodStartDay 29'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '29' }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month -To $month.AddDays(1) -OfferDurableId bad'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "OfferDurableId 'bad'" }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month -To $month.AddDays(1) -Currency dollars'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "Currency 'dollars'" }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month -To $month.AddDays(1) -Locale english'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "Locale 'english'" }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month -To $month.AddDays(1) -RegionInfo USA'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "RegionInfo 'USA'" }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month -To $month.AddDays(1) -CompareRegion Mars'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = "'Mars' is not a meter region" }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month -To $month.AddDays(1) -CompareOffer MS-AZR-9999P'; ErrorId = 'InvalidRateCardFilter'; Category = 'InvalidArgument'; Message = "'MS-AZR-9999P'" }
        # Export-AzCostReport
        @{ Command = 'Export-AzCostReport -SubscriptionId $sub -From $month -To $month.AddDays(1) -Path $report -Budget -5'; ErrorId = 'InvalidBudget'; Category = 'InvalidArgument'; Message = 'must not be negative.*-5' }
        @{ Command = 'Export-AzCostReport -SubscriptionId $sub -From $month -To $month.AddDays(1) -Path $folder'; ErrorId = 'PathIsFolder'; Category = 'InvalidArgument'; Message = 'is a folder' }
        @{ Command = 'Export-AzCostReport -SubscriptionId $sub -From $month -To $month.AddDays(1) -Path $report -Top 0'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Top' }
        @{ Command = 'Export-AzCostReport -SubscriptionId nope -From $month -To $month.AddDays(1) -Path $report'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "-SubscriptionId 'nope' is not a GUID\. Give the subscription's id"; Action = 'Give -SubscriptionId .* a GUID' }
        @{ Command = 'Export-AzCostReport -SubscriptionId $sub -From $month -To $month.AddDays(1) -Path $report -Culture xx-Nonsense'; ErrorId = 'InvalidCulture'; Category = 'InvalidArgument'; Message = "-Culture 'xx-Nonsense' is not a culture this system defines.*predefined culture name such as en-US"; Action = "GetCultures\('AllCultures'\)" }
        @{ Command = 'Export-AzCostReport -SubscriptionId $sub -From $month.AddDays(3) -To $month.AddDays(1) -Path $report'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = 'must be before -To' }
        @{ Command = "'abc' | Export-AzCostReport -Path `$report"; ErrorId = 'InvalidUsageRow'; Category = 'InvalidType'; Message = 'not String' }
        # Forecasts, alerts and anomalies
        @{ Command = '[pscustomobject]@{ Date = $month; Cost = 1; Currency = "USD" }, [pscustomobject]@{ Date = $month.AddDays(1); Cost = 1; Currency = "EUR" } | Get-AzCostForecast'; ErrorId = 'MixedCurrencies'; Category = 'InvalidData'; Message = 'USD and EUR' }
        @{ Command = '[pscustomobject]@{ Date = $month; Cost = "lots" } | Get-AzCostForecast'; ErrorId = 'InputObjectMissingMandatory'; Category = 'InvalidArgument'; Message = 'Cost' }
        @{ Command = 'Get-AzCostForecast -SubscriptionId $sub -HistoryDays 0'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'HistoryDays' }
        @{ Command = 'Get-AzCostForecast -SubscriptionId nope -HistoryDays 3'; ErrorId = 'InvalidSubscriptionId'; Category = 'InvalidArgument'; Message = "-SubscriptionId 'nope' is not a GUID\. Give the subscription's id"; Action = 'Give -SubscriptionId .* a GUID' }
        @{ Command = '[pscustomobject]@{ Date = $month; Cost = 1 } | Get-AzCostForecast -Backtest -CutoffDay 31'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '31' }
        @{ Command = '1..10 | ForEach-Object { [pscustomobject]@{ Date = $month.AddDays($_); Cost = 1 } } | Get-AzCostForecast -Through $month.AddDays(-30)'; ErrorId = 'InvalidForecastInput'; Category = 'InvalidArgument'; Message = 'through date must not be before' }
        @{ Command = '[pscustomobject]@{ Date = $month; Cost = 1 } | Get-AzCostAlert -Budget 100 -Threshold -5'; ErrorId = 'InvalidAlertInput'; Category = 'InvalidArgument'; Message = 'greater than zero.*-5' }
        @{ Command = '[pscustomobject]@{ Date = $month; Cost = 1 } | Get-AzCostAlert -Budget -100'; ErrorId = 'InvalidAlertInput'; Category = 'InvalidArgument'; Message = 'greater than zero.*-100' }
        @{ Command = '[pscustomobject]@{ Date = $month; Quantity = 1; Group = "vm" } | Get-AzCostAlert -Limit @{ vm = "lots" }'; ErrorId = 'InvalidAlertInput'; Category = 'InvalidArgument'; Message = "group 'vm' is not a number: 'lots'" }
        @{ Command = '[pscustomobject]@{ Date = $month; Cost = 1 } | Find-AzCostAnomaly -Threshold 0'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'Threshold' }
        @{ Command = '[pscustomobject]@{ Date = $month; Cost = "x" } | Find-AzCostAnomaly'; ErrorId = 'InputObjectMissingMandatory'; Category = 'InvalidArgument'; Message = 'Value' }
        @{ Command = '1..30 | ForEach-Object { [pscustomobject]@{ Date = $month.AddDays($_); Cost = 1 } } | Find-AzCostAnomaly -From $month.AddDays(20) -To $month.AddDays(5)'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '-From \S+ is after -To' }
        # The emulator cmdlets
        @{ Command = 'Start-AzBillingEmulator -ResourceCount 0'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'ResourceCount' }
        @{ Command = 'Start-AzBillingEmulator -Port 70000'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = '70000' }
        @{ Command = 'Start-AzBillingEmulator -TokenLifetimeSeconds 5'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'TokenLifetimeSeconds' }
        @{ Command = 'Start-AzBillingEmulator -Now 1999-12-31'; ErrorId = 'InvalidArgument'; Category = 'InvalidArgument'; Message = '-Now \(1999-12-31 00:00:00Z\) must be between the years 2000 and 2200' }
        @{ Command = 'Start-AzBillingEmulator -Now yesterday'; ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = 'yesterday' }
        @{ Command = 'Measure-AzEstimatedCost -SubscriptionId $sub -From $month -To $month.AddDays(1) -ReportingLagDays 40'; ErrorId = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Message = 'ReportingLagDays' }
        @{ Command = 'Stop-AzBillingEmulator -ProcessId $PID'; ErrorId = 'NotAnEmulator'; Category = 'InvalidArgument'; Message = "$PID is not an emulator" }
        @{ Command = 'Stop-AzBillingEmulator -ProcessId abc'; ErrorId = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Message = 'abc' }
    ) | ForEach-Object { $_.Cmdlet = $_.Command -replace '^.*?\b(\w+-Az\w+).*$', '$1'; $_ }
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $sub = $emulator.SubscriptionIds[0]
    $month = (Get-LastMonthWindow).Start
    $folder = $TestDrive
    $report = Join-Path $TestDrive 'report.html'
    $existing = Join-Path $TestDrive 'existing.pdf'
    Set-Content -LiteralPath $existing -Value 'kept'
    $env:IDENTITY_ENDPOINT = $emulator.IdentityEndpoint
    $env:IDENTITY_HEADER = $emulator.IdentityHeader

    function Connect-Runbook { Connect-AzBillingInsights -Identity -ArmEndpoint $emulator.Endpoint -SubscriptionId $sub -MaxRetries 1 | Out-Null }

    <# Runs a command line and returns its errors, terminating or not, and what it wrote. #>
    function Invoke-Collecting([string] $Command) {
        $ErrorActionPreference = 'Continue' # the suite runs with Stop, which would end a pipeline at its first bad row
        $all = @(try { & ([scriptblock]::Create($Command)) 2>&1 } catch { $_ })
        [pscustomobject]@{
            Errors = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
            Output = @($all | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] })
        }
    }

    # Meters of the emulator's card: two to price, and a name several regions share (ambiguous without a region).
    Connect-Runbook
    $card = @(Get-AzRateCard)
    $meterA = $card[0]
    $shared = $card | Group-Object MeterName | Where-Object { @($_.Group.MeterId | Select-Object -Unique).Count -gt 1 } | Select-Object -First 1
}

AfterAll {
    Disconnect-AzBillingInsights
    Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER -ErrorAction SilentlyContinue
    $emulator | Stop-AzBillingEmulator
}

Describe 'A wrong value for a parameter of <Cmdlet>' -ForEach ($cases | Group-Object Cmdlet | ForEach-Object { @{ Cmdlet = $_.Name; Cases = $_.Group } }) {
    BeforeEach { Connect-Runbook }

    It '<Command>  ->  <ErrorId>' -ForEach $Cases {
        $run = Invoke-Collecting $Command
        $run.Errors | Should -Not -BeNullOrEmpty -Because 'the bad value must be reported'
        $failure = $run.Errors[0]
        $failure.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failure.CategoryInfo.Category | Should -Be $Category
        ($failure.Exception.Message -replace '\s+', ' ') | Should -Match $Message
        $failure.Exception.Message | Should -Not -Match '\bat [\w.]+\(.*\) in ' -Because 'no stack trace belongs in a message'
        $failure.FullyQualifiedErrorId | Should -Not -BeLike 'UnexpectedError*'
        if ($Action) { $failure.ErrorDetails.RecommendedAction | Should -Match $Action }
    }
}

Describe 'A subscription id that is not a GUID, bound from the pipeline by property name' {
    BeforeAll { Connect-Runbook }

    It 'reports the bad one among piped subscriptions and still reads the others' {
        $run = Invoke-Collecting '[pscustomobject]@{ SubscriptionId = "nope" }, [pscustomobject]@{ SubscriptionId = $sub } | Get-AzInvoice -Latest'
        $run.Errors | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidSubscriptionId,AzBillingInsights.Commands.GetAzInvoiceCommand'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $run.Errors[0].TargetObject | Should -Be 'nope'
        $run.Output | Should -HaveCount 1
        $run.Output[0].SubscriptionId | Should -Be $sub
    }

    It 'checks an id bound through the Id alias before the rate-card cache answers' {
        Get-AzRateCard | Select-Object -First 1 | Out-Null # the card is in the cache
        $run = Invoke-Collecting '[pscustomobject]@{ Id = "nope" } | Get-AzRateCard'
        $run.Errors | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidSubscriptionId,AzBillingInsights.Commands.GetAzRateCardCommand'
        $run.Output | Should -HaveCount 0
    }

    It 'writes no report for a piped id that is not a GUID' {
        $path = Join-Path $TestDrive 'piped.html'
        $run = Invoke-Collecting "[pscustomobject]@{ SubscriptionId = 'nope' } | Export-AzCostReport -From `$month -To `$month.AddDays(1) -Path '$path'"
        $run.Errors | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidSubscriptionId,AzBillingInsights.Commands.ExportAzCostReportCommand'
        $path | Should -Not -Exist
    }
}

Describe 'Planned-usage rows for Measure-AzEstimatedCost -InputObject' {
    BeforeAll { Connect-Runbook }

    It 'reports each malformed CSV row with its rule and still prices the valid rows around it' {
        $csv = @(
            'MeterId,MeterName,MeterRegion,Quantity,Tags'
            "$($meterA.MeterId),,,10,"
            "$($meterA.MeterId),,,,"                                   # 2: no quantity
            "$($meterA.MeterId),,,ten,"                                # 3: not a number
            "$($meterA.MeterId),,,-4,"                                 # 4: negative
            '00000000-0000-0000-0000-000000000000,,,1,'                # 5: unknown meter
            ",$($shared.Name),,1,"                                     # 6: several meters share the name
            "$($meterA.MeterId),,,1,{not json"                         # 7: bad Tags
            ',,,5,'                                                    # 8: no meter at all
            "$($meterA.MeterId),,,20,`"{`"`"CostCenter`"`":`"`"CC-1`"`"}`""
        ) | ConvertFrom-Csv
        $run = Invoke-Collecting '$csv | Measure-AzEstimatedCost'
        $expected = @(
            @{ Row = 2; ErrorId = 'InvalidUsageRow'; Category = 'InvalidData'; Message = 'input row 2 has no Quantity' }
            @{ Row = 3; ErrorId = 'InvalidUsageRow'; Category = 'InvalidData'; Message = "input row 3 has a Quantity that is not a number: 'ten'" }
            @{ Row = 4; ErrorId = 'InvalidUsageRow'; Category = 'InvalidData'; Message = 'input row 4 has a negative Quantity \(-4\)' }
            @{ Row = 5; ErrorId = 'UnknownMeter'; Category = 'ObjectNotFound'; Message = "input row 5 \(MeterId '00000000-0000-0000-0000-000000000000'\).*no meter with this id" }
            @{ Row = 6; ErrorId = 'AmbiguousMeter'; Category = 'InvalidData'; Message = "input row 6.*$([regex]::Escape($shared.Name)).*meters match" }
            @{ Row = 7; ErrorId = 'InvalidUsageRow'; Category = 'InvalidData'; Message = "input row 7 has Tags that are neither.*'\{not json'" }
            @{ Row = 8; ErrorId = 'InvalidUsageRow'; Category = 'InvalidData'; Message = 'input row 8 names no meter' }
        )
        $run.Errors | Should -HaveCount $expected.Count
        for ($i = 0; $i -lt $expected.Count; $i++) {
            $run.Errors[$i].FullyQualifiedErrorId | Should -Be "$($expected[$i].ErrorId),AzBillingInsights.Commands.MeasureAzEstimatedCostCommand"
            $run.Errors[$i].CategoryInfo.Category | Should -Be $expected[$i].Category
            $run.Errors[$i].Exception.Message | Should -Match $expected[$i].Message
            $run.Errors[$i].TargetObject | Should -Be $csv[$expected[$i].Row - 1]
        }
        ($run.Output | Measure-Object Quantity -Sum).Sum | Should -Be 30 # rows 1 and 9
    }

    It 'writes nothing and reports nothing for empty input' {
        $run = Invoke-Collecting "@() | Measure-AzEstimatedCost; 'MeterId,Quantity' | ConvertFrom-Csv | Measure-AzEstimatedCost; @() | Get-AzCostForecast; @() | Find-AzCostAnomaly; @() | Get-AzCostAlert -Budget 10"
        $run.Errors | Should -HaveCount 0
        @($run.Output | Where-Object { $_.Cost -gt 0 }) | Should -HaveCount 0
    }

    It 'prices 200,000 piped rows, reporting the one bad row among them' {
        $good = [pscustomobject]@{ MeterId = $meterA.MeterId; Quantity = '0.5' }
        $bad = [pscustomobject]@{ MeterId = $meterA.MeterId; Quantity = 'n/a' }
        $rows = [Collections.Generic.List[object]]::new([Linq.Enumerable]::Repeat([object] $good, 200000))
        $rows.Insert(100000, $bad)
        $run = Invoke-Collecting '$rows | Measure-AzEstimatedCost'
        $run.Errors | Should -HaveCount 1
        $run.Errors[0].Exception.Message | Should -Match "input row 100001 has a Quantity that is not a number: 'n/a'"
        ($run.Output | Measure-Object Quantity -Sum).Sum | Should -Be 100000
    }
}

Describe 'No answer from the service after retries' {
    BeforeAll { Connect-Runbook }
    AfterEach { Clear-EmulatorFault $emulator }

    It 'reports a dropped connection as ConnectionFailed with the request id and the token to resume from, not UnexpectedError' {
        $window = Get-LastMonthWindow
        Add-EmulatorFault $emulator -Kind reset -PathContains 'UsageAggregates' -Count 10 -Skip 1
        $rows = 0
        Get-AzUsageAggregate -StartTime $window.Start -EndTime $window.End -Granularity Hourly -ErrorVariable failures -ErrorAction SilentlyContinue | ForEach-Object { $rows++ }
        $rows | Should -Be 1000 # the first page
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ConnectionFailed,AzBillingInsights.Commands.GetAzUsageAggregateCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failures[0].Exception.Message | Should -Match 'request id [0-9a-f-]{36}'
        $failures[0].Exception.ContinuationToken | Should -Not -BeNullOrEmpty
        $failures[0].ErrorDetails.RecommendedAction | Should -BeLike '*-ContinuationToken*'
    }

    It 'reports a dropped rate-card download as ConnectionFailed' {
        Clear-AzRateCardCache
        Add-EmulatorFault $emulator -Kind reset -PathContains '/_blob/' -Count 10
        $run = Invoke-Collecting 'Get-AzRateCard -Force'
        $run.Errors | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionFailed,*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $run.Errors[0].Exception.Message | Should -Match 'No answer after retries'
    }
}
