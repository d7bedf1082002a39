# Small helpers shared by build.ps1's tasks.
Set-StrictMode -Version Latest

function Write-Step([string] $Text) {
    Write-Host "==> $Text" -ForegroundColor Cyan
}

<#
Runs a native command and throws when it fails, so a broken step stops the build. No declared parameters:
everything after the command (-c, -o, ...) must reach it untouched rather than bind to ours.
#>
function Invoke-Native {
    $Command, $Arguments = $args
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

<# The command line that starts this same PowerShell (a dotnet tool runs as 'dotnet pwsh.dll'). #>
function Get-PwshCommand {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    $native = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    if (Test-Path -LiteralPath $native) { return , @($native) }
    return , @('dotnet', $dll)
}

<# Runs a script in a fresh pwsh, so it imports the staged module and not the build's state. #>
function Invoke-ChildPwsh {
    param([Parameter(Mandatory)] [string] $File, [string[]] $ArgumentList = @(), [switch] $AllowFailure)
    $pwsh = Get-PwshCommand
    $command = $pwsh[0]
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $File) + $ArgumentList
    & $command @arguments
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) { throw "'$File' failed with exit code $LASTEXITCODE." }
}

<# Pass/fail/skip counts of a dotnet test run from its TRX file. #>
function Read-TrxCount {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Suite)
    if (-not (Test-Path -LiteralPath $Path)) { throw "$Suite wrote no test results ($Path): it did not build or did not run." }
    [xml] $trx = Get-Content -LiteralPath $Path -Raw
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int] $counters.passed
        Failed  = [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
        Skipped = [int] $counters.notExecuted
    }
}

<#
Restores the test tools from NuGet into <OutPath>/tools and returns that folder: Pester (the package carries the
module under tools/) and the older Azure SDK assemblies of the coexistence test.
#>
function Restore-TestTools {
    param([Parameter(Mandatory)] [string] $OutPath, [Parameter(Mandatory)] [string] $ToolsProject)
    $packages = Join-Path $OutPath 'tools'
    Invoke-Native dotnet restore $ToolsProject --packages $packages --nologo -v quiet
    return $packages
}

Export-ModuleMember -Function Write-Step, Invoke-Native, Get-PwshCommand, Invoke-ChildPwsh, Read-TrxCount, Restore-TestTools
