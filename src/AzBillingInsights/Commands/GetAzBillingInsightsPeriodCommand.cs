using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Invoices;

namespace AzBillingInsights.Commands
{
    [Cmdlet(VerbsCommon.Get, "AzBillingInsightsPeriod", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(BillingPeriod))]
    public sealed class GetAzBillingInsightsPeriodCommand : BillingListCmdlet
    {
        private const string NameSet = "Name";

        /// <summary>Names such as 201702-1, for example an invoice's BillingPeriodNames.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override async Task ProcessSubscriptionAsync(AsyncPipeline pipeline, BillingConnection connection, string subscriptionId, CancellationToken cancellationToken)
        {
            var invoices = new InvoiceClient(connection.Arm);
            if (ParameterSetName == NameSet)
            {
                foreach (string name in Name!)
                {
                    try
                    {
                        pipeline.WriteObject(new BillingPeriod(await invoices.GetBillingPeriodAsync(subscriptionId, name, cancellationToken).ConfigureAwait(false)));
                    }
                    catch (ArmRequestException e)
                    {
                        pipeline.WriteError(ErrorFactory.FromException(e, name));
                    }
                }

                return;
            }

            BillingListQuery query = ListQuery();
            try
            {
                await foreach (BillingPeriodRecord record in invoices.ListBillingPeriodsAsync(subscriptionId, query, cancellationToken).ConfigureAwait(false))
                {
                    pipeline.WriteObject(new BillingPeriod(record));
                }
            }
            catch (ArmRequestException e)
            {
                pipeline.WriteError(ErrorFactory.FromException(e, subscriptionId));
            }
        }
    }
}
