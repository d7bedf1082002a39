using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Identity;

namespace AzBillingInsights.Engine.Identity
{
    /// <summary>
    /// The service-principal certificate credential, with errors that name the file. Without a password
    /// Azure.Identity reads the path itself (PEM or PFX); a protected PFX is opened here with its password.
    /// </summary>
    internal static class CertificateLoader
    {
        internal static ClientCertificateCredential CreateCredential(
            string tenantId, string clientId, string path, string? password, ClientCertificateCredentialOptions options)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The certificate file '{path}' does not exist.", path);
            }

            if (string.IsNullOrEmpty(password))
            {
                return new ClientCertificateCredential(tenantId, clientId, path, options);
            }

            try
            {
                var certificate = new X509Certificate2(path, password, X509KeyStorageFlags.DefaultKeySet);
                if (!certificate.HasPrivateKey)
                {
                    throw new ArgumentException($"The certificate in '{path}' has no private key; a service principal signs in with the key. Export it as a PFX with its key.");
                }

                return new ClientCertificateCredential(tenantId, clientId, certificate, options);
            }
            catch (CryptographicException e)
            {
                throw new ArgumentException($"The certificate file '{path}' could not be opened ({e.Message.TrimEnd('.')}). Check the file and -CertificatePassword.", e);
            }
        }
    }
}
