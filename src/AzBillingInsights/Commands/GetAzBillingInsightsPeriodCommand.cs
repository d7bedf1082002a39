using System;
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
    public sealed class GetAzBillingInsightsPeriodCommand : AsyncPSCmdlet
    {
        private const string ListSet = "List";
        private const string NameSet = "Name";

        /// <summary>Bound from piped objects' SubscriptionId or Id.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        /// <summary>Periods that end on or after this date.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? From { get; set; }

        /// <summary>Periods that end on or before this date.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime? To { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, BillingListQuery.MaxTop)]
        public int? First { get; set; }

        /// <summary>Names such as 201702-1, for example an invoice's BillingPeriodNames.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
        {
            if (!SubscriptionIdArgument.AcceptForThisInput(this, SubscriptionId))
            {
                return;
            }

            BillingConnection connection = BillingSession.Require();
            string subscriptionId = connection.ResolveSubscription(SubscriptionId);
            var invoices = new InvoiceClient(connection.Arm);
            if (ParameterSetName == NameSet)
            {
                foreach (string name in Name!)
                {
                    try
                    {
                        WriteObject(new BillingPeriod(await invoices.GetBillingPeriodAsync(subscriptionId, name, cancellationToken).ConfigureAwait(false)));
                    }
                    catch (ArmRequestException e)
                    {
                        WriteError(ErrorFactory.FromException(e, name));
                    }
                }

                return;
            }

            var query = new BillingListQuery { PeriodEndFrom = From, PeriodEndTo = To, First = First };
            query.Validate();
            try
            {
                await foreach (BillingPeriodRecord record in invoices.ListBillingPeriodsAsync(subscriptionId, query, cancellationToken).ConfigureAwait(false))
                {
                    WriteObject(new BillingPeriod(record));
                }
            }
            catch (ArmRequestException e)
            {
                WriteError(ErrorFactory.FromException(e, subscriptionId));
            }
        }
    }
}
