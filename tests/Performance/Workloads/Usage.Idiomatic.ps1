# Baseline: the idiomatic script — Invoke-RestMethod following nextLink, ConvertFrom-Json on each instanceData.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End)
$token = (Invoke-RestMethod "$($IdentityEndpoint)?resource=https://management.azure.com/&api-version=2019-08-01" -Headers @{ 'X-IDENTITY-HEADER' = $IdentityHeader }).access_token
$headers = @{ Authorization = "Bearer $token" }
$format = { param($t) [uri]::EscapeDataString($t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'")) }
$uri = "$($Endpoint)subscriptions/$SubscriptionId/providers/Microsoft.Commerce/UsageAggregates?api-version=2015-06-01-preview&reportedStartTime=$(& $format $Start)&reportedEndTime=$(& $format $End)&aggregationGranularity=Hourly&showDetails=true"
$clock = [Diagnostics.Stopwatch]::StartNew()
$rows = 0
while ($uri) {
    $page = Invoke-RestMethod -Uri $uri -Headers $headers
    foreach ($row in $page.value) {
        if ($row.properties.instanceData) { $null = $row.properties.instanceData | ConvertFrom-Json }
        $rows++
    }
    $uri = $page.nextLink
}
@{ Seconds = $clock.Elapsed.TotalSeconds; Rows = $rows } | ConvertTo-Json -Compress
