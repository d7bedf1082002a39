using System;
using System.Linq;
using System.Text;
using AzBillingInsights.Engine.Prices.RetailPrices;

namespace AzBillingInsights.Engine.Tests.Prices
{
    public sealed class RetailPricePageParserTests
    {
        [Fact]
        public void A_real_first_page_has_1000_items_and_its_NextPageLink_as_given()
        {
            RetailPricePage page = RetailPriceFixtures.Parse(RetailPriceFixtures.VirtualMachinesPage);

            Assert.Equal(1000, page.Prices.Count);
            Assert.Equal("USD", page.BillingCurrency);
            Assert.Equal(
                "https://prices.azure.com:443/api/retail/prices?api-version=2023-01-01-preview&$filter=serviceName%20eq%20%27Virtual%20Machines%27%20and%20armRegionName%20eq%20%27eastus2%27&$top=-980&$skip=1000",
                page.NextPageLink);
            Assert.Equal(575, page.Prices.Count(p => p.Type == "Consumption"));
            Assert.Equal(252, page.Prices.Count(p => p.Type == "DevTestConsumption"));
            Assert.Equal(173, page.Prices.Count(p => p.Type == "Reservation"));
        }

        [Fact]
        public void Every_field_of_a_real_item_is_read()
        {
            RetailPrice spot = RetailPriceFixtures.Parse(RetailPriceFixtures.VirtualMachinesPage).Prices
                .Single(p => p.MeterId == "02af2722-d1b0-5236-8734-934475452b4e");

            Assert.Equal("USD", spot.CurrencyCode);
            Assert.Equal(28.38806m, spot.UnitPrice);
            Assert.Equal("eastus2", spot.ArmRegionName);
            Assert.Equal("US East 2", spot.Location);
            Assert.Equal(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), spot.EffectiveStartDate);
            Assert.Equal(new DateTime(2026, 1, 31, 23, 59, 0, DateTimeKind.Utc), spot.EffectiveEndDate);
            Assert.Equal(DateTimeKind.Utc, spot.EffectiveStartDate.Kind);
            Assert.Equal("Standard_M832-208ds_12_v3 Spot", spot.MeterName);
            Assert.Equal("DZH318Z0FD2W", spot.ProductId);
            Assert.Equal("DZH318Z0FD2W/0139", spot.SkuId);
            Assert.Equal("Virtual Machines Mdsv3 High Memory Series Linux", spot.ProductName);
            Assert.Equal("Standard_M832-208ds_12_v3 Spot", spot.SkuName);
            Assert.Equal("Virtual Machines", spot.ServiceName);
            Assert.Equal("DZH313Z7MMC8", spot.ServiceId);
            Assert.Equal("Compute", spot.ServiceFamily);
            Assert.Equal("1 Hour", spot.UnitOfMeasure.Text);
            Assert.True(spot.IsPrimaryMeterRegion);
            Assert.Equal("Standard_M832ds-208_12_v3", spot.ArmSkuName);
            Assert.Null(spot.ReservationTerm);
            Assert.Empty(spot.SavingsPlans);
        }

        [Fact]
        public void The_exact_empty_result_is_a_last_page_without_prices()
        {
            RetailPricePage page = RetailPriceFixtures.Parse(RetailPriceFixtures.EmptyResult);

            Assert.Empty(page.Prices);
            Assert.Null(page.NextPageLink);
        }

        [Fact]
        public void A_single_page_result_has_no_next_page()
        {
            RetailPricePage page = RetailPriceFixtures.Parse(RetailPriceFixtures.CosmosDbPage);

            Assert.Equal(106, page.Prices.Count);
            Assert.Null(page.NextPageLink);
        }

        [Theory]
        [InlineData(0.5)]
        [InlineData(0.999)]
        public void A_page_cut_off_mid_way_is_an_error_not_a_short_page(double keep)
        {
            byte[] body = RetailPriceFixtures.Bytes(RetailPriceFixtures.StoragePage);
            byte[] cut = body.Take((int)(body.Length * keep)).ToArray();

            Assert.Throws<RetailPricesFormatException>(() => new RetailPricePageParser().Parse(cut));
        }

        [Fact]
        public void A_page_whose_Count_disagrees_with_its_items_is_an_error()
        {
            string body = Encoding.UTF8.GetString(RetailPriceFixtures.Bytes(RetailPriceFixtures.CosmosDbPage)).Replace("\"Count\":106", "\"Count\":107");

            Assert.Throws<RetailPricesFormatException>(() => new RetailPricePageParser().Parse(Encoding.UTF8.GetBytes(body)));
        }
    }
}
