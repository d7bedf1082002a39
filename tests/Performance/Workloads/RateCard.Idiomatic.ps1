# Baseline: the idiomatic script. Invoke-RestMethod follows the 302 (dropping the token), returns the body as text
# because of its byte-order mark, and ConvertFrom-Json builds the whole document.
param($ModulePath, $Endpoint, $IdentityEndpoint, $IdentityHeader, $SubscriptionId)
$token = (Invoke-RestMethod "$($IdentityEndpoint)?resource=https://management.azure.com/&api-version=2019-08-01" -Headers @{ 'X-IDENTITY-HEADER' = $IdentityHeader }).access_token
$filter = [uri]::EscapeDataString("OfferDurableId eq 'MS-AZR-0003P' and Currency eq 'USD' and Locale eq 'en-US' and RegionInfo eq 'US'")
$uri = "$($Endpoint)subscriptions/$SubscriptionId/providers/Microsoft.Commerce/RateCard?api-version=2016-08-31-preview&`$filter=$filter"
$clock = [Diagnostics.Stopwatch]::StartNew()
$card = (Invoke-RestMethod -Uri $uri -Headers @{ Authorization = "Bearer $token" }).TrimStart([char] 0xFEFF) | ConvertFrom-Json
$meters = ($card.Meters | Measure-Object).Count
@{ Seconds = $clock.Elapsed.TotalSeconds; Meters = $meters } | ConvertTo-Json -Compress
