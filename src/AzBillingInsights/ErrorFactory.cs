using System;
using System.IO;
using System.Threading;
using System.Management.Automation;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Costs;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Identity;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Prices.RateCardApi;

namespace AzBillingInsights
{
    /// <summary>
    /// The one place failures become ErrorRecords: a stable ErrorId scripts can match on, the category that
    /// fits, the ARM request id, and a recommended action a person can follow.
    /// </summary>
    internal static class ErrorFactory
    {
        internal const string UsageRoles = "Reader, Billing Reader, Contributor or Owner";

        private const string ConnectionAdvice = "The service could not be reached after retries. Check the network and the endpoint, then run the command again.";

        internal static ErrorRecord FromException(Exception exception, object? target = null) => exception switch
        {
            ArmRequestException arm => FromArm(arm, target),
            CostDetailsException e => FromCostDetails(e, target),
            CostDetailsFormatException e => Create(e, "InvalidCostReport", ErrorCategory.InvalidData, target,
                "The cost report could not be read as cost rows. Run the command again; if it persists, the report's layout is new to this module: report it with the message above."),
            NotConnectedException e => Create(e, "NotConnected", ErrorCategory.InvalidOperation, target,
                "Run Connect-AzBillingInsights, then run the command again."),
            InsecureEndpointException e => Create(e, "InsecureEndpoint", ErrorCategory.SecurityError, target,
                "Use an https endpoint; http is accepted only for loopback addresses."),
            SignInException e => Create(e, "SignInFailed", ErrorCategory.AuthenticationError, target,
                "Check the credential's values (tenant, application id, secret or certificate) or the managed identity of this host, then connect again."),
            DownloadLinkException e => Create(e, "DownloadFailed", e.IsLinkRejected ? ErrorCategory.PermissionDenied : ErrorCategory.ResourceUnavailable, target,
                "The download link was refused or the store failed. Run Get-AzInvoice again for a fresh link, then save again."),
            InvalidDataException e => Create(e, "InvalidDownload", ErrorCategory.InvalidData, target, "Run the command again; nothing partial was kept."),
            RateCardFormatException e => Create(e, "InvalidRateCard", ErrorCategory.InvalidData, target,
                "The rate card arrived cut off or unreadable. Run Get-AzRateCard again (add -Force to skip the caches)."),
            InvalidAccessTokenException e => Create(e, "InvalidAccessToken", ErrorCategory.InvalidArgument, target,
                "Pipe the token in: Get-AzAccessToken -ResourceUrl https://management.azure.com/ | Connect-AzBillingInsights. Or run "
                + "Connect-AzBillingInsights without -AccessToken to reuse the Connect-AzAccount or az login session."),
            AccessTokenExpiredException e => Create(e, "AccessTokenExpired", ErrorCategory.AuthenticationError, target,
                "Get a new token and connect again, or run Connect-AzBillingInsights without -AccessToken to reuse the Connect-AzAccount "
                + "or az login session, whose tokens are renewed before they expire."),
            FileNotFoundException e => Create(e, "FileNotFound", ErrorCategory.ObjectNotFound, target, null),
            ArgumentException e => Create(e, "InvalidArgument", ErrorCategory.InvalidArgument, target, null),
            IOException e => Create(e, "ConnectionFailed", ErrorCategory.ConnectionError, target, ConnectionAdvice),
            // A download link's pipeline (rate-card blob, invoice PDF) that got no answer: Azure.Core's own exceptions.
            _ when TransportFailure.Matches(exception, CancellationToken.None) => Create(
                new IOException($"No answer after retries: {TransportFailure.Describe(exception)}.", exception), "ConnectionFailed", ErrorCategory.ConnectionError, target, ConnectionAdvice),
            _ => Create(exception, "UnexpectedError", ErrorCategory.NotSpecified, target, null),
        };

        internal static ErrorRecord Create(Exception exception, string errorId, ErrorCategory category, object? target, string? recommendedAction)
        {
            var record = new ErrorRecord(exception, errorId, category, target);
            if (recommendedAction is not null)
            {
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction };
            }

            return record;
        }

