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

<#
The billing "now" of the whole run, in UTC: AZBILLINGINSIGHTS_TEST_NOW when set (to run the suite as of another
instant), else a fixed mid-month instant. Every test emulator is started at it (-Now) and the module reads it
(AZBILLINGINSIGHTS_NOW), so no test depends on the date it runs on. Child sessions inherit the variable.
#>
$script:TestNow = [datetime]::Parse(($env:AZBILLINGINSIGHTS_TEST_NOW ? $env:AZBILLINGINSIGHTS_TEST_NOW : '2026-06-17T10:30:00Z'),
    [cultureinfo]::InvariantCulture, [Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal')
$env:AZBILLINGINSIGHTS_NOW = $script:TestNow.ToString('yyyy-MM-ddTHH:mm:ssZ', [cultureinfo]::InvariantCulture)

<# Midnight UTC of the pinned now: "today" for every test. #>
function Get-TestToday {
    [datetime]::SpecifyKind($script:TestNow.Date, [DateTimeKind]::Utc)
}

<# Starts a small emulator for a test file at the pinned now; the caller stops it in AfterAll. #>
function Start-TestEmulator([int] $ResourceCount = 20) {
    Start-AzBillingEmulator -ResourceCount $ResourceCount -Seed 7 -Now $script:TestNow
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

<#
The newest whole calendar month (UTC) that is complete as of the pinned now: every row reported (rows arrive up to
four days late) and its invoice issued (four days after it; subscription 1 bills by calendar month). Before the 5th that is the month before last, so a test of a
finished month holds on every day of the month.
#>
function Get-LastMonthWindow {
    $today = Get-TestToday
    $end = $today.AddDays(1 - $today.Day)
    if ($today -lt $end.AddDays(4)) { $end = $end.AddMonths(-1) }
    # ReportedEnd: how far to read by reported time to have every row of the month (five days past it, or today).
    @{ Start = $end.AddMonths(-1); End = $end; ReportedEnd = ($end.AddDays(5), $today | Measure-Object -Minimum).Minimum }
}

# Rate cards are cached on disk: tests use a folder of their own, never the user's cache.
if (-not $env:AZBILLINGINSIGHTS_CACHE_PATH) {
    $env:AZBILLINGINSIGHTS_CACHE_PATH = Join-Path ([IO.Path]::GetTempPath()) "azbi-pester-cache-$PID"
}

<# Queues an emulator fault for the next $Count requests whose path contains $PathContains, after letting $Skip of them through; 'slow' waits $DelayMilliseconds. #>
function Add-EmulatorFault($Emulator, [string] $Kind, [string] $PathContains, [int] $Count = 1, [int] $Skip = 0, [int] $RetryAfterSeconds = 1, [int] $DelayMilliseconds = 1000) {
    $body = @{ kind = $Kind; count = $Count; pathContains = $PathContains; skip = $Skip; retryAfterSeconds = $RetryAfterSeconds; delayMilliseconds = $DelayMilliseconds } | ConvertTo-Json
    Invoke-RestMethod -Method Post -Uri "$($Emulator.Endpoint)_emulator/faults" -Body $body -ContentType 'application/json' | Out-Null
}

function Clear-EmulatorFault($Emulator) {
    Invoke-RestMethod -Method Delete -Uri "$($Emulator.Endpoint)_emulator/faults" | Out-Null
}

<#
Runs a script in a fresh pwsh (a process that has loaded nothing yet: no module, no token cache; it inherits this
process's environment) and returns the last line of its output as JSON. A dotnet-tool PowerShell has no native host
in $PSHOME and runs as 'dotnet pwsh.dll'.
#>
function Invoke-FreshSession([string] $Script) {
    $native = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $output = if (Test-Path -LiteralPath $native) { & $native -NoProfile -NonInteractive -Command $Script }
              else { & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -Command $Script }
    if ($LASTEXITCODE -ne 0) { throw "The session failed: $output" }
    ($output | Select-Object -Last 1) | ConvertFrom-Json
}

<# Starts the staged emulator program with extra options (for those Start-AzBillingEmulator does not offer); stop it with Stop-Process. #>
function Start-EmulatorProcess([string[]] $Options) {
    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    @((Join-Path $script:ModulePath 'emulator/AzBillingInsights.Emulator.dll'), '--port', '0', '--seed', '7', '--resource-count', '20', '--parent-pid', "$PID", '--now', $env:AZBILLINGINSIGHTS_NOW) + $Options |
        ForEach-Object { $start.ArgumentList.Add($_) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLine()
    if ($line -notlike 'AZBILLING_EMULATOR_READY *') { $process.Kill(); throw "The emulator did not start: $line" }
    $ready = $line.Substring('AZBILLING_EMULATOR_READY '.Length) | ConvertFrom-Json
    [pscustomobject]@{ Endpoint = $ready.endpoint; SubscriptionIds = $ready.subscriptionIds; ProcessId = $ready.processId; Process = $process }
}
