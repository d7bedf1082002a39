BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $tools = $env:AZBILLINGINSIGHTS_TOOLS_PATH ?? "$PSScriptRoot/../../out/tools"
    $manifest = Join-Path $ModulePath 'AzBillingInsights.psd1'

}

AfterAll {
    $emulator | Stop-AzBillingEmulator
}

Describe 'Coexistence with other Azure SDK versions in the session' {
    It 'works in a session that loaded older Azure.Core and Azure.Identity first, and so does the older code' {
        $oldCore = Join-Path $tools 'azure.core/1.38.0/lib/netstandard2.0/Azure.Core.dll'
        $oldIdentity = Join-Path $tools 'azure.identity/1.10.2/lib/netstandard2.0/Azure.Identity.dll'
        $oldCore | Should -Exist
        $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$oldCore'
Add-Type -Path '$oldIdentity'
Import-Module '$manifest'
`$env:IDENTITY_ENDPOINT = '$($emulator.IdentityEndpoint)'; `$env:IDENTITY_HEADER = '$($emulator.IdentityHeader)'
Connect-AzBillingInsights -Identity -ArmEndpoint '$($emulator.Endpoint)' -SubscriptionId '$($emulator.SubscriptionIds[0])' | Out-Null
`$day = [datetime]::UtcNow.Date.AddDays(-3)
`$rows = @(Get-AzUsageAggregate -StartTime `$day -EndTime `$day.AddDays(1)).Count
`$token = [Azure.Core.AccessToken]::new('t', [DateTimeOffset]::UtcNow)
`$cores = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Azure.Core' }
@{ Rows = `$rows; OldCoreWorks = (`$token.Token -eq 't'); SessionCore = [Azure.Core.AccessToken].Assembly.Location; Cores = @(`$cores).Count } | ConvertTo-Json -Compress
"@
        $result = Invoke-FreshSession $script
        $result.Rows | Should -BeGreaterThan 0
        $result.OldCoreWorks | Should -BeTrue
        $result.SessionCore | Should -Be (Resolve-Path $oldCore).Path
        $result.Cores | Should -Be 2 # the session's 1.38 and the module's own, side by side
    }
}
