# Workload: Get-AzCostDetail | Measure-AzEstimatedCost -GroupBy ResourceGroup, Day: a month's actual cost totalled as given.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End)
Import-Module (Join-Path $ModulePath 'AzBillingInsights.psd1')
$env:IDENTITY_ENDPOINT = $IdentityEndpoint; $env:IDENTITY_HEADER = $IdentityHeader
Connect-AzBillingInsights -Identity -ArmEndpoint $Endpoint -SubscriptionId $SubscriptionId | Out-Null
$clock = [Diagnostics.Stopwatch]::StartNew()
$groups = @(Get-AzCostDetail -Scope $SubscriptionId -From $Start -To $End | Measure-AzEstimatedCost -GroupBy ResourceGroup, Day)
$total = [decimal] 0; foreach ($group in $groups) { $total += $group.Cost }
@{ Seconds = $clock.Elapsed.TotalSeconds; Groups = $groups.Count; Total = $total; Rows = ($groups | Measure-Object RowCount -Sum).Sum } | ConvertTo-Json -Compress
