# Limit: a raw HttpClient drain of the same pages (bytes only; nextLink found in each page's tail).
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId, [datetime] $Start, [datetime] $End)
$token = (Invoke-RestMethod "$($IdentityEndpoint)?resource=https://management.azure.com/&api-version=2019-08-01" -Headers @{ 'X-IDENTITY-HEADER' = $IdentityHeader }).access_token
$client = [System.Net.Http.HttpClient]::new()
$client.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $token)
$format = { param($t) [uri]::EscapeDataString($t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'")) }
$uri = "$($Endpoint)subscriptions/$SubscriptionId/providers/Microsoft.Commerce/UsageAggregates?api-version=2015-06-01-preview&reportedStartTime=$(& $format $Start)&reportedEndTime=$(& $format $End)&aggregationGranularity=Hourly&showDetails=true"
$pattern = [regex] '"nextLink"\s*:\s*"([^"]+)"'
$clock = [Diagnostics.Stopwatch]::StartNew()
$bytes = 0L
while ($uri) {
    $body = $client.GetByteArrayAsync($uri).GetAwaiter().GetResult()
    $bytes += $body.Length
    $tailLength = [Math]::Min(4096, $body.Length)
    $match = $pattern.Match([Text.Encoding]::UTF8.GetString($body, $body.Length - $tailLength, $tailLength))
    $uri = if ($match.Success) { [regex]::Unescape($match.Groups[1].Value) } else { $null }
}
@{ Seconds = $clock.Elapsed.TotalSeconds; Bytes = $bytes } | ConvertTo-Json -Compress
