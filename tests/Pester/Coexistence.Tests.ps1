BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $tools = $env:AZBILLINGINSIGHTS_TOOLS_PATH ?? "$PSScriptRoot/../../out/tools"
    $manifest = Join-Path $ModulePath 'AzBillingInsights.psd1'

    # Older MSAL and Microsoft.Extensions than the module's own (4.78, 10.0), dependencies first.
    $olderAssemblies = @(
        'microsoft.identitymodel.abstractions/6.35.0/lib/netstandard2.0/Microsoft.IdentityModel.Abstractions.dll'
        'microsoft.identity.client/4.61.3/lib/netstandard2.0/Microsoft.Identity.Client.dll'
        'microsoft.extensions.primitives/8.0.0/lib/netstandard2.0/Microsoft.Extensions.Primitives.dll'
        'microsoft.extensions.dependencyinjection.abstractions/8.0.2/lib/netstandard2.0/Microsoft.Extensions.DependencyInjection.Abstractions.dll'
        'microsoft.extensions.logging.abstractions/8.0.2/lib/netstandard2.0/Microsoft.Extensions.Logging.Abstractions.dll'
        'microsoft.extensions.options/8.0.2/lib/netstandard2.0/Microsoft.Extensions.Options.dll'
        'microsoft.extensions.caching.abstractions/8.0.0/lib/netstandard2.0/Microsoft.Extensions.Caching.Abstractions.dll'
        'microsoft.extensions.caching.memory/8.0.1/lib/netstandard2.0/Microsoft.Extensions.Caching.Memory.dll'
    ) | ForEach-Object { Join-Path $tools $_ }

    <#
    A fresh session that loads the older assemblies and imports the module in the given order, then uses both:
    usage and a rate card through the module, an MSAL client and a memory cache through the older assemblies.
    #>
    function Invoke-MixedSession([switch] $ModuleFirst) {
        $loadOlder = ($olderAssemblies | ForEach-Object { "Add-Type -Path '$_'" }) -join "`n"
        $import = "Import-Module '$manifest'"
        $script = @"
`$ErrorActionPreference = 'Stop'
$(if ($ModuleFirst) { "$import`n$loadOlder" } else { "$loadOlder`n$import" })
`$env:IDENTITY_ENDPOINT = '$($emulator.IdentityEndpoint)'; `$env:IDENTITY_HEADER = '$($emulator.IdentityHeader)'
`$env:AZBILLINGINSIGHTS_CACHE_PATH = '$(Join-Path $TestDrive "cache-$([guid]::NewGuid())")'
Connect-AzBillingInsights -Identity -ArmEndpoint '$($emulator.Endpoint)' -SubscriptionId '$($emulator.SubscriptionIds[0])' | Out-Null
`$day = [datetime]::new($((Get-TestToday).AddDays(-3).Ticks), 'Utc')
`$rows = @(Get-AzUsageAggregate -StartTime `$day -EndTime `$day.AddDays(1)).Count
`$meters = @(Get-AzRateCard).Count
`$msal = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder]::Create('00000000-0000-0000-0000-000000000001').WithClientSecret('not-a-secret').WithTenantId('00000000-0000-0000-0000-000000000002').Build()
`$cache = [Microsoft.Extensions.Caching.Memory.MemoryCache]::new([Microsoft.Extensions.Caching.Memory.MemoryCacheOptions]::new())
`$entry = `$cache.CreateEntry('k'); `$entry.Value = 'cached'; `$entry.Dispose()
`$cached = `$null; `$found = `$cache.TryGetValue('k', [ref] `$cached)
`$copies = { param(`$name) @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq `$name }).Count }
@{
    Rows = `$rows; Meters = `$meters
    MsalClientId = `$msal.AppConfig.ClientId; SessionMsal = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder].Assembly.GetName().Version.ToString()
    Cached = (`$found -and `$cached -eq 'cached'); SessionCaching = [Microsoft.Extensions.Caching.Memory.MemoryCache].Assembly.GetName().Version.ToString()
    MsalCopies = & `$copies 'Microsoft.Identity.Client'; CachingCopies = & `$copies 'Microsoft.Extensions.Caching.Memory'
} | ConvertTo-Json -Compress
"@
        Invoke-FreshSession $script
    }
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
`$day = [datetime]::new($((Get-TestToday).AddDays(-3).Ticks), 'Utc')
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

    It 'works in a session that loaded older <Order>, and so does the older code' -ForEach @(
        @{ Order = 'MSAL and Microsoft.Extensions first'; ModuleFirst = $false }
        @{ Order = 'MSAL and Microsoft.Extensions after the module'; ModuleFirst = $true }
    ) {
        $olderAssemblies | ForEach-Object { $_ | Should -Exist }
        $result = Invoke-MixedSession -ModuleFirst:$ModuleFirst
        $result.Rows | Should -BeGreaterThan 0
        $result.Meters | Should -BeGreaterThan 0
        $result.MsalClientId | Should -Be '00000000-0000-0000-0000-000000000001'
        $result.SessionMsal | Should -BeLike '4.61.3*'
        $result.Cached | Should -BeTrue
        $result.SessionCaching | Should -BeLike '8.0.*'
        $result.MsalCopies | Should -Be 2 # the session's and the module's own, side by side
        $result.CachingCopies | Should -Be 2
    }
}
