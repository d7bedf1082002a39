namespace AzBillingInsights.Engine.Access
{
    /// <summary>What one cheap call to an API found out about this identity.</summary>
    public enum AccessStatus
    {
        /// <summary>The call succeeded.</summary>
        Readable,
        /// <summary>403 AuthorizationFailed: no role on the subscription grants the read.</summary>
        NoRole,
        /// <summary>
        /// Invoices refused with 401 or 403: the Account Administrator has not opted in to invoice access, or the identity
        /// has no role; Azure's answer does not say which.
        /// </summary>
        NotOptedIn,
        /// <summary>The subscription's offer (EA, CSP) has no invoices in this API.</summary>
        NotSupported,
        /// <summary>401: ARM refused the token itself (expired, wrong audience or tenant).</summary>
        TokenRejected,
        /// <summary>404: the subscription is not in the connected tenant or cloud.</summary>
        NotFound,
        /// <summary>The call failed for another reason (throttling, a service error, no connection): access is unknown.</summary>
        Failed,
    }
}
