# Baseline: the idiomatic script: POST the report, poll its Location, then Invoke-RestMethod each blob | ConvertFrom-Csv.
# With -Read Bytes, the limit the transfer sets: the same exchange with each blob drained unparsed by HttpClient.
# With -Reads N, the whole exchange N times in one pwsh, as a session meets it once PowerShell's code is compiled.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End,
    [ValidateSet('Rows', 'Bytes')] [string] $Read = 'Rows', [int] $Reads = 1)
$token = (Invoke-RestMethod "$($IdentityEndpoint)?resource=https://management.azure.com/&api-version=2019-08-01" -Headers @{ 'X-IDENTITY-HEADER' = $IdentityHeader }).access_token
$headers = @{ Authorization = "Bearer $token" }
$body = @{ metric = 'ActualCost'; timePeriod = @{ start = $Start.ToString('yyyy-MM-dd'); end = $End.ToString('yyyy-MM-dd') } } | ConvertTo-Json
$seconds = foreach ($readIndex in 1..$Reads) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $accepted = Invoke-WebRequest -Method Post -Uri "$($Endpoint)subscriptions/$SubscriptionId/providers/Microsoft.CostManagement/generateCostDetailsReport?api-version=2022-05-01" -Headers $headers -Body $body -ContentType 'application/json'
    $location = [string] $accepted.Headers['Location']
    do {
        Start-Sleep -Seconds ([int] [string] $accepted.Headers['Retry-After'])
        $status = Invoke-RestMethod -Uri $location -Headers $headers
    } while ($status.status -ne 'Completed')
    $rows = 0
    $bytes = 0L
    foreach ($blob in $status.manifest.blobs) {
        if ($Read -eq 'Rows') {
            $rows += (Invoke-RestMethod -Uri $blob.blobLink | ConvertFrom-Csv | Measure-Object).Count
            continue
        }
        $http ??= [System.Net.Http.HttpClient]::new()
        $response = $http.GetAsync($blob.blobLink, [System.Net.Http.HttpCompletionOption]::ResponseHeadersRead).GetAwaiter().GetResult()
        $stream = $response.Content.ReadAsStream()
        $buffer = [byte[]]::new(1MB)
        while (($count = $stream.Read($buffer, 0, $buffer.Length)) -gt 0) { $bytes += $count }
        $response.Dispose()
    }
    $clock.Elapsed.TotalSeconds
}
# Seconds is the first read, in a fresh process; Reads has every read.
@{ Seconds = @($seconds)[0]; Reads = @($seconds); Rows = $rows; Bytes = $bytes } | ConvertTo-Json -Compress
