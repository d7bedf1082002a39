using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AzBillingInsights
{
    /// <summary>Completes -GroupBy with the dimensions the rating engine knows; tags are completed as Tag:.</summary>
    public sealed class GroupByCompleter : IArgumentCompleter
    {
        private static readonly string[] Dimensions =
        {
            "SubscriptionId", "MeterCategory", "MeterSubCategory", "Meter", "ResourceGroup", "Resource", "Region", "Location", "Tag:", "Hour", "Day", "Month",
        };

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Dimensions
                .Where(d => d.StartsWith(wordToComplete ?? string.Empty, System.StringComparison.OrdinalIgnoreCase))
                .Select(d => new CompletionResult(d, d, CompletionResultType.ParameterValue, d == "Tag:" ? "Tag:<name>, e.g. Tag:CostCenter" : d));
    }
}
