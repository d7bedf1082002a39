# Connecting the way someone who already uses the Az modules or the Azure CLI will try first.
BeforeAll {
    . "$PSScriptRoot/Common.ps1"
    $emulator = Start-TestEmulator
    $subscription = $emulator.SubscriptionIds[0]
    $day = (Get-TestToday).AddDays(-3)

    <# What Get-AzAccessToken of Az.Accounts 14 and later returns: Token is a SecureString. #>
    function New-AzAccessTokenOutput([string] $Token, [DateTimeOffset] $ExpiresOn, [string] $TenantId, [string] $UserId) {
        [pscustomobject]@{
            Token     = ConvertTo-SecureString $Token -AsPlainText -Force
            ExpiresOn = $ExpiresOn
            TenantId  = $TenantId
            UserId    = $UserId
            Type      = 'Bearer'
        }
    }

    function Get-UsageRowCount { @(Get-AzUsageAggregate -StartTime $day -EndTime $day.AddDays(1)).Count }
}

AfterAll {
    Disconnect-AzBillingInsights
    $emulator | Stop-AzBillingEmulator
}

Describe 'Connect-AzBillingInsights -AccessToken from Az' {
    AfterEach { Disconnect-AzBillingInsights }

    It 'accepts the token as a SecureString and reads with it' {
        $token = New-EmulatorToken $emulator -Principal 'secure@contoso.com' -Roles @{ $subscription = @('Reader') }
        $context = Connect-AzBillingInsights -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription
        $context.Account | Should -Be 'secure@contoso.com'
        Get-UsageRowCount | Should -BeGreaterThan 0
    }

    It 'accepts the token as plain text as well' {
        $token = New-EmulatorToken $emulator -Principal 'text@contoso.com' -Roles @{ $subscription = @('Reader') }
        Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
        Get-UsageRowCount | Should -BeGreaterThan 0
    }

    It 'binds Get-AzAccessToken output by property name: Token, ExpiresOn, TenantId, UserId' {
        $expiresOn = [DateTimeOffset]::UtcNow.AddMinutes(42)
        # A token without upn or tid: the context takes who and which tenant from the piped object.
        $token = New-TestJwt @{ exp = [DateTimeOffset]::UtcNow.AddHours(1).ToUnixTimeSeconds() }
        $context = New-AzAccessTokenOutput $token $expiresOn 'tenant-from-az' 'bob@contoso.com' |
            Connect-AzBillingInsights -ArmEndpoint 'http://127.0.0.1:9/'
        $context.CredentialType | Should -Be 'AccessToken'
        $context.TokenExpiresOn | Should -Be $expiresOn
        $context.TenantId | Should -Be 'tenant-from-az'
        $context.Account | Should -Be 'bob@contoso.com'
        $context.TokenRenewable | Should -BeFalse
    }

    It 'reads usage with a piped Get-AzAccessToken output' {
        $token = New-EmulatorToken $emulator -Principal 'piped@contoso.com' -Roles @{ $subscription = @('Billing Reader') }
        New-AzAccessTokenOutput $token ([DateTimeOffset]::UtcNow.AddHours(1)) 'ignored' 'piped@contoso.com' |
            Connect-AzBillingInsights -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription | Out-Null
        Get-UsageRowCount | Should -BeGreaterThan 0
    }

    It 'shows the expiry in the context view, and that it cannot be renewed' {
        Connect-AzBillingInsights -AccessToken (New-TestJwt @{ exp = 4102444800 }) -ArmEndpoint 'http://127.0.0.1:9/' | Out-Null
        $view = Get-AzBillingInsightsContext | Out-String -Width 80
        $view | Should -Match 'TokenExpiresOn\s+: 2100-01-01 00:00 UTC \(cannot be renewed\)'
    }

    It 'refuses <Name> at connect time with InvalidAccessToken and sends nothing' -ForEach @(
        @{ Name = 'the text of a SecureString'; Token = 'System.Security.SecureString'; Message = '*SecureString was turned into text*' }
        @{ Name = 'an opaque string'; Token = 'not-a-token'; Message = '*not a JWT*' }
        @{ Name = 'three parts that are not JSON'; Token = 'x.y.z'; Message = '*not a JWT*' }
    ) {
        Clear-EmulatorRequest $emulator
        { Connect-AzBillingInsights -AccessToken $Token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription } |
            Should -Throw -ErrorId 'InvalidAccessToken,AzBillingInsights.Commands.ConnectAzBillingInsightsCommand' -ExpectedMessage $Message
        Get-AzBillingInsightsContext | Should -BeNullOrEmpty
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }

    It 'refuses a token that has already expired, at connect time' {
        $expired = New-TestJwt @{ exp = [DateTimeOffset]::UtcNow.AddMinutes(-5).ToUnixTimeSeconds() }
        { Connect-AzBillingInsights -AccessToken $expired -ArmEndpoint $emulator.Endpoint } |
            Should -Throw -ErrorId 'AccessTokenExpired,AzBillingInsights.Commands.ConnectAzBillingInsightsCommand'
    }

    It 'announces an expiry due soon when connecting and before each call' {
        $token = New-EmulatorToken $emulator -Principal 'soon@contoso.com' -Roles @{ $subscription = @('Reader') } -ExpiresInSeconds 300
        Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription -WarningVariable connectWarnings -WarningAction SilentlyContinue | Out-Null
        $connectWarnings | Should -HaveCount 1
        $connectWarnings[0] | Should -BeLike '*expires in 5 min*cannot be renewed*'
        Get-AzUsageAggregate -StartTime $day -EndTime $day.AddDays(1) -WarningVariable callWarnings -WarningAction SilentlyContinue | Select-Object -First 1 | Out-Null
        $callWarnings | Should -HaveCount 1
        $callWarnings[0] | Should -BeLike '*expires in * min*AccessTokenExpired*'
    }

    It 'says nothing about an expiry that is far off' {
        $token = New-EmulatorToken $emulator -Principal 'later@contoso.com' -Roles @{ $subscription = @('Reader') }
        Connect-AzBillingInsights -AccessToken $token -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        Get-AzUsageAggregate -StartTime $day -EndTime $day.AddDays(1) -WarningVariable +warnings -WarningAction SilentlyContinue | Select-Object -First 1 | Out-Null
        $warnings | Should -HaveCount 0
    }

    It 'fails with AccessTokenExpired, without sending it, once the token has expired' {
        $token = New-EmulatorToken $emulator -Principal 'expiring@contoso.com' -Roles @{ $subscription = @('Reader') }
        New-AzAccessTokenOutput $token ([DateTimeOffset]::UtcNow.AddSeconds(2)) 'tenant-1' $null |
            Connect-AzBillingInsights -ArmEndpoint $emulator.Endpoint -SubscriptionId $subscription -WarningAction SilentlyContinue | Out-Null
        Start-Sleep -Seconds 3
        Clear-EmulatorRequest $emulator
        { Get-AzUsageAggregate -StartTime $day -EndTime $day.AddDays(1) -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'AccessTokenExpired,AzBillingInsights.Commands.GetAzUsageAggregateCommand'
        @(Get-EmulatorRequest $emulator).Count | Should -Be 0
    }
}

Describe 'Connect-AzBillingInsights with no credential parameters (DefaultAzureCredential)' {
    BeforeAll {
        # A stand-in Azure CLI on PATH: 'az account get-access-token' answers with a token the emulator issued to a
        # signed-in user, the way az does after 'az login'. It logs each call, so a test can tell whether it was asked.
        $bin = Join-Path $TestDrive 'bin'
        New-Item -ItemType Directory -Path $bin | Out-Null
        $cliLog = Join-Path $TestDrive 'az-calls.log'
        $cliToken = New-EmulatorToken $emulator -Principal 'cli-user@contoso.com' -Roles @{ $subscription = @('Reader') }
        $answer = @{ accessToken = $cliToken; expires_on = [DateTimeOffset]::UtcNow.AddHours(1).ToUnixTimeSeconds(); tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47'; tokenType = 'Bearer' } | ConvertTo-Json -Compress
        Set-Content -Path (Join-Path $bin 'az') -Value "#!/bin/sh`necho `"`$@`" >> '$cliLog'`ncat <<'JSON'`n$answer`nJSON`n"
        chmod +x (Join-Path $bin 'az')

        # A stand-in Az.Accounts signed in as a user, as after Connect-AzAccount: Azure.Identity's Azure PowerShell
        # credential starts pwsh, imports Az.Accounts and calls Get-AzAccessToken. The PowerShell here is a dotnet tool,
        # so a 'pwsh' on PATH starts it.
        $psBin = Join-Path $TestDrive 'psbin'
        New-Item -ItemType Directory -Path $psBin | Out-Null
        $native = Join-Path $PSHOME 'pwsh'
        $pwshShim = if (Test-Path -LiteralPath $native) { "exec '$native' `"`$@`"" } else { "exec dotnet '$(Join-Path $PSHOME 'pwsh.dll')' `"`$@`"" }
        Set-Content -Path (Join-Path $psBin 'pwsh') -Value "#!/bin/sh`n$pwshShim`n"
        chmod +x (Join-Path $psBin 'pwsh')
        $psModules = Join-Path $TestDrive 'psmodules'
        $azAccounts = New-Item -ItemType Directory -Path (Join-Path $psModules 'Az.Accounts/14.0.0') -Force
        $psLog = Join-Path $TestDrive 'get-azaccesstoken-calls.log'
        $psToken = New-EmulatorToken $emulator -Principal 'ps-user@contoso.com' -Roles @{ $subscription = @('Reader') }
        Set-Content -Path (Join-Path $azAccounts 'Az.Accounts.psm1') -Value @"
function Get-AzAccessToken {
    param([string] `$ResourceUrl, [string] `$TenantId, [switch] `$AsSecureString)
    Add-Content -Path '$psLog' -Value "Get-AzAccessToken -ResourceUrl `$ResourceUrl"
    [pscustomobject]@{
        Token = ConvertTo-SecureString '$psToken' -AsPlainText -Force
        ExpiresOn = [DateTimeOffset]::UtcNow.AddHours(1); TenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47'; UserId = 'ps-user@contoso.com'; Type = 'Bearer'
    }
}
"@
        New-ModuleManifest -Path (Join-Path $azAccounts 'Az.Accounts.psd1') -RootModule 'Az.Accounts.psm1' -ModuleVersion '14.0.0' -FunctionsToExport 'Get-AzAccessToken'

        <# Connects with no credential parameters in a fresh pwsh whose environment offers the given sources. #>
        function Invoke-DefaultChainSession([switch] $ManagedIdentity, [switch] $AzureCli, [switch] $AzurePowerShell) {
            $environment = @(
                'Remove-Item Env:AZURE_CLIENT_ID, Env:AZURE_CLIENT_SECRET, Env:AZURE_TENANT_ID, Env:AZURE_FEDERATED_TOKEN_FILE, Env:AZURE_TOKEN_CREDENTIALS -ErrorAction Ignore'
                if ($ManagedIdentity) { "`$env:IDENTITY_ENDPOINT = '$($emulator.IdentityEndpoint)'; `$env:IDENTITY_HEADER = '$($emulator.IdentityHeader)'" }
                else { 'Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER, Env:MSI_ENDPOINT, Env:MSI_SECRET -ErrorAction Ignore' }
                if ($AzureCli) { "`$env:PATH = '$bin' + [IO.Path]::PathSeparator + `$env:PATH" }
                if ($AzurePowerShell) { "`$env:PATH = '$psBin' + [IO.Path]::PathSeparator + `$env:PATH; `$env:PSModulePath = '$psModules' + [IO.Path]::PathSeparator + `$env:PSModulePath" }
            ) -join "`n"
            Invoke-FreshSession @"
`$ErrorActionPreference = 'Stop'
$environment
Import-Module '$(Join-Path $ModulePath 'AzBillingInsights.psd1')'
`$context = Connect-AzBillingInsights -ArmEndpoint '$($emulator.Endpoint)' -SubscriptionId '$subscription'
`$day = [datetime]::Parse('$env:AZBILLINGINSIGHTS_NOW', [cultureinfo]::InvariantCulture, [Globalization.DateTimeStyles]::AdjustToUniversal).Date.AddDays(-3)
@{ Account = `$context.Account; Rows = @(Get-AzUsageAggregate -StartTime `$day -EndTime `$day.AddDays(1)).Count } | ConvertTo-Json -Compress
"@
        }
    }

    BeforeEach { Remove-Item $cliLog, $psLog -ErrorAction Ignore }

    It 'uses the managed identity, ahead of the Azure CLI, where both are available' {
        $result = Invoke-DefaultChainSession -ManagedIdentity -AzureCli
        $result.Account | Should -Be '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' # the emulator's system-assigned identity
        $result.Rows | Should -BeGreaterThan 0
        $cliLog | Should -Not -Exist
    }

    It 'reuses the az login session when there is no managed identity' {
        $result = Invoke-DefaultChainSession -AzureCli
        $result.Account | Should -Be 'cli-user@contoso.com'
        $result.Rows | Should -BeGreaterThan 0
        Get-Content $cliLog | Should -BeLike 'account get-access-token*'
    }

    It 'reuses the Connect-AzAccount session when there is neither a managed identity nor az login' {
        $result = Invoke-DefaultChainSession -AzurePowerShell
        $result.Account | Should -Be 'ps-user@contoso.com'
        $result.Rows | Should -BeGreaterThan 0
        Get-Content $psLog | Should -BeLike 'Get-AzAccessToken -ResourceUrl https://management.azure.com*'
    }

    It 'asks the Azure CLI before Azure PowerShell when both are signed in' {
        $result = Invoke-DefaultChainSession -AzureCli -AzurePowerShell
        $result.Account | Should -Be 'cli-user@contoso.com'
        $psLog | Should -Not -Exist
    }
}
