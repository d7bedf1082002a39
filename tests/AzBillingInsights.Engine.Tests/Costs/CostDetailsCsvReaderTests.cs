using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Tests.Prices;

namespace AzBillingInsights.Engine.Tests.Costs
{
    /// <summary>The cost CSV reader against real exports (Fixtures/costs, see PROVENANCE.md): the same reader that reads Cost Details blobs.</summary>
    public sealed class CostDetailsCsvReaderTests
    {
        internal static async Task<List<CostRow>> ReadFixtureAsync(string name, CostMetric? metric = null)
        {
            using FileStream file = File.OpenRead(FixtureFiles.PathOf(Path.Combine("costs", name)));
            return await ReadAsync(file, metric);
        }

        internal static async Task<List<CostRow>> ReadAsync(Stream stream, CostMetric? metric = null)
        {
            var rows = new List<CostRow>();
            await foreach (CostRow row in CostDetailsCsvReader.ReadAsync(stream, metric, CancellationToken.None))
            {
                rows.Add(row);
            }

            return rows;
        }

        /// <summary>Some of a fixture's rows with cells changed as a test needs, written out and read back through the reader.</summary>
        internal static async Task<List<CostRow>> ReadEditedFixtureAsync(
            string name, CostMetric? metric, Func<IEnumerable<CostRow>, IEnumerable<CostRow>> select, Action<IDictionary<string, string>> edit)
        {
            List<CostRow> rows = select(await ReadFixtureAsync(name, metric)).ToList();
            List<string> header = rows[0].Columns.Keys.ToList();
            var csv = new StringBuilder().Append(string.Join(",", header.Select(Quote))).Append("\r\n");
            foreach (CostRow row in rows)
            {
                var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (KeyValuePair<string, string> cell in row.Columns)
                {
                    cells.TryAdd(cell.Key, cell.Value);
                }

                edit(cells);
                csv.Append(string.Join(",", header.Select(h => Quote(cells[h])))).Append("\r\n");
            }

            return await ReadTextAsync(csv.ToString(), metric);
        }

        private static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";

