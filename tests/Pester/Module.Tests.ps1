BeforeDiscovery {
    . "$PSScriptRoot/Common.ps1"
    $cmdlets = (Get-Module AzBillingInsights).ExportedCmdlets.Keys
}

BeforeAll {
    . "$PSScriptRoot/Common.ps1"
}

Describe 'AzBillingInsights module' {
    It 'exports exactly the cmdlets its manifest lists' {
        $manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'AzBillingInsights.psd1')
        $exported = (Get-Module AzBillingInsights).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'keeps every third-party assembly in dependencies/, not beside the cmdlet assembly' {
        (Get-ChildItem -LiteralPath $ModulePath -Filter *.dll).Name | Should -Be 'AzBillingInsights.dll'
        Join-Path $ModulePath 'dependencies/Azure.Identity.dll' | Should -Exist
        Join-Path $ModulePath 'dependencies/AzBillingInsights.Engine.dll' | Should -Exist
    }

    It 'stages each dependency''s platform-specific builds under dependencies/runtimes/' {
        # System.Security.Cryptography.ProtectedData (through Azure.Identity) has a Windows-only build.
        Join-Path $ModulePath 'dependencies/runtimes/win/lib/*/System.Security.Cryptography.ProtectedData.dll' | Should -Exist
    }

    It 'stamps the cmdlet assembly and the engine with the manifest''s version' {
        $manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'AzBillingInsights.psd1')
        foreach ($assembly in 'AzBillingInsights.dll', 'dependencies/AzBillingInsights.Engine.dll') {
            [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModulePath $assembly)).Version.ToString(3) | Should -Be $manifest.ModuleVersion
        }
    }

    It 'shows a synopsis and examples in Get-Help -Full for <_>' -ForEach $cmdlets {
        $help = Get-Help -Name $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without MAML, PowerShell fills the synopsis with the syntax, which starts with the name.
        $help.Synopsis | Should -Not -BeLike "$_ *"
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $help.Description.Text | Should -Not -BeNullOrEmpty
    }

    It 'loads the engine in its own load context, not the default one' {
        Connect-AzBillingInsights -AccessToken (New-TestJwt @{ exp = 4102444800 }) -ArmEndpoint 'http://127.0.0.1:9/' | Out-Null
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AzBillingInsights.Engine' }
        $engine | Should -HaveCount 1
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine).Name | Should -Not -Be 'Default'
        Disconnect-AzBillingInsights
    }

    It 'can be removed and imported again in the same session' {
        Remove-Module AzBillingInsights
        Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
        $context = Connect-AzBillingInsights -AccessToken (New-TestJwt @{ exp = 4102444800; upn = 'again@contoso.com' }) -ArmEndpoint 'http://127.0.0.1:9/'
        $context.Account | Should -Be 'again@contoso.com'
        Disconnect-AzBillingInsights
    }
}

Describe 'The platform the module claims' {
    BeforeAll {
        $repository = Join-Path $PSScriptRoot '../..'
        $manifest = Import-PowerShellDataFile (Join-Path $repository 'AzBillingInsights.psd1')
        # The .NET each supported PowerShell baseline runs on: the assemblies must target it, no later.
        $dotnetOf = @{ '7.4' = 'net8.0' }
    }

    It 'is PowerShell 7.4 and later, Core edition only, in the manifest' {
        $manifest.PowerShellVersion | Should -Be '7.4'
        $manifest.CompatiblePSEditions | Should -Be @('Core')
    }

    It 'is the target framework of <_>' -ForEach 'src/AzBillingInsights/AzBillingInsights.csproj', 'src/AzBillingInsights.Engine/AzBillingInsights.Engine.csproj' {
        $project = [xml](Get-Content -LiteralPath (Join-Path $repository $_) -Raw)
        @($project.Project.PropertyGroup.TargetFramework | Where-Object { $_ }) | Should -Be @($dotnetOf[$manifest.PowerShellVersion])
    }

    It 'is what the README states' {
        $statement = 'PowerShell {0} and later (`{1}` assemblies; `CompatiblePSEditions {2}`)' -f $manifest.PowerShellVersion, $dotnetOf[$manifest.PowerShellVersion], ($manifest.CompatiblePSEditions -join ', ')
        (Get-Content -LiteralPath (Join-Path $repository 'README.md') -Raw) -replace '\s+', ' ' | Should -BeLike "*$([WildcardPattern]::Escape($statement))*"
    }
}
