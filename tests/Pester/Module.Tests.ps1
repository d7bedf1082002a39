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
