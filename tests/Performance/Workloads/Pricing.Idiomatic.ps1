# Baseline: the idiomatic script — rate card by Invoke-RestMethod into a hashtable of first-tier rates, usage pages by
# Invoke-RestMethod following nextLink, ConvertFrom-Json on instanceData, Group-Object by resource group and day.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End, $CachePath)
$token = (Invoke-RestMethod "$($IdentityEndpoint)?resource=https://management.azure.com/&api-version=2019-08-01" -Headers @{ 'X-IDENTITY-HEADER' = $IdentityHeader }).access_token
$headers = @{ Authorization = "Bearer $token" }
$clock = [Diagnostics.Stopwatch]::StartNew()
$filter = [uri]::EscapeDataString("OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'")
$card = Invoke-RestMethod "$($Endpoint)subscriptions/$SubscriptionId/providers/Microsoft.Commerce/RateCard?api-version=2016-08-31-preview&`$filter=$filter" -Headers $headers
$rates = @{}
foreach ($meter in $card.Meters) { $rates[$meter.MeterId] = [decimal] ($meter.MeterRates.PSObject.Properties | Select-Object -First 1).Value }
$format = { param($t) [uri]::EscapeDataString($t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'")) }
$uri = "$($Endpoint)subscriptions/$SubscriptionId/providers/Microsoft.Commerce/UsageAggregates?api-version=2015-06-01-preview&reportedStartTime=$(& $format $Start)&reportedEndTime=$(& $format $End)&aggregationGranularity=Hourly&showDetails=true"
$priced = [System.Collections.Generic.List[object]]::new()
while ($uri) {
    $page = Invoke-RestMethod -Uri $uri -Headers $headers
    foreach ($row in $page.value) {
        $p = $row.properties
        $group = if ($p.instanceData) { ($p.instanceData | ConvertFrom-Json).'Microsoft.Resources'.resourceUri.Split('/')[4] } else { '' }
        $priced.Add([pscustomobject]@{ ResourceGroup = $group; Day = ([datetime] $p.usageStartTime).ToString('yyyy-MM-dd'); Cost = [decimal] $p.quantity * $rates[$p.meterId] })
    }
    $uri = $page.nextLink
}
$groups = $priced | Group-Object ResourceGroup, Day | ForEach-Object { [pscustomobject]@{ Key = $_.Name; Cost = ($_.Group | Measure-Object Cost -Sum).Sum } }
@{ Seconds = $clock.Elapsed.TotalSeconds; Rows = $priced.Count; Groups = @($groups).Count } | ConvertTo-Json -Compress
