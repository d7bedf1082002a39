# Living beside Az.Billing, which also exports Get-AzUsageAggregate (alias Get-UsageAggregates) and Get-AzBillingPeriod.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $manifest = Join-Path $ModulePath 'AzBillingInsights.psd1'

    # A stand-in Az.Billing: a binary module, as the real one is, with the cmdlet names, alias and parameters of
    # Azure/azure-powershell's src/Billing (GetAzureRmUsageAggregateCommand.cs, GetAzureRmBillingPeriod.cs). Like the
    # real one it answers with one page object (UsageAggregations, NextLink, ContinuationToken) rather than rows.
    $modules = Join-Path $TestDrive 'modules'
    $standIn = (New-Item -ItemType Directory -Path (Join-Path $modules 'Az.Billing/2.2.0') -Force).FullName
    Add-Type -OutputAssembly (Join-Path $standIn 'StandIn.Az.Billing.dll') -TypeDefinition @'
using System;
using System.Management.Automation;
namespace Microsoft.Azure.Commerce.UsageAggregates.Models
{
    public enum AggregationGranularity { Daily, Hourly }
    public sealed class UsageAggregationGetResponse
    {
        public object[] UsageAggregations { get; set; } = new object[0];
        public string NextLink { get; set; }
        public string ContinuationToken { get; set; }
    }
}
namespace StandIn
{
    using Microsoft.Azure.Commerce.UsageAggregates.Models;
    [Cmdlet("Get", "AzUsageAggregate"), Alias("Get-UsageAggregates"), OutputType(typeof(UsageAggregationGetResponse))]
    public sealed class GetAzUsageAggregateCommand : PSCmdlet
    {
        [Parameter(Mandatory = true)] public DateTime ReportedStartTime { get; set; }
        [Parameter(Mandatory = true)] public DateTime ReportedEndTime { get; set; }
        [Parameter] public AggregationGranularity AggregationGranularity { get; set; }
        [Parameter, Alias("ShowDetails")] public bool ShowDetail { get; set; } = true;
        [Parameter] public string ContinuationToken { get; set; }
        [Parameter, Alias("AzContext", "AzureRmContext", "AzureCredential")] public PSObject DefaultProfile { get; set; }
        protected override void ProcessRecord() => WriteObject(new UsageAggregationGetResponse());
    }
    [Cmdlet("Get", "AzBillingPeriod")]
    public sealed class GetAzBillingPeriodCommand : PSCmdlet
    {
        [Parameter] public string[] Name { get; set; }
        [Parameter, ValidateRange(1, 100)] public int MaxCount { get; set; }
        protected override void ProcessRecord() => WriteObject("stand-in billing period");
    }
}
'@
    New-ModuleManifest -Path (Join-Path $standIn 'Az.Billing.psd1') -RootModule 'StandIn.Az.Billing.dll' -ModuleVersion '2.2.0' `
        -CmdletsToExport 'Get-AzUsageAggregate', 'Get-AzBillingPeriod' -AliasesToExport 'Get-UsageAggregates' -FunctionsToExport @() -VariablesToExport @()

    <# Imports both modules in a fresh pwsh in the given order, then calls each module's commands qualified and bare. #>
    function Invoke-BothModules([string[]] $Order) {
        $imports = ($Order | ForEach-Object { if ($_ -eq 'Az.Billing') { 'Import-Module Az.Billing' } else { "Import-Module '$manifest'" } }) -join "`n"
        Invoke-FreshSession @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$modules' + [IO.Path]::PathSeparator + `$env:PSModulePath
