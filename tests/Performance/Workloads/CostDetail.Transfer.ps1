# Limit: the report's exchange and its blobs' bytes alone (POST, poll, then each blob drained into Stream.Null by
# HttpClient, nothing parsed), in a fresh pwsh as the module's workload runs: what the transfer costs on this machine,
# the emulator's sending included.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End)
$token = (Invoke-RestMethod "$($IdentityEndpoint)?resource=https://management.azure.com/&api-version=2019-08-01" -Headers @{ 'X-IDENTITY-HEADER' = $IdentityHeader }).access_token
$headers = @{ Authorization = "Bearer $token" }
$body = @{ metric = 'ActualCost'; timePeriod = @{ start = $Start.ToString('yyyy-MM-dd'); end = $End.ToString('yyyy-MM-dd') } } | ConvertTo-Json
$http = [System.Net.Http.HttpClient]::new()
$clock = [Diagnostics.Stopwatch]::StartNew()
$accepted = Invoke-WebRequest -Method Post -Uri "$($Endpoint)subscriptions/$SubscriptionId/providers/Microsoft.CostManagement/generateCostDetailsReport?api-version=2022-05-01" -Headers $headers -Body $body -ContentType 'application/json'
$location = [string] $accepted.Headers['Location']
do {
    Start-Sleep -Seconds ([int] [string] $accepted.Headers['Retry-After'])
    $status = Invoke-RestMethod -Uri $location -Headers $headers
} while ($status.status -ne 'Completed')
$bytes = 0L
foreach ($blob in $status.manifest.blobs) {
    $response = $http.GetAsync($blob.blobLink, [System.Net.Http.HttpCompletionOption]::ResponseHeadersRead).GetAwaiter().GetResult()
    $stream = $response.Content.ReadAsStream()
    $buffer = [byte[]]::new(1MB)
    while (($read = $stream.Read($buffer, 0, $buffer.Length)) -gt 0) { $bytes += $read }
    $response.Dispose()
}
@{ Seconds = $clock.Elapsed.TotalSeconds; Bytes = $bytes } | ConvertTo-Json -Compress
