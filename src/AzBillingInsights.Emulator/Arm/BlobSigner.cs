using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AzBillingInsights.Emulator;

internal enum BlobAccess
{
    Granted,
    Missing,
    BadSignature,
    Expired,
}

/// <summary>
/// Shared-access signatures for the emulator's blob path, shaped like Azure Storage SAS query strings
/// (sv, sr, sp, st, se, sig) and signed with a per-process key over the blob path and expiry.
/// </summary>
internal sealed class BlobSigner
{
    public const string StorageVersion = "2019-02-02";
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    public string SignedUrl(Uri endpoint, string blobPath, DateTimeOffset expiry)
    {
        string start = Format(EmulatorClock.RealNow.AddMinutes(-5));
        string end = Format(expiry);
        return $"{endpoint}_blob/{blobPath}?sv={StorageVersion}&sr=b&sp=r&st={Uri.EscapeDataString(start)}&se={Uri.EscapeDataString(end)}&sig={Uri.EscapeDataString(Sign(blobPath, end))}";
    }

    public BlobAccess Check(string blobPath, string? expiry, string? signature)
    {
        if (string.IsNullOrEmpty(expiry) || string.IsNullOrEmpty(signature))
        {
            return BlobAccess.Missing;
        }
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(blobPath, expiry)), Encoding.ASCII.GetBytes(signature)))
        {
            return BlobAccess.BadSignature;
        }
        return DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset end) && end > EmulatorClock.RealNow
            ? BlobAccess.Granted
            : BlobAccess.Expired;
    }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string Sign(string blobPath, string expiry) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(blobPath + "\n" + expiry)));
}