$imports
`$env:IDENTITY_ENDPOINT = '$($emulator.IdentityEndpoint)'; `$env:IDENTITY_HEADER = '$($emulator.IdentityHeader)'
AzBillingInsights\Connect-AzBillingInsights -Identity -ArmEndpoint '$($emulator.Endpoint)' -SubscriptionId '$($emulator.SubscriptionIds[0])' | Out-Null
`$day = [datetime]::Parse('$env:AZBILLINGINSIGHTS_NOW', [cultureinfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal).Date.AddDays(-3)
`$ours = @(AzBillingInsights\Get-AzUsageAggregate -ReportedStartTime `$day -ReportedEndTime `$day.AddDays(1) -AggregationGranularity Daily -ShowDetails `$true)
`$theirs = @(Az.Billing\Get-AzUsageAggregate -ReportedStartTime `$day -ReportedEndTime `$day.AddDays(1))
`$bare = @(Get-AzUsageAggregate -ReportedStartTime `$day -ReportedEndTime `$day.AddDays(1))
@{
    OursType = `$ours[0].PSObject.TypeNames[0]; OursRows = `$ours.Count
    TheirsType = `$theirs[0].PSObject.TypeNames[0]; TheirsCount = `$theirs.Count
    BareType = `$bare[0].PSObject.TypeNames[0]
    BareSource = (Get-Command Get-AzUsageAggregate).Source
    AliasTarget = (Get-Command Get-UsageAggregates).ResolvedCommand.Source
    PeriodSource = (Get-Command Get-AzBillingPeriod).Source
    OurPeriodSource = (Get-Command Get-AzBillingInsightsPeriod).Source
} | ConvertTo-Json -Compress
"@
    }
}

AfterAll {
    $emulator | Stop-AzBillingEmulator
}

