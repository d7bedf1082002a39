# Dot-sourced by every test file's BeforeAll: imports the staged module the way a user would.
$script:ModulePath = $env:AZBILLINGINSIGHTS_MODULE_PATH
if (-not $script:ModulePath) {
    $version = (Import-PowerShellDataFile "$PSScriptRoot/../../AzBillingInsights.psd1").ModuleVersion
    $script:ModulePath = "$PSScriptRoot/../../out/AzBillingInsights/$version"
}
Import-Module -Name (Join-Path $script:ModulePath 'AzBillingInsights.psd1') -Force

<# A JWT-shaped token with the given claims (unsigned; for -AccessToken tests only). #>
function New-TestJwt([hashtable] $Claims) {
    $encode = { param($text) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($text)).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    "$(& $encode '{"alg":"none","typ":"JWT"}').$(& $encode ($Claims | ConvertTo-Json -Compress)).sig"
}
