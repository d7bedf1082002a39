# Baseline: the idiomatic script. Invoke-RestMethod page by page, following NextPageLink, collecting the items.
param($Endpoint, $Filter)
$next = "$($Endpoint)api/retail/prices?api-version=2023-01-01-preview&`$filter=$([uri]::EscapeDataString($Filter))"
$clock = [Diagnostics.Stopwatch]::StartNew()
$items = while ($next) {
    $page = Invoke-RestMethod -Uri $next
    $page.Items
    $next = $page.NextPageLink
}
@{ Seconds = $clock.Elapsed.TotalSeconds; Items = @($items).Count } | ConvertTo-Json -Compress
