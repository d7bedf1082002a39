using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Invoices;

namespace AzBillingInsights.Commands
{
    [Cmdlet(VerbsCommon.Get, "AzInvoice", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(Invoice))]
    public sealed class GetAzInvoiceCommand : BillingListCmdlet
    {
        private const string LatestSet = "Latest";
        private const string NameSet = "Name";

        [Parameter(Mandatory = true, ParameterSetName = LatestSet)]
        public SwitchParameter Latest { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override async Task ProcessSubscriptionAsync(AsyncPipeline pipeline, BillingConnection connection, string subscriptionId, CancellationToken cancellationToken)
        {
            var invoices = new InvoiceClient(connection.Arm);
            switch (ParameterSetName)
            {
                case LatestSet:
                    await WriteOneAsync(pipeline, () => invoices.GetLatestAsync(subscriptionId, cancellationToken), subscriptionId).ConfigureAwait(false);
                    break;
                case NameSet:
                    foreach (string name in Name!)
                    {
                        // A missing name is reported and the others are still read, as the AzureRM cmdlet did.
                        await WriteOneAsync(pipeline, () => invoices.GetAsync(subscriptionId, name, cancellationToken), name).ConfigureAwait(false);
                    }

                    break;
                default:
                    await WriteListAsync(pipeline, invoices, subscriptionId, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        private async Task WriteListAsync(AsyncPipeline pipeline, InvoiceClient invoices, string subscriptionId, CancellationToken cancellationToken)
        {
            BillingListQuery query = ListQuery();
            pipeline.WriteVerbose($"Listing the invoices of {subscriptionId}, newest first.");
            try
            {
                await foreach (InvoiceRecord record in invoices.ListAsync(subscriptionId, query, cancellationToken).ConfigureAwait(false))
                {
                    pipeline.WriteObject(new Invoice(record));
                }
            }
            catch (ArmRequestException e)
            {
                pipeline.WriteError(ErrorFactory.FromException(e, subscriptionId));
            }
        }

        private static async Task WriteOneAsync(AsyncPipeline pipeline, Func<Task<InvoiceRecord>> read, string target)
        {
            try
            {
                pipeline.WriteObject(new Invoice(await read().ConfigureAwait(false)));
            }
            catch (ArmRequestException e)
            {
                pipeline.WriteError(ErrorFactory.FromException(e, target));
            }
        }
    }
}
