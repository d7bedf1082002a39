<#
.SYNOPSIS
    Runs the Pester suite against the staged module and writes the pass/fail/skip counts for build.ps1.
    Runs in a child pwsh so the tests import the staged module, not anything the build loaded.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ToolsPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Import-Module -Name (Join-Path $ToolsPath 'pester/5.7.1/tools/Pester.psd1') -Force

# Test files import the module from here (see Common.ps1), and take NuGet packages restored by the build from there.
$env:AZBILLINGINSIGHTS_MODULE_PATH = $ModulePath
$env:AZBILLINGINSIGHTS_TOOLS_PATH = $ToolsPath
# Rate cards cached on disk go to a folder of this run, never the user's cache.
$env:AZBILLINGINSIGHTS_CACHE_PATH = Join-Path ([IO.Path]::GetTempPath()) "azbi-pester-cache-$PID"

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputPath = $ResultPath
$result = Invoke-Pester -Configuration $configuration
Remove-Item -LiteralPath $env:AZBILLINGINSIGHTS_CACHE_PATH -Recurse -Force -ErrorAction SilentlyContinue

[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
} | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
