BeforeAll {
    . "$PSScriptRoot/Common.ps1"
}

Describe 'Connect-AzBillingInsights' {
    AfterEach { Disconnect-AzBillingInsights }

    It 'accepts an access token and shows who it was issued to, but never the token' {
        $token = New-TestJwt @{ exp = 4102444800; upn = 'alice@contoso.com'; tid = 'tenant-1' }
        $context = Connect-AzBillingInsights -AccessToken $token -ArmEndpoint 'http://127.0.0.1:9/' -SubscriptionId '11111111-2222-3333-4444-555555555555'
        $context.Account | Should -Be 'alice@contoso.com'
        $context.TenantId | Should -Be 'tenant-1'
        $context.DefaultSubscriptionId | Should -Be '11111111-2222-3333-4444-555555555555'
        $context.TokenExpiresOn | Should -Be ([DateTimeOffset]::FromUnixTimeSeconds(4102444800))
        $shown = (Get-AzBillingInsightsContext | Format-List * | Out-String) + (Get-AzBillingInsightsContext | ConvertTo-Json)
        $shown | Should -Not -Match ([regex]::Escape($token))
        $shown | Should -Not -Match ([regex]::Escape($token.Split('.')[1]))
    }

    It 'refuses an http endpoint that is not loopback, before sending anything' {
        { Connect-AzBillingInsights -AccessToken (New-TestJwt @{ exp = 4102444800 }) -ArmEndpoint 'http://management.example.com/' } |
            Should -Throw -ErrorId 'InsecureEndpoint,AzBillingInsights.Commands.ConnectAzBillingInsightsCommand'
        Get-AzBillingInsightsContext | Should -BeNullOrEmpty
    }

    It 'accepts http for <_>' -ForEach 'http://127.0.0.1:9/', 'http://localhost:9/', 'http://[::1]:9/' {
        (Connect-AzBillingInsights -AccessToken (New-TestJwt @{ exp = 4102444800 }) -ArmEndpoint $_).ArmEndpoint | Should -Be $_
    }

    It 'uses the ARM endpoint and audience of -Environment <Name>' -ForEach @(
        @{ Name = 'AzureChinaCloud'; Endpoint = 'https://management.chinacloudapi.cn/' }
        @{ Name = 'AzureUSGovernment'; Endpoint = 'https://management.usgovcloudapi.net/' }
        @{ Name = 'AzureGermanCloud'; Endpoint = 'https://management.microsoftazure.de/' }
        @{ Name = 'AzureCloud'; Endpoint = 'https://management.azure.com/' }
    ) {
        $context = Connect-AzBillingInsights -AccessToken (New-TestJwt @{ exp = 4102444800 }) -Environment $Name
        $context.ArmEndpoint | Should -Be $Endpoint
        $context.Audience | Should -Be $Endpoint
    }

    It 'reports a missing certificate file by name' {
        $secretless = { Connect-AzBillingInsights -ServicePrincipal -TenantId t -ApplicationId a -CertificatePath (Join-Path $TestDrive 'missing.pfx') }
        $secretless | Should -Throw -ErrorId 'FileNotFound,AzBillingInsights.Commands.ConnectAzBillingInsightsCommand'
        $secretless | Should -Throw '*missing.pfx*'
    }
}

Describe 'Disconnect-AzBillingInsights' {
    It 'clears the connection so the context is empty' {
        Connect-AzBillingInsights -AccessToken (New-TestJwt @{ exp = 4102444800 }) -ArmEndpoint 'http://127.0.0.1:9/' | Out-Null
        Get-AzBillingInsightsContext | Should -Not -BeNullOrEmpty
        Disconnect-AzBillingInsights
        Get-AzBillingInsightsContext | Should -BeNullOrEmpty
    }
}
