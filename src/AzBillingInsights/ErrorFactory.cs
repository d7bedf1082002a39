using System;
using System.IO;
using System.Threading;
using System.Management.Automation;
using AzBillingInsights.Engine;
using AzBillingInsights.Engine.Http;
using AzBillingInsights.Engine.Identity;
using AzBillingInsights.Engine.RateCards;

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
            string status = e.Status == 0 ? string.Empty : $"{e.Status} ";
            string message = $"{Capitalize(e.Operation)} failed: {status}{e.ErrorCode}: {e.Message} (request id {e.RequestId})."
                + (e.ContinuationToken is null ? string.Empty : $" Resume with -ContinuationToken '{e.ContinuationToken}'.");
            var wrapped = new ArmRequestException(e.Status, e.ErrorCode, message, e.RequestId, e.Operation) { ContinuationToken = e.ContinuationToken };
            return e.ErrorCode switch
            {
                "InvoiceAccessNotEnabled" => Create(wrapped, "InvoiceAccessNotEnabled", ErrorCategory.PermissionDenied, target,
                    "Invoices are readable through the API only after the subscription's Account Administrator opts in: in the Azure portal, "
                    + "Cost Management + Billing > Invoices > Access to invoice, turn on access for this subscription. A role on the subscription alone is not enough. Then run the command again."),
                "UnsupportedSubscriptionType" => Create(wrapped, "InvoiceNotSupported", ErrorCategory.NotImplemented, target,
                    "This subscription's offer (for example Enterprise Agreement or CSP) has no invoices in this API. The account admin downloads them from the EA portal, Partner Center or Cost Management instead."),
                "InvalidRateCardFilter" => Create(wrapped, "InvalidRateCardFilter", ErrorCategory.InvalidArgument, target,
                    "Check -OfferDurableId, -Currency, -Locale and -RegionInfo: the offer the subscription was bought under, a currency it is sold in, a locale such as en-US and the two-letter country of purchase."),
                ArmRequestException.ConnectionFailedCode => Create(wrapped, "ConnectionFailed", ErrorCategory.ConnectionError, target,
                    ConnectionAdvice.TrimEnd('.') + (e.ContinuationToken is null ? "." : ", resuming with -ContinuationToken.")),
                "MalformedResponse" => Create(wrapped, "MalformedResponse", ErrorCategory.InvalidResult, target,
                    "The service kept answering with a damaged page. Run the command again later" + (e.ContinuationToken is null ? "." : ", resuming with -ContinuationToken.")),
                _ => FromArmStatus(e, wrapped, target),
            };
        }

        private static ErrorRecord FromArmStatus(ArmRequestException e, ArmRequestException wrapped, object? target)
        {
            return e.Status switch
            {
                401 => Create(wrapped, "AuthenticationFailed", ErrorCategory.AuthenticationError, target, AuthenticationAdvice(e.ErrorCode)),
                403 => Create(wrapped, "AuthorizationFailed", ErrorCategory.PermissionDenied, target,
                    $"The signed-in identity has no role that grants this read. Ask an Owner of the subscription to assign it {UsageRoles} on the subscription (Access control (IAM) > Add role assignment), then connect again."),
                404 => Create(wrapped, "NotFound", ErrorCategory.ObjectNotFound, target, "Check the subscription id and the name you asked for."),
                429 => Create(wrapped, "Throttled", ErrorCategory.LimitsExceeded, target,
                    "Azure Resource Manager throttled the requests and retries ran out. Wait a few minutes, then resume" + (e.ContinuationToken is null ? "." : " with -ContinuationToken.")),
                400 => Create(wrapped, "BadRequest", ErrorCategory.InvalidArgument, target, null),
                _ when e.Status >= 500 => Create(wrapped, "ServiceError", ErrorCategory.ResourceUnavailable, target,
                    "The service failed after retries. Run the command again later" + (e.ContinuationToken is null ? "." : ", resuming with -ContinuationToken.")),
                _ => Create(wrapped, "RequestFailed", ErrorCategory.NotSpecified, target, null),
            };
        }

        private static string AuthenticationAdvice(string? code) => code switch
        {
            "ExpiredAuthenticationToken" => "The access token has expired. Connect again with Connect-AzBillingInsights (a token given with -AccessToken cannot be renewed; prefer a credential that can).",
            "InvalidAuthenticationTokenAudience" => "The token was issued for another audience. Get a token for the ARM endpoint (for example https://management.azure.com/) and connect again.",
            _ => "The token was not accepted. Connect again with Connect-AzBillingInsights; check that the tenant and the cloud (-Environment) match the subscription.",
        };

        private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