        private static Task<List<CostRow>> ReadTextAsync(string csv, CostMetric? metric = null) => ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), metric);

        [Fact]
        public async Task EaActualCostExport_ReadsEveryRowWithItsTypedFields()
        {
            List<CostRow> rows = await ReadFixtureAsync("finops-toolkit-EA-ActualCost-export-sample.csv", CostMetric.ActualCost);

            Assert.Equal(11, rows.Count);
            Assert.All(rows, r => Assert.Equal(CostDetailsSchema.EnterpriseAgreement, r.Schema));
            Assert.All(rows, r => Assert.Equal(CostMetric.ActualCost, r.Metric));
            Assert.Equal(8.5450077867419368m, rows.Sum(r => r.Cost));

            CostRow purchase = rows[0];
            Assert.Equal(new DateTime(2023, 9, 21), purchase.Date);
            Assert.Equal("8611537", purchase.BillingAccountId);
            Assert.Equal("202309", purchase.BillingPeriodId);
            Assert.Equal("1caaa5a3-2b66-438e-8ab4-bce37d518c5d", purchase.SubscriptionId);
            Assert.Equal("Purchase", purchase.ChargeType);
            Assert.Equal("Reservation", purchase.PricingModel);
            Assert.Equal("49ed0e4d-8e0c-4f1f-af2c-67c865056615", purchase.ReservationId);
            Assert.Equal("VM_RI_06-21-2023_18-56", purchase.BenefitName);
            Assert.Equal(3.25m, purchase.Cost);
            Assert.Equal(0m, purchase.PayGPrice);
            Assert.Equal("USD", purchase.Currency);
            Assert.Empty(purchase.Tags);

            CostRow storage = rows[1];
            Assert.Equal(new DateTime(2023, 9, 4), storage.Date);
            Assert.Equal("databricks-rg-PeskyData-s6taefbli5c5e", storage.ResourceGroup);
            Assert.Equal("/subscriptions/ed570627-0265-4620-bb42-bae06bcfa914/resourceGroups/databricks-rg-PeskyData-s6taefbli5c5e/providers/Microsoft.Storage/storageAccounts/dbstoragewp6hglwvvrad2", storage.ResourceId);
            Assert.Equal("EastUS2", storage.ResourceLocation);
            Assert.Equal("aaaef613-418a-4a5f-af72-d224d7dee2c6", storage.MeterId);
            Assert.Equal("GRS List and Create Container Operations", storage.MeterName);
            Assert.Equal(0.0004m, storage.Quantity);
            Assert.Equal("10K", storage.UnitOfMeasure);
            Assert.Equal(0.1m, storage.EffectivePrice);
            Assert.Equal(0.00004m, storage.Cost);
            Assert.Equal("OnDemand", storage.PricingModel);
        }

        [Fact]
        public async Task BraceLessJsonTags_BecomeACaseInsensitiveDictionary()
        {
            CostRow storage = (await ReadFixtureAsync("finops-toolkit-EA-ActualCost-export-sample.csv"))[1];

            Assert.Equal(5, storage.Tags.Count);
            Assert.Equal("1234", storage.Tags["costcenter"]);
            Assert.Equal("databricks", storage.Tags["APPLICATION"]);
            Assert.Equal("true", storage.Tags["databricks-environment"]);
        }

        [Fact]
        public async Task EaAmortizedCostExport_KeepsReservationAndSavingsPlanRowsWithTheirBenefit()
        {
            List<CostRow> rows = await ReadFixtureAsync("finops-toolkit-EA-AmortizedCost-export-sample.csv", CostMetric.AmortizedCost);

            Assert.Equal(28, rows.Count);
            Assert.All(rows, r => Assert.Equal("Usage", r.ChargeType));
            Assert.Equal(16.2969321366m, Math.Round(rows.Sum(r => r.Cost), 10));
            CostRow reservation = Assert.Single(rows, r => r.PricingModel == "Reservation");
            Assert.Equal(0.061644m, reservation.EffectivePrice);
            Assert.Equal(0.146m, reservation.UnitPrice);
            Assert.Equal(0.493152m, reservation.Cost);
            Assert.Equal("ProdDS1VMReservation", reservation.BenefitName);
            Assert.Equal("agentpool", reservation.Tags["poolName"]);
            CostRow savingsPlan = Assert.Single(rows, r => r.PricingModel == "SavingsPlan");
            Assert.StartsWith("/providers/Microsoft.BillingBenefits/savingsPlanOrders/", savingsPlan.BenefitId);
            Assert.Null(savingsPlan.ReservationId);
            Assert.Equal(0.006000000468m, savingsPlan.Cost);
        }

        [Fact]
        public async Task SchemaSpecificColumns_StayReadableByName()
        {
            CostRow row = (await ReadFixtureAsync("finops-toolkit-EA-ActualCost-export-sample.csv"))[1];

            Assert.Equal(55, row.Columns.Count);
            Assert.Equal("ACM9000", row.Columns["costcenter"]);
            Assert.Equal("MS-AZR-0017P", row.Columns["OfferId"]);
            Assert.Equal("Hot", row.Columns["PlanName"]);
            Assert.Equal("BillingAccountId", row.Columns.Keys.First());
        }

        [Fact]
        public async Task AnonymizedCadExport_ReadsCurrencyUsDatesAndAdditionalInfo()
        {
            List<CostRow> rows = await ReadFixtureAsync("focus-converters-anonymous-EA-export-sample.csv");

            Assert.Equal(27, rows.Count);
            Assert.All(rows, r => Assert.Equal("CAD", r.Currency));
            Assert.All(rows, r => Assert.Equal(new DateTime(2023, 9, 2), r.Date));
            Assert.Equal(1.26136926505726m, rows.Sum(r => r.Cost));
            CostRow first = rows[0];
            Assert.Equal(0.000305367m, first.Cost);
            Assert.Equal(0.40000m, first.PayGPrice);
            Assert.Equal("meta-data", first.AdditionalInfo["additional"]);
            Assert.Equal("valueB", first.Tags["tagb"]);
            Assert.Equal(3, rows.Count(r => r.PricingModel == "Spot"));
        }

        [Theory]
        [InlineData("opencost-headerset-Enterprise.csv", CostDetailsSchema.EnterpriseAgreement, "11111111-12ab-34dc-56ef-123456abcdef", "0", "CAD")]
        [InlineData("opencost-headerset-EnterpriseCamel.csv", CostDetailsSchema.MicrosoftCustomerAgreement, "11111111-1111-1111-1111-123456789012", "0.012", "USD")]
        [InlineData("opencost-headerset-German.csv", CostDetailsSchema.PayAsYouGoLegacy, "11111111-12ab-34dc-56ef-123456abcdef", "0.075", "USD")]
        [InlineData("opencost-headerset-PayAsYouGo.csv", CostDetailsSchema.PayAsYouGoLegacy, "11111111-12ab-34dc-56ef-123456abcdef", "0.075", "USD")]
        [InlineData("opencost-headerset-YA.csv", CostDetailsSchema.EnterpriseAgreement, "11111111-12ab-34dc-56ef-123456abcdef", "0.075", "USD")]
        public async Task HeaderSets_AreDetectedAndMapped(string file, CostDetailsSchema schema, string subscriptionId, string cost, string currency)
        {
            CostRow row = Assert.Single(await ReadFixtureAsync(file));

            Assert.Equal(schema, row.Schema);
            Assert.Equal(subscriptionId, row.SubscriptionId);
            Assert.Equal(decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture), row.Cost);
            Assert.Equal(currency, row.Currency);
        }

        [Fact]
        public async Task McaCamelCaseRow_CarriesCostInUsdAndAdditionalInfo()
        {
            CostRow row = Assert.Single(await ReadFixtureAsync("opencost-headerset-EnterpriseCamel.csv"));

            Assert.Equal(0.012m, row.CostInUsd);
            Assert.Equal(new DateTime(2021, 2, 2), row.Date);
            Assert.Equal(3m, row.Quantity);
            Assert.Equal("databricks", row.ResourceGroup);
            Assert.Equal("Databricks", row.Tags["vendor"]);
            Assert.Empty(row.AdditionalInfo);
        }

        [Fact]
        public async Task LegacyHeaderWithByteOrderMark_IsDetected()
        {
            // The sample's own row has every value empty but the date; a row with a cost is put under its header (BOM and all).
            byte[] file = File.ReadAllBytes(FixtureFiles.PathOf(Path.Combine("costs", "opencost-headerset-BOM.csv")));
            string header = Encoding.UTF8.GetString(file).Split('\n')[0].TrimEnd('\r');
            Assert.StartsWith("\uFEFF", header);
            byte[] csv = Encoding.UTF8.GetBytes(header + "\r\n11111111-12ab-34dc-56ef-123456abcdef,rg,US East,2022-11-03,,,,,,3,0.025,0.075,,,,,,,,,,,USD,100 Hours\r\n");

            CostRow row = Assert.Single(await ReadAsync(new MemoryStream(csv)));

            Assert.Equal(CostDetailsSchema.PayAsYouGoLegacy, row.Schema);
            Assert.Equal(new DateTime(2022, 11, 3), row.Date);
            Assert.Equal("11111111-12ab-34dc-56ef-123456abcdef", row.SubscriptionId);
            Assert.Equal(0.075m, row.Cost);
        }

        [Fact]
        public async Task AnEmptyCost_IsAnErrorNotAZero()
        {
            var e = await Assert.ThrowsAsync<CostDetailsFormatException>(() => ReadFixtureAsync("opencost-headerset-BOM.csv"));

            Assert.Contains("column PreTaxCost", e.Message);
        }

        [Fact]
        public async Task AHeaderWithoutCostColumns_IsRefusedNamingWhatWasFound()
        {
            var e = await Assert.ThrowsAsync<CostDetailsFormatException>(() => ReadTextAsync("name,value\r\na,1\r\n"));

            Assert.Contains("not a cost-details report", e.Message);
            Assert.Contains("name,value", e.Message);
        }

        [Fact]
        public async Task AnEmptyReport_IsRefusedAsEmpty()
        {
            var e = await Assert.ThrowsAsync<CostDetailsFormatException>(() => ReadTextAsync(string.Empty));

            Assert.Contains("empty", e.Message);
        }

        [Fact]
        public async Task AReportEndingInsideAQuotedCell_NamesTheRowItCutOff()
        {
            string csv = "Date,CostInBillingCurrency,Tags\r\n09/01/2023,1.5,\"\"\"env\"\": \"\"prod\"\"\"\r\n09/02/2023,2.5,\"\"\"env\"\": \"\"pr";

            var e = await Assert.ThrowsAsync<CostDetailsFormatException>(() => ReadTextAsync(csv));

            Assert.Contains("Row 3", e.Message);
            Assert.Contains("cut off", e.Message);
        }

        [Fact]
        public async Task ARowCutOff_IsReportedAsDamagedNotReadAsShort()
        {
            string csv = "Date,SubscriptionId,CostInBillingCurrency,BillingCurrency\r\n09/01/2023,a,1.5,USD\r\n09/02/2023,b";

            var e = await Assert.ThrowsAsync<CostDetailsFormatException>(() => ReadTextAsync(csv));

            Assert.Contains("Row 3", e.Message);
            Assert.Contains("cut off", e.Message);
        }

        [Fact]
        public async Task ABadNumber_NamesTheRowAndTheColumn()
        {
            string csv = "Date,Quantity,CostInBillingCurrency\r\n09/01/2023,1,1.5\r\n09/02/2023,2,abc\r\n";

            var e = await Assert.ThrowsAsync<CostDetailsFormatException>(() => ReadTextAsync(csv));

            Assert.Contains("Row 3", e.Message);
            Assert.Contains("CostInBillingCurrency", e.Message);
            Assert.Contains("'abc'", e.Message);
        }

        [Fact]
        public async Task QuotedFieldsWithCommasQuotesAndLineBreaks_AreReadWhole()
        {
            string csv = "Date,CostInBillingCurrency,MeterName,Tags\r\n"
                + "2026-11-01,0.5,\"Data, \"\"Hot\"\"\nTier\",\"\"\"owner\"\": \"\"ops \\\"\"night\\\"\" shift\"\"\"\r\n";

            CostRow row = Assert.Single(await ReadTextAsync(csv));

            Assert.Equal("Data, \"Hot\"\nTier", row.MeterName);
            Assert.Equal("ops \"night\" shift", row.Tags["Owner"]);
        }

        [Fact]
        public async Task RepeatedCells_KeepTheRowBeforesValueAndChangedCellsReadTheirOwn()
        {
            string csv = "Date,BillingPeriodStartDate,ResourceId,CostInBillingCurrency,Tags,AdditionalInfo\r\n"
                + "11/01/2026,11/01/2026,/r/a,1.5,\"\"\"env\"\": \"\"prod\"\"\",\"\"\"x\"\": \"\"1\"\"\"\r\n"
                + "11/01/2026,11/01/2026,/r/a,1.5,\"\"\"env\"\": \"\"prod\"\"\",\"\"\"x\"\": \"\"2\"\"\"\r\n"
                + "\r\n"
                + "11/02/2026,11/01/2026,/r/b,1.5,\"\"\"env\"\": \"\"test\"\"\",\"\"\"x\"\": \"\"2\"\"\"\r\n"
                + "11/02/2026,11/01/2026,/r/a,4.5,\"\"\"env\"\": \"\"prod\"\"\",\"\"\"x\"\": \"\"1\"\"\"\r\n";

            List<CostRow> rows = await ReadTextAsync(csv);

            Assert.Equal(new[] { "/r/a", "/r/a", "/r/b", "/r/a" }, rows.Select(r => r.ResourceId));
            Assert.Equal(new[] { 1, 1, 2, 2 }, rows.Select(r => r.Date.Day));
            Assert.Equal(new[] { 1.5m, 1.5m, 1.5m, 4.5m }, rows.Select(r => r.Cost));
            Assert.All(rows, r => Assert.Equal(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc), r.BillingPeriodStartDate));
            Assert.Equal(new[] { "prod", "prod", "test", "prod" }, rows.Select(r => r.Tags["ENV"]));
            Assert.Equal(new[] { "1", "2", "2", "1" }, rows.Select(r => r.AdditionalInfo["x"]));
            // Equal tags are parsed once, wherever they repeat: rows share the read-only dictionary.
            Assert.Same(rows[0].Tags, rows[1].Tags);
            Assert.Same(rows[0].Tags, rows[3].Tags);
            Assert.Same(rows[0].AdditionalInfo, rows[3].AdditionalInfo);
            Assert.Equal("/r/b", rows[2].Columns["ResourceId"]);
        }

        [Fact]
        public async Task TagsOfEachResource_AreParsedOnceAcrossTheDays_EvenInALargeEstate()
        {
            // Real exports give each resource its own tags and additional info and list every resource each day:
            // day 2 must find what day 1 parsed although 6,000 resources lie between.
            const int Resources = 6000;
            var csv = new StringBuilder("Date,ResourceId,CostInBillingCurrency,Tags,AdditionalInfo\r\n");
            foreach (string day in new[] { "11/01/2026", "11/02/2026" })
            {
                for (int r = 0; r < Resources; r++)
                {
                    csv.Append($"{day},/r/vm-{r},0.5,\"\"\"Name\"\": \"\"vm-{r}\"\"\",\"{{\"\"VmName\"\":\"\"vm-{r}\"\"}}\"\r\n");
                }
            }

            List<CostRow> rows = await ReadTextAsync(csv.ToString());

            Assert.Equal(2 * Resources, rows.Count);
            Assert.Equal("vm-5999", rows[^1].Tags["name"]);
            Assert.Equal("vm-5999", rows[^1].AdditionalInfo["VmName"]);
            for (int r = 0; r < Resources; r++)
            {
                Assert.Same(rows[r].Tags, rows[Resources + r].Tags);
                Assert.Same(rows[r].AdditionalInfo, rows[Resources + r].AdditionalInfo);
            }

            // Each resource's map is its own, but the key names are one string for all of them.
            Assert.Same(rows[0].Tags.Keys.Single(), rows[1].Tags.Keys.Single());
            Assert.Same(rows[0].AdditionalInfo.Keys.Single(), rows[Resources - 1].AdditionalInfo.Keys.Single());
        }
    }
}
