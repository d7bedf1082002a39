using System.Management.Automation;
using System.Net;
using System.Security;

namespace AzBillingInsights
{
    /// <summary>
    /// Lets a SecureString parameter take plain text too. Az.Accounts hands out a token as a SecureString or as
    /// text depending on its version; PowerShell would otherwise refuse the text, and a [string] parameter would
    /// silently turn a SecureString into the words "System.Security.SecureString".
    /// </summary>
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is string text ? new NetworkCredential(string.Empty, text).SecurePassword : value;
        }
    }
}