        private static ErrorRecord FromArm(ArmRequestException e, object? target)
        {
            if (IsInvoiceAccessRefusal(e))
            {
                return InvoiceAccessNotEnabled(e, target);
            }

            string status = e.Status == 0 ? string.Empty : $"{e.Status} ";
            string code = e.ErrorCode is null ? string.Empty : $"{e.ErrorCode}: ";
            string message = $"{Capitalize(e.Operation)} failed: {status}{code}{e.Message} (request id {e.RequestId})."
                + (e.ContinuationToken is null ? string.Empty : $" Resume with -ContinuationToken '{e.ContinuationToken}'.");
            ArmRequestException wrapped = Rewrap(e, message);
            if (e.IsNotReady)
            {
                return NotReady(e, wrapped, target);
            }

            return e.ErrorCode switch
            {
                "UnsupportedSubscriptionType" => Create(wrapped, "InvoiceNotSupported", ErrorCategory.NotImplemented, target,
                    "This subscription's offer (for example Enterprise Agreement or CSP) has no invoices in this API. The account admin downloads them from the EA portal, Partner Center or Cost Management instead."),
                "InvalidRateCardFilter" => Create(wrapped, "InvalidRateCardFilter", ErrorCategory.InvalidArgument, target,
                    "Check -OfferDurableId, -Currency, -Locale and -RegionInfo: the offer the subscription was bought under, a currency it is sold in, a locale such as en-US and the two-letter country of purchase. "
                    + "RateCard does not serve every offer (Enterprise Agreement ones, for example): Measure-AzEstimatedCost -PriceSource RetailPrices prices at public list prices instead, and Get-AzRetailPrice reads them."),
                ArmRequestException.ConnectionFailedCode => Create(wrapped, "ConnectionFailed", ErrorCategory.ConnectionError, target,
                    ConnectionAdvice.TrimEnd('.') + (e.ContinuationToken is null ? "." : ", resuming with -ContinuationToken.")),
                "MalformedResponse" => Create(wrapped, "MalformedResponse", ErrorCategory.InvalidResult, target,
                    "The service kept answering with a damaged page. Run the command again later" + (e.ContinuationToken is null ? "." : ", resuming with -ContinuationToken.")),
                _ => FromArmStatus(e, wrapped, target),
            };
        }

        /// <summary>
        /// Azure answers an invoice read with 401 (often with no body) or 403 when the caller is not the Account
        /// Administrator and the administrator has not opted in, even with a token that reads usage. Only an expired
        /// token or one for another audience, which ARM names, is about the token.
        /// </summary>
        private static bool IsInvoiceAccessRefusal(ArmRequestException e) =>
            e.CallKind == ArmCallKind.Invoice && (e.Status == 401 || e.Status == 403)
            && e.ErrorCode is not ("ExpiredAuthenticationToken" or "InvalidAuthenticationTokenAudience");

        private static ErrorRecord InvoiceAccessNotEnabled(ArmRequestException e, object? target)
        {
            string said = e.ErrorCode is null ? e.Message : $"{e.ErrorCode}: {e.Message}";
            string message = $"{Capitalize(e.Operation)} was refused ({e.Status}, {said}; request id {e.RequestId}). Invoices can be read through the API "
                + "only by the subscription's Account Administrator, or by an identity with a role on the subscription once the Account Administrator "
                + "has opted in to invoice access. Usage and rate cards need no opt-in, so a token that reads them can still be refused here.";
            return Create(Rewrap(e, message), "InvoiceAccessNotEnabled", ErrorCategory.PermissionDenied, target,
                "Ask the subscription's Account Administrator to opt in: in the Azure portal, Cost Management + Billing > Invoices > Access to invoice, "
                + $"turn on access for this subscription; the identity also needs {UsageRoles} on it. Connecting again does not help. Then run the command again.");
        }

        /// <summary>A 202 that outlasted the polls: the data is not ready; nothing was read as an empty page.</summary>
        private static ErrorRecord NotReady(ArmRequestException e, ArmRequestException wrapped, object? target)
        {
            string errorId = e.CallKind switch
            {
                ArmCallKind.Usage => "UsageNotReady",
                ArmCallKind.Invoice or ArmCallKind.BillingPeriod => "InvoiceNotReady",
                _ => "NotReady",
            };
            return Create(wrapped, errorId, ErrorCategory.ResourceUnavailable, target,
                "The service has not finished preparing the data. Run the command again in a few minutes"
                + (e.ContinuationToken is null ? "." : ", resuming with -ContinuationToken."));
        }

        private static ArmRequestException Rewrap(ArmRequestException e, string message) =>
            new ArmRequestException(e.Status, e.ErrorCode, message, e.RequestId, e.Operation) { ContinuationToken = e.ContinuationToken, CallKind = e.CallKind };