Describe 'Coexistence with Az.Billing' {
    It 'exports no name that Az.Billing, Az.CostManagement or Az.Accounts exports, apart from Get-AzUsageAggregate' {
        # The cmdlets and aliases of the current Az modules that sit nearest ours (Azure/azure-powershell: Az.Billing,
        # with the Consumption cmdlets; Az.CostManagement; Az.Accounts).
        $az = @(
            'Get-AzBillingAccount', 'Get-AzBillingInvoice', 'Get-AzBillingPeriod', 'Get-AzBillingProfile', 'Get-AzConsumptionBudget',
            'Get-AzConsumptionMarketplace', 'Get-AzConsumptionPriceSheet', 'Get-AzConsumptionReservationDetail',
            'Get-AzConsumptionReservationSummary', 'Get-AzConsumptionUsageDetail', 'Get-AzEnrollmentAccount', 'Get-AzInvoiceSection',
            'Get-AzUsageAggregate', 'Get-AzUsageAggregates', 'Get-UsageAggregates', 'New-AzConsumptionBudget', 'Remove-AzConsumptionBudget',
            'Set-AzConsumptionBudget',
            'Get-AzCostManagementExport', 'Get-AzCostManagementExportExecutionHistory', 'Invoke-AzCostManagementExecuteExport',
            'Invoke-AzCostManagementQuery', 'Invoke-AzCostManagementReservationDetailReport', 'New-AzCostManagementDetailReport',
            'New-AzCostManagementExport', 'New-AzCostManagementQueryComparisonExpressionObject', 'New-AzCostManagementQueryFilterObject',
            'Remove-AzCostManagementExport', 'Update-AzCostManagementExport',
            'Connect-AzAccount', 'Disconnect-AzAccount', 'Get-AzAccessToken', 'Get-AzContext', 'Set-AzContext', 'Get-AzSubscription',
            'Get-AzTenant', 'Get-AzEnvironment', 'Invoke-AzRestMethod', 'Add-AzAccount', 'Login-AzAccount', 'Logout-AzAccount',
            'Remove-AzAccount', 'Select-AzSubscription', 'Resolve-AzError', 'Get-AzDefault', 'Set-AzDefault', 'Clear-AzDefault'
        )
        $ours = (Get-Module AzBillingInsights).ExportedCommands.Keys
        $ours | Where-Object { $_ -in $az } | Should -Be @('Get-AzUsageAggregate')
        $ours | Should -Not -Contain 'Get-AzBillingPeriod'
        $ours | Should -Contain 'Get-AzBillingInsightsPeriod'
    }

    It "accepts every parameter of Az.Billing's Get-AzUsageAggregate but -DefaultProfile, with the same type" {
        Import-Module (Join-Path $standIn 'Az.Billing.psd1') -Force
        try {
            $theirs = (Get-Command Az.Billing\Get-AzUsageAggregate).Parameters.Values |
                Where-Object { $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_.Name -ne 'DefaultProfile' }
            $ours = (Get-Command AzBillingInsights\Get-AzUsageAggregate).Parameters.Values
            foreach ($parameter in $theirs) {
                foreach ($name in @($parameter.Name) + $parameter.Aliases) {
                    $match = $ours | Where-Object { $_.Name -eq $name -or $_.Aliases -contains $name }
                    $match | Should -Not -BeNullOrEmpty -Because "-$name is a parameter of Az.Billing's"
                    if ($parameter.ParameterType.IsEnum) {
                        [Enum]::GetNames($match.ParameterType) | Should -Be ([Enum]::GetNames($parameter.ParameterType))
                    }
                    else {
                        $match.ParameterType | Should -Be $parameter.ParameterType
                    }
                }
            }
        }
        finally {
            Remove-Module Az.Billing
        }
    }

    It "runs a call written for Az.Billing's Get-AzUsageAggregate, with its spellings and values" {
        $token = New-EmulatorToken $emulator -Principal 'runbook@contoso.com' -Roles @{ $emulator.SubscriptionIds[0] = @('Reader') }
        Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $emulator.SubscriptionIds[0] | Out-Null
        try {
            $day = (Get-TestToday).AddDays(-3)
            $params = @{
                ReportedStartTime      = $day.ToString('M/d/yyyy')
                ReportedEndTime        = $day.AddDays(1).ToString('M/d/yyyy')
                AggregationGranularity = 'Hourly'
                ShowDetail             = $false
            }
            Clear-EmulatorRequest $emulator
            $rows = @(AzBillingInsights\Get-AzUsageAggregate @params)
            $rows.Count | Should -BeGreaterThan 0
            $rows[0].UsageEndTime - $rows[0].UsageStartTime | Should -Be ([timespan]::FromHours(1))
            (Get-EmulatorRequest $emulator 'UsageAggregates')[0].path | Should -BeLike '*aggregationGranularity=Hourly&showDetails=false*'

        }
        finally {
            Disconnect-AzBillingInsights
        }
    }

    It 'lets the module imported last answer the bare name (<Order>), and both module-qualified names work' -ForEach @(
        @{ Order = 'Az.Billing first'; Imports = @('Az.Billing', 'AzBillingInsights'); Winner = 'AzBillingInsights' }
        @{ Order = 'AzBillingInsights first'; Imports = @('AzBillingInsights', 'Az.Billing'); Winner = 'Az.Billing' }
    ) {
        $result = Invoke-BothModules $Imports
        $result.OursType | Should -Be 'AzBillingInsights.UsageAggregate'
        $result.OursRows | Should -BeGreaterThan 0
        $result.TheirsType | Should -Be 'Microsoft.Azure.Commerce.UsageAggregates.Models.UsageAggregationGetResponse'
        $result.TheirsCount | Should -Be 1
        $result.BareSource | Should -Be $Winner
        $result.BareType | Should -Be ($Winner -eq 'AzBillingInsights' ? 'AzBillingInsights.UsageAggregate' : 'Microsoft.Azure.Commerce.UsageAggregates.Models.UsageAggregationGetResponse')
        # Az.Billing's alias names a command, not a module: it runs whichever Get-AzUsageAggregate answers the bare name.
        $result.AliasTarget | Should -Be $Winner
        $result.PeriodSource | Should -Be 'Az.Billing'
        $result.OurPeriodSource | Should -Be 'AzBillingInsights'
    }
}
