using System;
using System.IO;
using System.Text;
using System.Text.Json;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Tests.Usage
{
    public sealed class UsagePageParserTests
    {
        [Fact]
        public void Parses_the_reference_example_a_classic_row_with_info_fields_only()
        {
            using JsonDocument example = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "usageaggregates-list-daily-response.json")));
            byte[] body = Encoding.UTF8.GetBytes(example.RootElement.GetProperty("responses").GetProperty("200").GetProperty("body").GetRawText());

            UsagePage page = new UsagePageParser().Parse(body);

            UsageRecord row = Assert.Single(page.Records);
            Assert.Equal("f68815e6-3c41-45ef-bbd8-5f83303c396b", row.SubscriptionId);
            Assert.Equal(new DateTimeOffset(2015, 3, 3, 0, 0, 0, TimeSpan.Zero), row.UsageStartTime);
            Assert.Equal(new DateTimeOffset(2015, 3, 4, 0, 0, 0, TimeSpan.Zero), row.UsageEndTime);
            Assert.Equal("Standard IO – Page Blob/Disk (GB)", row.MeterName);
            Assert.Equal("Geo Redundant", row.MeterSubCategory);
            Assert.Equal(0.057865m, row.Quantity);
            Assert.Equal("West US", row.InfoFields["meteredregion"]);
            Assert.Null(row.ResourceUri);
            Assert.Empty(row.Tags);
            Assert.Equal(string.Empty, row.MeterRegion);
            Assert.Null(page.NextLink);
        }

        [Fact]
        public void Parses_instance_data_into_resource_fields_and_case_insensitive_tags()
        {
            UsageRecord row = ParseSingle(Row(
                "\"meterRegion\":\"US East\",\"meterSubCategory\":\"D2 v3\",",
                "{\\\"Microsoft.Resources\\\":{\\\"resourceUri\\\":\\\"/subscriptions/s/resourceGroups/RG-Web/providers/Microsoft.Compute/virtualMachines/web01\\\",\\\"location\\\":\\\"eastus\\\",\\\"tags\\\":{\\\"CostCenter\\\":\\\"cc-42\\\",\\\"Empty\\\":null},\\\"additionalInfo\\\":{\\\"ServiceType\\\":\\\"Standard_D2_v3\\\"},\\\"partNumber\\\":\\\"P1\\\",\\\"orderNumber\\\":\\\"O1\\\"}}"));

            Assert.Equal("RG-Web", row.ResourceGroup);
            Assert.Equal("Microsoft.Compute", row.ResourceProvider);
            Assert.Equal("Microsoft.Compute/virtualMachines", row.ResourceType);
            Assert.Equal("web01", row.ResourceName);
            Assert.Equal("eastus", row.Location);
            Assert.Equal("cc-42", row.Tags["costcenter"]);
            Assert.Equal(string.Empty, row.Tags["Empty"]);
            Assert.Equal("Standard_D2_v3", row.AdditionalInfo["ServiceType"]);
            Assert.Equal("P1", row.PartNumber);
            Assert.Equal("O1", row.OrderNumber);
            Assert.Equal("US East", row.MeterRegion);
        }

        [Fact]
        public void Tolerates_null_tags_and_absent_region_and_subcategory()
        {
            UsageRecord row = ParseSingle(Row(
                string.Empty,
                "{\\\"Microsoft.Resources\\\":{\\\"resourceUri\\\":\\\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1/databases/db1\\\",\\\"location\\\":\\\"westeurope\\\",\\\"tags\\\":null,\\\"additionalInfo\\\":null}}"));

            Assert.Empty(row.Tags);
            Assert.Empty(row.AdditionalInfo);
            Assert.Equal(string.Empty, row.MeterRegion);
            Assert.Equal(string.Empty, row.MeterSubCategory);
            Assert.Equal("Microsoft.Sql/servers/databases", row.ResourceType);
            Assert.Equal("sql1/db1", row.ResourceName);
        }

        [Fact]
        public void Reads_next_link_and_its_continuation_token()
        {
            string json = "{\"value\":[],\"nextLink\":\"https://management.azure.com/subscriptions/s/providers/Microsoft.Commerce/UsageAggregates?api-version=2015-06-01-preview&continuationToken=abc%2B%3D%3D&reportedStartTime=x\"}";
            UsagePage page = new UsagePageParser().Parse(Encoding.UTF8.GetBytes(json));
            Assert.Empty(page.Records);
            Assert.Equal("abc+==", page.NextContinuationToken);
        }

        [Fact]
        public void Rows_of_one_resource_share_its_parsed_instance_data_across_pages()
        {
            const string instanceData = "{\\\"Microsoft.Resources\\\":{\\\"resourceUri\\\":\\\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app\\\",\\\"tags\\\":{\\\"Env\\\":\\\"prod\\\"}}}";
            var parser = new UsagePageParser();
            UsageRecord first = Assert.Single(parser.Parse(Encoding.UTF8.GetBytes(Row(string.Empty, instanceData))).Records);
            UsageRecord second = Assert.Single(parser.Parse(Encoding.UTF8.GetBytes(Row(string.Empty, instanceData, quantity: "2"))).Records);

            Assert.Same(first.Tags, second.Tags);
            Assert.Same(first.MeterName, second.MeterName);
            Assert.Equal("prod", second.Tags["env"]);
            Assert.Equal("app", second.ResourceName);
            Assert.Equal(2m, second.Quantity);
        }

        [Fact]
        public void Unescapes_instance_data_written_with_any_escapes_the_same_way()
        {
            // The same resource, once with plain escaped quotes and once with escaped slashes and a \u escape.
            const string plain = "{\\\"Microsoft.Resources\\\":{\\\"resourceUri\\\":\\\"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app\\\",\\\"tags\\\":{\\\"Team\\\":\\\"caf\u00e9\\\"}}}";
            const string escaped = "{\\\"Microsoft.Resources\\\":{\\\"resourceUri\\\":\\\"\\/subscriptions\\/s\\/resourceGroups\\/rg\\/providers\\/Microsoft.Web\\/sites\\/app\\\",\\\"tags\\\":{\\\"Team\\\":\\\"caf\\\\u00e9\\\"}}}";
            var parser = new UsagePageParser();
            UsageRecord first = Assert.Single(parser.Parse(Encoding.UTF8.GetBytes(Row(string.Empty, plain))).Records);
            UsageRecord second = Assert.Single(parser.Parse(Encoding.UTF8.GetBytes(Row(string.Empty, escaped))).Records);

            foreach (UsageRecord row in new[] { first, second })
            {
                Assert.Equal("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app", row.ResourceUri);
                Assert.Equal("rg", row.ResourceGroup);
                Assert.Equal("caf\u00e9", row.Tags["team"]);
            }
        }

        [Fact]
        public void Keeps_quantities_exact_in_decimal()
        {
            UsageRecord row = ParseSingle(Row(string.Empty, null, quantity: "2.4000000000"));
            Assert.Equal(2.4m, row.Quantity);
        }

        [Fact]
        public void A_truncated_page_is_an_error_not_a_short_page()
        {
            byte[] whole = Encoding.UTF8.GetBytes(Row(string.Empty, null));
            Assert.ThrowsAny<JsonException>(() => new UsagePageParser().Parse(whole.AsSpan(0, whole.Length / 2)));
        }

        [Theory]
        [InlineData("{\"value\":[],\"nextLink\":\"http://arm/usage?continuationToken=b\"}", "http://arm/usage?continuationToken=b")]
        [InlineData("{\"value\":[],\n  \"nextLink\" :\r\n \"http://arm/usage?a=1\\u0026continuationToken=b\"\n}", "http://arm/usage?a=1&continuationToken=b")]
        [InlineData("{\"value\":[],\"nextLink\":null}", null)]
        [InlineData("{\"value\":[]}", null)]
        [InlineData("{\"value\":[{\"properties\":{\"instanceData\":\"{\\\"nextLink\\\":\\\"http://arm/not-a-page\\\"}\"}}]}", null)]
        [InlineData("{\"value\":[],\"nextLink\":\"not a uri\"}", null)]
        public void Guesses_the_next_link_from_the_end_of_a_page_without_parsing_it(string page, string? expected)
        {
            Assert.Equal(expected, UsagePageParser.GuessNextLink(Encoding.UTF8.GetBytes(page))?.AbsoluteUri);
        }

        private static UsageRecord ParseSingle(string json) => Assert.Single(new UsagePageParser().Parse(Encoding.UTF8.GetBytes(json)).Records);

        private static string Row(string extra, string? instanceData, string quantity = "1") =>
            "{\"value\":[{\"id\":\"x\",\"name\":\"Daily_BRSDT_20261101_0000\",\"type\":\"Microsoft.Commerce/UsageAggregate\",\"properties\":{" +
            "\"subscriptionId\":\"s\",\"usageStartTime\":\"2026-11-01T00:00:00+00:00\",\"usageEndTime\":\"2026-11-02T00:00:00+00:00\"," +
            "\"meterName\":\"Compute Hours\"," + extra + "\"meterCategory\":\"Virtual Machines\",\"unit\":\"Hours\"," +
            (instanceData is null ? string.Empty : "\"instanceData\":\"" + instanceData + "\",") +
            "\"meterId\":\"m1\",\"infoFields\":{},\"quantity\":" + quantity + "}}]}";
    }
}
