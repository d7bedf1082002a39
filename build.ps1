#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, stages, tests, benchmarks and packages the AzBillingInsights module.
.DESCRIPTION
    Build   restore and publish the projects, then stage out/AzBillingInsights/<version>/ (psd1, cmdlet dll,
            format files, en-US help, dependencies/, emulator/).
    Test    Build, then the xUnit projects, then Pester in a child pwsh that imports the staged module.
            Ends with one line "N passed, N failed, N skipped" summing both suites; exits non-zero on any failure.
    Demo    Build, start the emulator from the staged module and run the main job against it.
    Bench   Build, run the benchmark workloads with their baselines; writes out/bench/results.json.
    Package Build, then a .nupkg of the staged module in out/packages (a local PSResource repository).
    Clean   Remove out/ and every bin/ and obj/ folder.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$ModuleName = 'AzBillingInsights'
$Version = (Import-PowerShellDataFile -LiteralPath "$Root/$ModuleName.psd1").ModuleVersion
$Out = Join-Path $Root 'out'
$Staged = Join-Path $Out "$ModuleName/$Version"

Import-Module -Name "$Root/.build/BuildTools.psm1" -Force

function Invoke-Build {
    Write-Step "Building $ModuleName $Version ($Configuration)"
    $publish = Join-Path $Out 'publish'
    # The psd1 is the one place the version is written; the assemblies are stamped with it.
    Invoke-Native dotnet publish "$Root/src/$ModuleName/$ModuleName.csproj" -c $Configuration -o "$publish/module" --nologo -v quiet "-p:Version=$Version"
    Invoke-Native dotnet publish "$Root/src/$ModuleName.Emulator/$ModuleName.Emulator.csproj" -c $Configuration -o "$publish/emulator" --nologo -v quiet "-p:Version=$Version"

    if (Test-Path -LiteralPath $Staged) { Remove-Item -LiteralPath $Staged -Recurse -Force }
    $dependencies = New-Item -ItemType Directory -Path "$Staged/dependencies" -Force
    Copy-Item -LiteralPath "$Root/$ModuleName.psd1" -Destination $Staged
    Copy-Item -Path "$Root/format/*.ps1xml" -Destination $Staged
    Copy-Item -LiteralPath "$publish/module/$ModuleName.dll" -Destination $Staged
    # Everything else the cmdlet assembly needs (the engine and third-party assemblies) is loaded by the
    # module's resolver from dependencies/, away from whatever else the session has loaded. runtimes/ keeps the
    # platform-specific builds (runtimes/<rid>/lib/<tfm>/*.dll) and native libraries (runtimes/<rid>/native/*)
    # in the layout the module's load context probes.
    Get-ChildItem -LiteralPath "$publish/module" -Filter *.dll |
        Where-Object Name -ne "$ModuleName.dll" |
        Copy-Item -Destination $dependencies
    if (Test-Path -LiteralPath "$publish/module/runtimes") {
        Copy-Item -LiteralPath "$publish/module/runtimes" -Destination $dependencies -Recurse
    }
    Copy-Item -LiteralPath "$publish/emulator" -Destination "$Staged/emulator" -Recurse

    Write-Step 'Generating help'
    Invoke-ChildPwsh -File "$Root/.build/Build-Help.ps1" -ArgumentList @('-ModulePath', $Staged, '-MarkdownPath', "$Root/src/$ModuleName/help")
    Write-Host "Staged $Staged"
}

function Invoke-Test {
    $results = Join-Path $Out 'test-results'
    if (Test-Path -LiteralPath $results) { Remove-Item -LiteralPath $results -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $results
    $counts = [ordered]@{ Passed = 0; Failed = 0; Skipped = 0 }

    foreach ($project in Get-ChildItem -Path "$Root/tests/*/*.Tests.csproj") {
        Write-Step "xUnit: $($project.BaseName)"
        $trx = Join-Path $results "$($project.BaseName).trx"
        & dotnet test $project.FullName -c $Configuration --nologo --results-directory $results --logger "trx;LogFileName=$($project.BaseName).trx" --logger "console;verbosity=minimal"
        $suite = Read-TrxCount -Path $trx -Suite $project.BaseName
        $counts.Passed += $suite.Passed; $counts.Failed += $suite.Failed; $counts.Skipped += $suite.Skipped
    }

    Write-Step 'Pester (child pwsh importing the staged module)'
    $tools = Restore-TestTools -OutPath $Out -ToolsProject "$Root/.build/Tools.proj"
    $summary = Join-Path $results 'pester-summary.json'
    Invoke-ChildPwsh -File "$Root/tests/Pester/Invoke-PesterSuite.ps1" -AllowFailure -ArgumentList @(
        '-ModulePath', $Staged, '-ToolsPath', $tools, '-SummaryPath', $summary, '-ResultPath', (Join-Path $results 'pester.xml'))
    if (-not (Test-Path -LiteralPath $summary)) { throw 'Pester did not write its summary: the run itself failed.' }
    $suite = Get-Content -LiteralPath $summary -Raw | ConvertFrom-Json
    $counts.Passed += $suite.Passed; $counts.Failed += $suite.Failed; $counts.Skipped += $suite.Skipped

    Write-Host "$($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped"
    if ($counts.Failed -gt 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-ChildPwsh -File "$Root/.build/Demo.ps1" -ArgumentList @('-ModulePath', $Staged, '-OutPath', (Join-Path $Out 'demo'))
}

function Invoke-Bench {
    Invoke-ChildPwsh -File "$Root/tests/Performance/Invoke-Benchmarks.ps1" -ArgumentList @(
        '-ModulePath', $Staged, '-OutPath', (Join-Path $Out 'bench'), '-Configuration', $Configuration)
}

function Invoke-Package {
    $repository = Join-Path $Out 'packages'
    $null = New-Item -ItemType Directory -Path $repository -Force
    Get-ChildItem -LiteralPath $repository -Filter "$ModuleName.*.nupkg" | Remove-Item -Force
    Invoke-ChildPwsh -File "$Root/.build/Publish-Package.ps1" -ArgumentList @('-ModulePath', $Staged, '-RepositoryPath', $repository)
}

function Invoke-Clean {
    Write-Step 'Cleaning'
    if (Test-Path -LiteralPath $Out) { Remove-Item -LiteralPath $Out -Recurse -Force }
    Get-ChildItem -Path "$Root/src", "$Root/tests" -Directory -Recurse -Include bin, obj |
        Remove-Item -Recurse -Force
}

foreach ($step in $Task) {
    if ($step -in 'Test', 'Demo', 'Bench', 'Package') { Invoke-Build }
    & "Invoke-$step"
}
