namespace AzBillingInsights.Emulator;

/// <summary>A savings-plan price of a consumption item (USD per unit of measure).</summary>
internal readonly record struct RetailSavingsPlan(string Term, decimal UnitPrice);

/// <summary>
/// One item of the Retail Prices API, in USD: a (meter, type, term, tier) of the emulator's catalogue. The fields are
/// the API's, so the filter reads them by their OData names.
/// </summary>
internal sealed record RetailItem(
    string MeterId, string MeterName, string ProductId, string ProductName, string SkuId, string SkuName, string ArmSkuName,
    string ServiceId, string ServiceName, string ServiceFamily, string ArmRegionName, string Location, string UnitOfMeasure,
    string Type, string? ReservationTerm, decimal TierMinimumUnits, decimal UnitPrice, DateTime EffectiveStartDate,
    IReadOnlyList<RetailSavingsPlan> SavingsPlans)
{
    /// <summary>The value of an OData-filterable field (<see cref="RetailPriceFilter.Fields"/>); <c>priceType</c> is the item's <c>type</c>.</summary>
    public string? Field(string name) => name switch
    {
        "armRegionName" => ArmRegionName,
        "location" => Location,
        "meterId" => MeterId,
        "meterName" => MeterName,
        "productId" => ProductId,
        "skuId" => SkuId,
        "productName" => ProductName,
        "skuName" => SkuName,
        "serviceName" => ServiceName,
        "serviceId" => ServiceId,
        "serviceFamily" => ServiceFamily,
        "priceType" => Type,
        "armSkuName" => ArmSkuName,
        _ => null,
    };
}
