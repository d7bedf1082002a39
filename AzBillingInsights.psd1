@{
    RootModule           = 'AzBillingInsights.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f6d1e-8a47-4c2e-9a8e-3f1c2d4b7a90'
    Author               = 'AzBillingInsights contributors'
    CompanyName          = 'AzBillingInsights'
    Copyright            = '(c) AzBillingInsights contributors. MIT License.'
    Description          = 'Usage, rate cards, invoices and estimated cost of Azure subscriptions, with a local emulator of the billing APIs.'
    # The assemblies target net8.0: PowerShell 7.4 (.NET 8) and later, Azure Automation's PowerShell 7.4 runbooks
    # included. CI exercises PowerShell 7.6.
    PowerShellVersion    = '7.4'
    CompatiblePSEditions = @('Core')
    FormatsToProcess     = @('AzBillingInsights.Format.ps1xml', 'AzBillingInsights.Billing.Format.ps1xml', 'AzBillingInsights.Forecast.Format.ps1xml', 'AzBillingInsights.Costs.Format.ps1xml', 'AzBillingInsights.RetailPrices.Format.ps1xml')
    CmdletsToExport      = @(
        'Start-AzBillingEmulator'
        'Stop-AzBillingEmulator'
        'Connect-AzBillingInsights'
        'Disconnect-AzBillingInsights'
        'Get-AzBillingInsightsContext'
        'Get-AzBillingInsightsPeriod'
        'Get-AzCostAlert'
        'Find-AzCostAnomaly'
        'Get-AzCostForecast'
        'Measure-AzEstimatedCost'
        'Export-AzCostReport'
        'Export-AzCostData'
        'Get-AzInvoice'
        'Save-AzInvoice'
        'Get-AzRateCard'
        'Get-AzRetailPrice'
        'Clear-AzPriceCache'
        'Get-AzPriceCache'
        'Set-AzPriceCache'
        'Get-AzUsageAggregate'
        'Get-AzCostDetail'
        'Test-AzBillingInsights'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @('Clear-AzRateCardCache', 'Get-AzRateCardCache', 'Set-AzRateCardCache')
    PrivateData          = @{
        PSData = @{
            Tags       = @('Azure', 'Billing', 'Cost', 'Usage', 'RateCard', 'Invoice', 'FinOps')
            LicenseUri = 'https://opensource.org/licenses/MIT'
        }
    }
}