        private static ErrorRecord FromArmStatus(ArmRequestException e, ArmRequestException wrapped, object? target)
        {
            return e.Status switch
            {
                401 => Create(wrapped, "AuthenticationFailed", ErrorCategory.AuthenticationError, target, AuthenticationAdvice(e.ErrorCode)),
                403 => Create(wrapped, "AuthorizationFailed", ErrorCategory.PermissionDenied, target,
                    $"The signed-in identity has no role that grants this read. Ask an Owner of the subscription to assign it {UsageRoles} on the subscription (Access control (IAM) > Add role assignment), then connect again."),
                404 => Create(wrapped, "NotFound", ErrorCategory.ObjectNotFound, target, "Check the subscription id and the name you asked for."),
                429 => Create(wrapped, "Throttled", ErrorCategory.LimitsExceeded, target,
                    "The service (Azure Resource Manager, or the Retail Prices API) throttled the requests and retries ran out. Wait a few minutes, then resume" + (e.ContinuationToken is null ? "." : " with -ContinuationToken.")),
                400 => Create(wrapped, "BadRequest", ErrorCategory.InvalidArgument, target, null),
                _ when e.Status >= 500 => Create(wrapped, "ServiceError", ErrorCategory.ResourceUnavailable, target,
                    "The service failed after retries. Run the command again later" + (e.ContinuationToken is null ? "." : ", resuming with -ContinuationToken.")),
                _ => Create(wrapped, "RequestFailed", ErrorCategory.NotSpecified, target, null),
            };
        }

        private static ErrorRecord FromCostDetails(CostDetailsException e, object? target) => e.Failure switch
        {
            CostDetailsFailure.ScopeNotSupported => Create(e, "CostDetailsScopeNotSupported", ErrorCategory.NotImplemented, target,
                "Cost Details serves Enterprise Agreement and Microsoft Customer Agreement scopes only. For a pay-as-you-go (MOSP), Visual Studio or sponsorship "
                + "subscription, estimate the cost with Get-AzUsageAggregate | Measure-AzEstimatedCost, or set up a Cost Management export of its cost details."),
            CostDetailsFailure.AccessDenied => Create(e, "CostDetailsAccessDenied", ErrorCategory.PermissionDenied, target,
                "Reading cost details needs Cost Management Reader (or Reader, Contributor, Owner) on a subscription or resource group, and Billing Reader "
                + "(EA: Enterprise Administrator (read only), Department Reader) on a billing account, profile or invoice section. Ask an owner of the scope for the role, then connect again."),
            CostDetailsFailure.Throttled => Create(e, "CostDetailsThrottled", ErrorCategory.LimitsExceeded, target,
                $"Wait {Minutes(e.RetryAfter)} and run the command again (reports already finished are reused), or give -MaxThrottleWait a longer time to let the command wait."),
            CostDetailsFailure.ReportFailed => Create(e, "CostReportFailed", ErrorCategory.InvalidResult, target,
                "Run the command again later. If the report keeps failing, ask for a shorter window or a narrower scope, or use a Cost Management export."),
            CostDetailsFailure.ReportTooLarge => Create(e, "CostReportTooLarge", ErrorCategory.LimitsExceeded, target,
                "Ask for a shorter window (-From/-To within a few days) or a narrower scope, or use a Cost Management export for data this large."),
            CostDetailsFailure.DownloadFailed => Create(e, "CostReportDownloadFailed", ErrorCategory.ConnectionError, target,
                "Run the same command again: the finished report is downloaded again without asking Cost Management for a new one, while its links are valid."),
            _ => Create(e, "CostReportTimedOut", ErrorCategory.OperationTimeout, target, "Run the command again later; Cost Management may be busy."),
        };

        private static string Minutes(TimeSpan? wait) =>
            wait is TimeSpan w ? (w.TotalMinutes >= 1 ? $"{Math.Ceiling(w.TotalMinutes):0} minutes" : $"{Math.Ceiling(w.TotalSeconds):0} seconds") : "a few minutes";

        private static string AuthenticationAdvice(string? code) => code switch
        {
            "ExpiredAuthenticationToken" => "The access token has expired. Connect again with Connect-AzBillingInsights (a token given with -AccessToken cannot be renewed; prefer a credential that can).",
            "InvalidAuthenticationTokenAudience" => "The token was issued for another audience. Get a token for the ARM endpoint (for example https://management.azure.com/) and connect again.",
            _ => "The token was not accepted. Connect again with Connect-AzBillingInsights; check that the tenant and the cloud (-Environment) match the subscription.",
        };

        private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
