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

<# Starts a small emulator for a test file; the caller stops it in AfterAll. #>
function Start-TestEmulator([int] $ResourceCount = 20) {
    Start-AzBillingEmulator -ResourceCount $ResourceCount -Seed 7
}

<# A token from the emulator's control endpoint for a named principal with the given roles. #>
function New-EmulatorToken($Emulator, [string] $Principal, [hashtable] $Roles = @{}, [int] $ExpiresInSeconds = 3600, [string] $Audience = 'https://management.azure.com/') {
    $body = @{ principal = $Principal; roles = $Roles; expiresInSeconds = $ExpiresInSeconds; audience = $Audience } | ConvertTo-Json
    (Invoke-RestMethod -Method Post -Uri "$($Emulator.Endpoint)_emulator/tokens" -Body $body -ContentType 'application/json').access_token
}

<# The emulator's request log, optionally only the requests whose path contains a text. #>
function Get-EmulatorRequest($Emulator, [string] $PathContains = '') {
    @(Invoke-RestMethod -Uri "$($Emulator.Endpoint)_emulator/requests") | ForEach-Object { $_ } | Where-Object { $_.path -like "*$PathContains*" }
}

function Clear-EmulatorRequest($Emulator) {
    Invoke-RestMethod -Method Delete -Uri "$($Emulator.Endpoint)_emulator/requests" | Out-Null
}

<# Reported-time window of the last whole calendar month, UTC. #>
function Get-LastMonthWindow {
    $thisMonth = [datetime]::new([datetime]::UtcNow.Year, [datetime]::UtcNow.Month, 1, 0, 0, 0, [DateTimeKind]::Utc)
    @{ Start = $thisMonth.AddMonths(-1); End = $thisMonth }
}

<#
Runs a script in a fresh pwsh (a process that has loaded nothing yet: no module, no token cache) and returns
the last line of its output as JSON. A dotnet-tool PowerShell has no native host in $PSHOME and runs as 'dotnet pwsh.dll'.
#>
function Invoke-FreshSession([string] $Script) {
    $native = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $output = if (Test-Path -LiteralPath $native) { & $native -NoProfile -NonInteractive -Command $Script }
              else { & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Script }
    if ($LASTEXITCODE -ne 0) { throw "The session failed: $output" }
    ($output | Select-Object -Last 1) | ConvertFrom-Json
}
