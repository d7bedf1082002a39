using System.Management.Automation;
using System.Security;

namespace AzBillingInsights
{
    /// <summary>ValidateNotNullOrEmpty for a SecureString, which that attribute does not look inside.</summary>
    public sealed class ValidateNotEmptySecretAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            if (arguments is not SecureString secret || secret.Length == 0)
            {
                throw new ValidationMetadataException("The argument is null or empty. Provide a non-empty SecureString or string.");
            }
        }
    }
}
