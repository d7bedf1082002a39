# Baseline: the same rows totalled the idiomatic way, Group-Object on resource group and day, then a decimal sum per group.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:IDENTITY_ENDPOINT = $IdentityEndpoint; $env:IDENTITY_HEADER = $IdentityHeader
Connect-AzBillingInsights -Identity -ArmEndpoint $Endpoint -SubscriptionId $SubscriptionId | Out-Null
$clock = [Diagnostics.Stopwatch]::StartNew()
$groups = @(Get-AzCostDetail -Scope $SubscriptionId -From $Start -To $End | Group-Object ResourceGroup, { $_.Date.ToString('yyyy-MM-dd') } | ForEach-Object {
    $sum = [decimal] 0; foreach ($row in $_.Group) { $sum += $row.Cost }
    [pscustomobject]@{ Name = $_.Name; Cost = $sum }
})
$total = [decimal] 0; foreach ($group in $groups) { $total += $group.Cost }
@{ Seconds = $clock.Elapsed.TotalSeconds; Groups = $groups.Count; Total = $total } | ConvertTo-Json -Compress
